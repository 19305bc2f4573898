export { append, h } from '../widget/dom.js';

/** A same-origin URL from the server, or undefined: evidence links never become javascript: or third-party URLs. */
export function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url, location.href);
    return parsed.origin === location.origin ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
