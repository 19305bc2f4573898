import type { Connection, Status } from './directLine.js';
import { h } from './dom.js';
import { HttpError, randomId } from './http.js';
import type { Strings } from './i18n.js';
import { actionsOf, fileNamesOf, renderBotMessage, renderUserMessage } from './render.js';
import { shapeInput } from './shapeInput.js';
import type { Activity, Locale } from './types.js';
import type { View } from './view.js';
import { makeDocumentsBar } from './documents.js';

type Pending = { clientId: string; activity: Activity; element: HTMLElement };

const TYPING_MS = 10_000;

/**
 * The conversation on screen: renders activities once each (by id, and the user's own messages by
 * their client activity id), keeps an outbox that is sent in order and retried when the connection
 * is back, and shapes the input from the last bot message.
 */
export function makeChat(view: View, t: Strings, locale: Locale) {
  let connection: Connection | undefined;
  const seen = new Set<string>();
  const mine = new Map<string, HTMLElement>();
  const outbox: Pending[] = [];
  let offered: { title: string; value: string }[] = [];
  let online = false;
  let flushing = false;
  let typingTimer: number | undefined;
  let countdown: number | undefined;
  let retryTimer: number | undefined;
  let retries = 0;
  const documents = makeDocumentsBar(view.docs, t, locale, () => connection);

  const scrollToEnd = () => (view.scroller.scrollTop = view.scroller.scrollHeight);
  const add = (el: HTMLElement) => {
    view.log.appendChild(el);
    scrollToEnd();
  };

  function handle(a: Activity): void {
    if (a.id) {
      if (seen.has(a.id)) return;
      seen.add(a.id);
    }
    const isBot = a.from?.role === 'bot' || (a.from?.id !== undefined && a.from.id !== connection?.userId() && a.from?.role !== 'user');
    if (a.type === 'typing') {
      // Typing activities replayed with the history after a reload are long over.
      if (isBot && !(a.timestamp && Date.now() - Date.parse(a.timestamp) > TYPING_MS)) showTyping(true);
      return;
    }
    if (a.type !== 'message') return;
    if (!isBot) return handleUser(a);
    showTyping(false);
    add(renderBotMessage(a, t, (value, title) => submit(value, title)));
    const caseNo = a.channelData?.weiquan?.caseNo;
    if (typeof caseNo === 'string' && /^WQ-\d{8}-[0-9A-Z]{4}$/.test(caseNo)) documents.caseFiled(caseNo);
    offered = actionsOf(a);
    showActions();
    shapeInput(view.shaped, a.channelData?.weiquan?.awaiting, offered.length > 0, t, submit);
    // The field says what the bot is waiting for (输入金额，如 299); the generic hint otherwise.
    view.input.placeholder = a.channelData?.weiquan?.placeholder ?? t.placeholder;
  }

  function handleUser(a: Activity): void {
    const clientId = a.channelData?.clientActivityID;
    const own = clientId ? mine.get(clientId) : oldestUnconfirmed(a.text);
    if (own) {
      own.classList.remove('pending');
      if (clientId) mine.delete(clientId);
      return;
    }
    // History after a reload, or a message sent from another tab: a button press shows its title.
    const title = offered.find((o) => o.value === a.text)?.title;
    add(renderUserMessage(title ?? a.text ?? '', t, fileNamesOf(a)));
    clearInputShapes();
  }

  function oldestUnconfirmed(text: string | undefined): HTMLElement | undefined {
    const p = outbox.find((o) => o.activity.text === text && o.element.classList.contains('pending'));
    return p?.element;
  }

  function submit(text: string, display?: string): void {
    const value = text.trim();
    if (!value) return;
    const clientId = randomId('c');
    const element = renderUserMessage(display ?? value, t);
    element.classList.add('pending');
    mine.set(clientId, element);
    add(element);
    outbox.push({
      clientId,
      element,
      activity: { type: 'message', text: value, locale: locale === 'zh' ? 'zh-CN' : 'en-US', channelData: { clientActivityID: clientId } },
    });
    clearInputShapes();
    void flush();
  }

  async function flush(): Promise<void> {
    if (flushing || !connection) return;
    flushing = true;
    try {
      while (online && outbox.length > 0) {
        const next = outbox[0];
        if (!next) break;
        try {
          const id = await connection.send(next.activity);
          if (id) seen.add(id);
          next.element.classList.remove('pending');
          note(next.element, '');
          mine.delete(next.clientId);
          outbox.shift();
          retries = 0;
        } catch (error) {
          const status = error instanceof HttpError ? error.status : 0;
          if (status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 429) {
            outbox.shift();
            note(next.element, t.uploadFailed);
            continue;
          }
          note(next.element, t.sendFailed);
          // Still online (say the service restarted and answers 503 while it loads): try again soon.
          window.clearTimeout(retryTimer);
          retryTimer = window.setTimeout(() => void flush(), Math.min(30_000, 2000 * 2 ** retries++));
          break;
        }
      }
    } finally {
      flushing = false;
    }
  }

  function note(element: HTMLElement, text: string): void {
    const n = element.querySelector('.note');
    if (n) n.textContent = text;
  }

  async function upload(file: File): Promise<void> {
    if (!connection) return;
    const clientId = randomId('c');
    const label = h('span', {}, [t.uploading(file.name)]);
    const progress = h('progress', { max: '1', value: '0', 'aria-label': t.uploading(file.name) });
    const element = h('div', { class: 'msg user upload' }, [
      h('span', { class: 'sr-only' }, [`${t.you}：`]),
      h('div', { class: 'bubble file' }, [label, progress]),
    ]);
    mine.set(clientId, element);
    add(element);
    try {
      const id = await connection.upload(
        file,
        { type: 'message', locale: locale === 'zh' ? 'zh-CN' : 'en-US', channelData: { clientActivityID: clientId } },
        (f) => (progress.value = f),
      );
      if (id) seen.add(id);
      progress.value = 1;
      label.textContent = t.uploaded(file.name);
      element.classList.add('done');
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 0;
      mine.delete(clientId);
      label.textContent =
        status === 413 ? t.tooLarge(limitOf(error instanceof HttpError ? error.body : undefined)) : status === 415 ? t.badType : t.uploadFailed;
      progress.remove();
      element.classList.add('failed');
    }
  }

  function showActions(): void {
    view.actions.replaceChildren(
      ...offered.map((o) => {
        const b = h('button', { type: 'button', class: 'chip' }, [o.title]);
        b.addEventListener('click', () => submit(o.value, o.title));
        return b;
      }),
    );
    view.actions.hidden = offered.length === 0;
  }

  function clearInputShapes(): void {
    offered = [];
    showActions();
    shapeInput(view.shaped, undefined, false, t, submit);
  }

  function showTyping(on: boolean): void {
    window.clearTimeout(typingTimer);
    view.typing.hidden = !on;
    if (on) {
      typingTimer = window.setTimeout(() => (view.typing.hidden = true), TYPING_MS);
      scrollToEnd();
    }
  }

  function setStatus(status: Status): void {
    online = status.kind === 'online';
    window.clearInterval(countdown);
    const banner = view.status;
    banner.dataset.state = status.kind;
    if (status.kind === 'online') {
      banner.hidden = true;
      banner.replaceChildren();
      void flush();
      return;
    }
    banner.hidden = false;
    if (status.kind === 'connecting') {
      banner.replaceChildren(h('span', {}, [t.connecting]));
      return;
    }
    const left = h('span', { class: 'countdown', 'aria-hidden': 'true' });
    const tick = () => (left.textContent = t.retrying(Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000))));
    tick();
    countdown = window.setInterval(tick, 1000);
    const retry = h('button', { type: 'button', class: 'chip retry' }, [t.retryNow]);
    retry.addEventListener('click', () => connection?.retryNow());
    banner.replaceChildren(h('span', {}, [status.kind === 'refused' ? t.refused : t.offline]), left, retry);
  }

  return {
    attach(c: Connection) {
      connection = c;
    },
    activities(list: Activity[]) {
      for (const a of list) {
        try {
          handle(a);
        } catch {
          // One unreadable activity must not stop the rest from rendering.
        }
      }
    },
    conversation() {
      seen.clear();
      mine.clear();
      outbox.length = 0;
      view.log.replaceChildren();
      documents.reset();
      clearInputShapes();
    },
    status: setStatus,
    submit,
    upload: (file: File) => void upload(file),
  };
}

/** The limit a 413 answer states (bytes), as "10 MB"; empty when it does not say. */
function limitOf(body: unknown): string {
  const error = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).error : undefined;
  const e = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const bytes = [e.limitBytes, e.maxBytes, e.limit].find((v): v is number => typeof v === 'number' && v > 0);
  if (bytes !== undefined) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  const said = typeof e.message === 'string' ? /(\d+(?:\.\d+)?)\s*MB/i.exec(e.message) : null;
  return said ? `${said[1]} MB` : '';
}
