import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Agent } from '../agents/sql/agentStore.js';
import type { ActivityStream, Watcher } from '../channels/directline/activityStream.js';
import { toTranscriptEntry } from '../handoff/transcript.js';
import type { Logger } from '../logger.js';
import { readCookie, SESSION_COOKIE } from './auth/principal.js';
import { startHeartbeat } from './socketHeartbeat.js';

export type ConsoleStreamDeps = {
  agentForSession(token: string): Promise<Agent | undefined>;
  /** Whether the agent may see the conversation (it is on one of their sites). */
  canSee(agent: Agent, conversationId: string): Promise<boolean>;
  /** The channel log of conversations, pushed as they grow (the same fan-out Direct Line uses). */
  activities: ActivityStream;
  subscribe(channel: string, handler: (payload: string) => void): Promise<unknown>;
  /** Tells the other instances which agents have the console open here (count per agent; 0 = none). */
  presence: { write(agent: Agent, connections: number): Promise<void>; refresh(): Promise<void>; clear(): Promise<void> };
  logger: Logger;
  heartbeatMs?: number;
};

export const CONSOLE_STREAM_PATH = '/console/stream';

const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('watch'), conversationId: z.string().min(1).max(200), afterSeq: z.number().int().min(0).default(0) }),
  z.object({ type: z.literal('unwatch') }),
  z.object({ type: z.literal('ping') }),
]);

type Client = { ws: WebSocket; agent: Agent; watching?: { conversationId: string; watcher: Watcher } };

/**
 * Live updates for the agent console over one WebSocket per signed-in agent: queue changes on the
 * agent's sites, and the transcript of the conversation they have open. Fed by PostgreSQL
 * LISTEN/NOTIFY, so it works whichever instance took the consumer's turn.
 */
export function makeConsoleStream(deps: ConsoleStreamDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const clients = new Set<Client>();
  const online = new Map<string, number>();
  const present = (agent: Agent, delta: 1 | -1) => {
    const n = (online.get(agent.id) ?? 0) + delta;
    if (n > 0) online.set(agent.id, n);
    else online.delete(agent.id);
    deps.presence.write(agent, n).catch((error: unknown) => deps.logger.warn({ err: error }, 'console.presence_failed'));
  };
  const send = (c: Client, message: unknown) => {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(message));
  };

  const heartbeat = startHeartbeat(wss, deps.heartbeatMs ?? 30_000, () => {
    if (online.size) deps.presence.refresh().catch((error: unknown) => deps.logger.warn({ err: error }, 'console.presence_failed'));
  });

  const refuse = (socket: Duplex, status: 401 | 403, code: string) => {
    const body = JSON.stringify({ error: { code, message: code } });
    socket.end(
      `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };

  const watch = async (c: Client, conversationId: string, afterSeq: number) => {
    c.watching?.watcher.close();
    c.watching = undefined;
    if (!(await deps.canSee(c.agent, conversationId))) return send(c, { type: 'error', code: 'NOT_FOUND', conversationId });
    const watcher = deps.activities.watch(conversationId, afterSeq, (page) => {
      for (const activity of page.activities) {
        const seq = Number(String(activity.id ?? '').split('|')[1] ?? 0);
        const entry = toTranscriptEntry({ seq, activity, at: String(activity.timestamp ?? new Date().toISOString()) });
        if (entry) send(c, { type: 'entry', conversationId, entry });
      }
    });
    c.watching = { conversationId, watcher };
  };

  return {
    /** Subscribes to the queue and case notifications; call once at start. */
    async start(): Promise<void> {
      await deps.subscribe('console_queue', (payload) => {
        const [siteId = '', conversationId = ''] = payload.split(' ');
        for (const c of clients) {
          if (!c.agent.sites.includes(siteId)) continue;
          send(c, { type: 'queue' });
          send(c, { type: 'conversation', conversationId });
        }
      });
      await deps.subscribe('case_changed', (conversationId) => {
        for (const c of clients) if (c.watching?.conversationId === conversationId) send(c, { type: 'case', conversationId });
      });
    },

    async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
      socket.on('error', () => socket.destroy());
      // Cross-site WebSocket hijacking: a page elsewhere could open this socket with the agent's cookie.
      const origin = req.headers.origin;
      if (origin && new URL(origin).host !== req.headers.host) return refuse(socket, 403, 'FORBIDDEN');
      const token = readCookie({ headers: req.headers } as Parameters<typeof readCookie>[0], SESSION_COOKIE);
      const agent = token ? await deps.agentForSession(token).catch(() => undefined) : undefined;
      if (!agent) return refuse(socket, 401, 'UNAUTHORIZED');
      wss.handleUpgrade(req, socket, head, (ws) => {
        const client: Client = { ws, agent };
        clients.add(client);
        present(agent, 1);
        heartbeat.watch(ws);
        ws.on('message', (data) => {
          let parsed: z.infer<typeof ClientMessage>;
          try {
            parsed = ClientMessage.parse(JSON.parse(String(data)));
          } catch {
            return send(client, { type: 'error', code: 'VALIDATION_FAILED' });
          }
          if (parsed.type === 'watch') {
            watch(client, parsed.conversationId, parsed.afterSeq).catch((error: unknown) => deps.logger.warn({ err: error }, 'console.watch_failed'));
          } else if (parsed.type === 'unwatch') {
            client.watching?.watcher.close();
            client.watching = undefined;
          } else send(client, { type: 'pong' });
        });
        ws.on('close', () => {
          client.watching?.watcher.close();
          clients.delete(client);
          present(agent, -1);
        });
        send(client, { type: 'hello', agent: { id: agent.id, displayName: agent.displayName } });
      });
    },

    size: () => clients.size,

    async close(): Promise<void> {
      heartbeat.stop();
      for (const c of clients) c.ws.terminate();
      clients.clear();
      online.clear();
      await deps.presence.clear().catch(() => undefined);
    },
  };
}

export type ConsoleStream = ReturnType<typeof makeConsoleStream>;
