import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Queryable } from './db.js';

export type Unsubscribe = () => Promise<void>;

/**
 * Small publish/subscribe across every instance on one database (PostgreSQL LISTEN/NOTIFY). A
 * message reaches this instance's handlers at once and the other instances' through NOTIFY. It is
 * a wake-up signal, not a queue: a payload names what changed (ids), and readers fetch from tables,
 * so a notification missed during a reconnect costs latency, never data.
 */
export type PubSub = {
  subscribe(channel: string, handler: (payload: string) => void): Promise<Unsubscribe>;
  publish(channel: string, payload: string): Promise<void>;
  /**
   * The payload as `pg_notify(channel, …)` must carry it when the caller sends the NOTIFY inside its
   * own statement (so it commits with the write, and costs no extra round trip). This instance's
   * handlers then do not hear it: the caller tells them itself.
   */
  wirePayload(payload: string): string;
  /** Called after the listening connection was re-established, when notifications may have been missed. */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
};

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
// NOTIFY payloads are limited to 8,000 bytes; ours carry ids.
const MAX_PAYLOAD = 7000;

export function makePubSub(deps: { url: string; db: Queryable; logger: Logger; connectTimeoutMs?: number }): PubSub {
  const origin = randomUUID();
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const reconnectHandlers: (() => void)[] = [];
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const deliver = (channel: string, payload: string) => {
    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        deps.logger.error({ err: error, channel }, 'pubsub.handler_failed');
      }
    }
  };

  const connect = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: deps.url, connectionTimeoutMillis: deps.connectTimeoutMs ?? 5000, application_name: 'weiquan-listener' });
      c.on('notification', (n) => {
        if (!n.payload) return;
        const separator = n.payload.indexOf(':');
        // Our own messages were delivered locally when published.
        if (n.payload.slice(0, separator) === origin) return;
        deliver(n.channel, n.payload.slice(separator + 1));
      });
      c.on('error', (error) => deps.logger.warn({ reason: error.message }, 'pubsub.connection_error'));
      c.on('end', () => {
        if (client === c) client = undefined;
        if (!closed) scheduleReconnect();
      });
      try {
        await c.connect();
        for (const channel of handlers.keys()) await c.query(`listen ${channel}`);
      } catch (error) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
        throw error;
      }
      client = c;
      return c;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(5000, 100 * 2 ** failures);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(
        () => {
          failures = 0;
          deps.logger.info({ channels: [...handlers.keys()] }, 'pubsub.reconnected');
          for (const handler of reconnectHandlers) handler();
        },
        (error: Error) => {
          failures += 1;
          deps.logger.warn({ reason: error.message, attempt: failures }, 'pubsub.reconnect_failed');
          scheduleReconnect();
        },
      );
    }, delay);
    retryTimer.unref();
  };

  return {
    async subscribe(channel, handler) {
      if (!CHANNEL.test(channel)) throw new Error(`pubsub channel "${channel}" must be a lower-case identifier`);
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        // A failed LISTEN now is retried by the reconnect loop, which listens on every channel.
        const c = await connect().catch((error: Error) => {
          deps.logger.warn({ reason: error.message }, 'pubsub.connect_failed');
          scheduleReconnect();
          return undefined;
        });
        await c?.query(`listen ${channel}`);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
      };
    },
    async publish(channel, payload) {
      if (!CHANNEL.test(channel)) throw new Error(`pubsub channel "${channel}" must be a lower-case identifier`);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error('pubsub payloads carry ids, not data: this one is too large');
      deliver(channel, payload);
      await deps.db.query('select pg_notify($1, $2)', [channel, `${origin}:${payload}`], 'weiquan_pubsub_notify');
    },
    wirePayload(payload) {
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error('pubsub payloads carry ids, not data: this one is too large');
      return `${origin}:${payload}`;
    },
    onReconnect(handler) {
      reconnectHandlers.push(handler);
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      handlers.clear();
      const c = client ?? (await connecting?.catch(() => undefined));
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
