/**
 * Text PostgreSQL cannot store (NUL in text or jsonb), JSON cannot round-trip (a lone UTF-16
 * surrogate), or that has no place in a message (C0/C1 control characters other than tab and
 * newlines). Such input is refused at the edge with a clear error, before anything is written.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
// The `u` flag makes the engine see code points, so a lone surrogate needs a non-unicode test too.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text) && !LONE_SURROGATE.test(text);
}

/** Nesting deeper than any request of ours needs: refused rather than walked. */
export const MAX_DEPTH = 32;

export type UnsafeFinding = { path: string; reason: 'characters' | 'depth' };

/**
 * The first string (key or value) in a parsed JSON value, query or header set that is not safe
 * text, or a value nested deeper than MAX_DEPTH. Iterative, so no input can exhaust the stack.
 */
export function findUnsafe(value: unknown, root = ''): UnsafeFinding | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isSafeText(v)) return { path: path || '(body)', reason: 'characters' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return { path: path || '(body)', reason: 'depth' };
    for (const [key, child] of Object.entries(v)) {
      const childPath = path ? `${path}.${key}` : key;
      if (!isSafeText(key)) return { path: childPath, reason: 'characters' };
      stack.push({ v: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}
