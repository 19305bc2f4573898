import { DirectLine, type Activity, type DirectLineOptions } from 'botframework-directlinejs';
import { Observable } from 'rxjs/Observable.js';
import { WebSocket } from 'ws';

type AjaxRequest = { method?: string; url?: string; body?: unknown; headers?: Record<string, string>; responseType?: string; timeout?: number };

/**
 * The official Direct Line client (botframework-directlinejs) in Node. It was written for browsers:
 * it checks for a global `WebSocket` when constructed (ws provides one) and makes its HTTP calls
 * through rxjs's XMLHttpRequest-based `ajax`, which Node lacks; its documented `ajax` service
 * option takes this fetch-based equivalent (same request and response shapes, errors carry `status`).
 */
export function makeDirectLine(options: DirectLineOptions): DirectLine {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  return new DirectLine({ ...options, WebSocket: WebSocket as never, ajax: fetchAjax as never });
}

export function fetchAjax(request: AjaxRequest | string): Observable<unknown> {
  const r: AjaxRequest = typeof request === 'string' ? { url: request } : request;
  return new Observable((subscriber: { next(v: unknown): void; error(e: unknown): void; complete(): void }) => {
    const controller = new AbortController();
    const timer = r.timeout ? setTimeout(() => controller.abort(), r.timeout) : undefined;
    const headers = { ...(r.headers ?? {}) };
    let body: string | FormData | undefined;
    if (r.body instanceof FormData) {
      // fetch sets the multipart boundary itself.
      for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-type') delete headers[k];
      body = r.body;
    } else if (r.body !== undefined) body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    fetch(r.url ?? '', { method: r.method ?? 'GET', headers, body: body ?? null, signal: controller.signal })
      .then(async (res) => {
        const xhr = { getResponseHeader: (name: string) => res.headers.get(name), status: res.status };
        const response = r.responseType === 'arraybuffer' ? await res.arrayBuffer() : await res.text().then((t) => (t ? (JSON.parse(t) as unknown) : null));
        if (res.status >= 400) subscriber.error({ status: res.status, response, xhr });
        else {
          subscriber.next({ status: res.status, response, xhr });
          subscriber.complete();
        }
      })
      .catch((error: unknown) => subscriber.error({ status: 0, error }))
      .finally(() => clearTimeout(timer));
    return () => controller.abort();
  });
}

/** An activity as the tests read it (the package's union type hides fields such as replyToId on some members). */
export type Act = {
  id?: string;
  type: string;
  from: { id: string; name?: string; role?: string };
  text?: string;
  replyToId?: string;
  channelData?: Record<string, unknown>;
  attachments?: { contentType: string; name?: string; content?: unknown }[];
  suggestedActions?: { actions: { type: string; title: string; value: string }[] };
};

/** The conversation id and watermark the client keeps (private in its typings, public at run time). */
export function clientState(dl: DirectLine): { conversationId: string; watermark: string } {
  return dl as unknown as { conversationId: string; watermark: string };
}

/** Collects what the client receives and waits for what a test expects. */
export function collect(dl: DirectLine) {
  const activities: Act[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const subscription = dl.activity$.subscribe((a) => {
    activities.push(a as unknown as Act);
    for (const w of [...waiters])
      if (w.test()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  });
  return {
    activities,
    until(test: (all: Act[]) => boolean, what: string, ms = 20_000): Promise<void> {
      if (test(activities)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${activities.length} activities`)), ms);
        waiters.push({ test: () => test(activities), resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    stop: () => subscription.unsubscribe(),
  };
}

export function post(dl: DirectLine, activity: Partial<Act>): Promise<string> {
  return new Promise((resolve, reject) => {
    dl.postActivity({ type: 'message', from: { id: 'shopper' }, ...activity } as unknown as Activity).subscribe({ next: resolve, error: reject });
  });
}
