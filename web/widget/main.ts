import { makeChat } from './chat.js';
import { makeConnection } from './directLine.js';
import { pickLocale, strings } from './i18n.js';
import { makeSessionStore } from './sessionStore.js';
import css from './styles.css';
import { buildView, type View } from './view.js';

/**
 * Entry of widget.js: `<script src="https://HOST/widget.js" data-site="SITE_ID" async></script>`.
 * Everything runs inside try/catch and a shadow root: whatever fails, the host page keeps working,
 * and the only global is `window.WeiquanWidget`.
 */
type Api = { version: string; open(): void; close(): void; reset(): void };
declare global {
  interface Window {
    WeiquanWidget?: Api;
  }
}

const VERSION = '1';

try {
  boot();
} catch {
  // The widget stays absent; the host page is unaffected.
}

function boot(): void {
  if (window.WeiquanWidget) return;
  const script = findScript();
  const siteId = script?.getAttribute('data-site');
  if (!script || !siteId) return;
  const base = new URL(script.src, location.href).origin;
  const locale = pickLocale(script.getAttribute('data-locale'), navigator.languages ?? [navigator.language]);
  let mounted: ReturnType<typeof mount> | undefined;
  const whenMounted = (fn: (m: NonNullable<typeof mounted>) => void) => guard(() => mounted && fn(mounted))();
  window.WeiquanWidget = Object.freeze({
    version: VERSION,
    open: () => whenMounted((m) => m.open()),
    close: () => whenMounted((m) => m.close()),
    reset: () => whenMounted((m) => m.reset()),
  });
  const start = guard(() => (mounted = mount(base, siteId, locale)));
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

function mount(base: string, siteId: string, locale: 'zh' | 'en') {
  const t = strings(locale);
  const host = document.createElement('weiquan-widget');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, base);
  const view = buildView(t);
  root.append(view.launcher, view.panel);
  document.body.appendChild(host);

  const chat = makeChat(view, t, locale);
  const connection = makeConnection({ base, siteId, locale, store: makeSessionStore(siteId) }, chat);
  chat.attach(connection);
  let started = false;
  const openKey = `weiquan:${siteId}:open`;

  const open = () => {
    setOpen(view, true);
    remember(openKey, '1');
    if (!started) {
      started = true;
      connection.start();
    }
    view.input.focus();
  };
  const close = () => {
    setOpen(view, false);
    remember(openKey, undefined);
    view.launcher.focus();
  };
  const reset = () => {
    chat.conversation();
    connection.reset();
    view.input.focus();
  };
  wire(view, { open, close, submit: chat.submit, upload: chat.upload, reset });
  // A shopper moving between pages of the shop finds the conversation still open.
  if (recall(openKey) === '1') open();
  return { open, close, reset };
}

function wire(view: View, on: { open(): void; close(): void; submit(text: string): void; upload(file: File): void; reset(): void }): void {
  view.launcher.addEventListener(
    'click',
    guard(() => (view.panel.hidden ? on.open() : on.close())),
  );
  view.closeButton.addEventListener('click', guard(on.close));
  view.newChatButton.addEventListener('click', guard(on.reset));
  view.panel.addEventListener(
    'keydown',
    guard((e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        on.close();
      }
    }),
  );
  const send = () => {
    on.submit(view.input.value);
    view.input.value = '';
    view.input.focus();
  };
  view.form.addEventListener(
    'submit',
    guard((e: Event) => {
      e.preventDefault();
      send();
    }),
  );
  view.input.addEventListener(
    'keydown',
    guard((e: KeyboardEvent) => {
      // Enter sends, Shift+Enter breaks the line; never while an IME is composing Chinese.
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        send();
      }
    }),
  );
  view.attachButton.addEventListener(
    'click',
    guard(() => view.fileInput.click()),
  );
  view.fileInput.addEventListener(
    'change',
    guard(() => {
      for (const file of Array.from(view.fileInput.files ?? [])) on.upload(file);
      view.fileInput.value = '';
    }),
  );
}

function setOpen(view: View, open: boolean): void {
  view.panel.hidden = !open;
  view.launcher.setAttribute('aria-expanded', String(open));
  view.launcher.classList.toggle('is-open', open);
}

/**
 * A constructed stylesheet is not subject to the page's CSP `style-src` (it is not an inline
 * `<style>` or a fetched sheet), so the widget needs no style directive. Browsers without
 * constructable stylesheets load widget.css from the widget's own host instead.
 */
function adoptStyles(root: ShadowRoot, base: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `${base}/widget.css`;
  root.appendChild(link);
}

function findScript(): HTMLScriptElement | undefined {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.hasAttribute('data-site')) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]') ?? undefined;
}

function guard<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // Contained: an error in the widget never reaches the host page.
    }
  };
}

function remember(key: string, value: string | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage blocked: the panel simply starts closed on the next page.
  }
}

function recall(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
