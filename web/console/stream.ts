import { parseStreamMessage } from './parse.js';
import type { StreamMessage } from './types.js';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

/** What the page tells the server: which conversation's transcript to push, from which entry on. */
export type ClientMessage = { type: 'watch'; conversationId: string; afterSeq: number } | { type: 'unwatch' };

export type StreamHandlers = {
  message(message: StreamMessage): void;
  state(state: StreamState): void;
  /** Called on every open, first or not: the place to (re)send what the server must know, e.g. `watch`. */
  opened(): void;
  /** Called when the socket is open again after a drop: whatever happened meanwhile must be refetched. */
  reconnected(): void;
  /** Called after a drop, before the next attempt; false stops reconnecting (the session ended). */
  shouldRetry(): Promise<boolean>;
};

/** First retry after one second, doubling to at most 30 s, with jitter so agents do not reconnect in step. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/**
 * The console's live channel, GET /console/stream (the session cookie authenticates the upgrade).
 * Server pushes only: no polling. Reconnects with backoff until stopped.
 */
export function openStream(handlers: StreamHandlers): { stop(): void; send(message: ClientMessage): void } {
  let socket: WebSocket | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let stopped = false;
  let everOpened = false;

  const connect = () => {
    if (stopped) return;
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/console/stream`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      handlers.state('open');
      handlers.opened();
      if (everOpened) handlers.reconnected();
      everOpened = true;
    });
    ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      try {
        const message = parseStreamMessage(event.data);
        if (message) handlers.message(message);
      } catch {
        // A malformed message is dropped; the next refetch corrects the view.
      }
    });
    ws.addEventListener('close', () => {
      if (socket !== ws || stopped) return;
      handlers.state('reconnecting');
      void handlers.shouldRetry().then((retry) => {
        if (!retry || stopped) return;
        const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
        attempt += 1;
        timer = setTimeout(connect, delay);
      });
    });
  };

  handlers.state('connecting');
  connect();
  return {
    // Not open: dropped; `opened` sends the current state again once the socket is back.
    send: (message) => {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close(1000);
    },
  };
}
