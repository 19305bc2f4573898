import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ActivityStream } from '../channels/directline/activityStream.js';
import type { DirectLine } from '../channels/directline/makeDirectLine.js';
import { AppError, coerceError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Site } from '../sites/index.js';
import { startHeartbeat } from './socketHeartbeat.js';

export type StreamDeps = {
  directLine: DirectLine;
  stream: ActivityStream;
  findSite: (id: string) => Promise<Site | undefined>;
  logger: Logger;
  /** Dead connections (no pong) are dropped after one missed interval. */
  heartbeatMs?: number;
};

const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,100})\/stream$/;

const HTTP_STATUS: Partial<Record<string, number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, TOKEN_EXPIRED: 403, ORIGIN_NOT_ALLOWED: 403, NOT_FOUND: 404 };

/**
 * The WebSocket side of Direct Line: `streamUrl` upgrades here (the HTTP server's `upgrade` event,
 * ws in `noServer` mode). The token (`t` query parameter, or the Authorization header) is checked
 * before the upgrade; then every activity after the watermark is pushed as `{activities, watermark}`,
 * the backlog first, from whichever instance wrote it.
 */
export function makeDirectLineStream(deps: StreamDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const heartbeat = startHeartbeat(wss, deps.heartbeatMs ?? 30_000);

  const refuse = (socket: Duplex, status: number, code: string) => {
    const body = JSON.stringify({ error: { code, message: code } });
    socket.end(
      `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : status === 400 ? 'Bad Request' : 'Forbidden'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };

  return {
    /** Handles `upgrade` for stream URLs; answers every other upgrade with 404. */
    async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
      socket.on('error', () => socket.destroy());
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match?.[1]) return refuse(socket, 404, 'NOT_FOUND');
      const conversationId = match[1];
      const watermarkParam = url.searchParams.get('watermark') ?? '';
      if (!/^\d{0,9}$/.test(watermarkParam)) return refuse(socket, 400, 'VALIDATION_FAILED');
      try {
        const token = url.searchParams.get('t');
        const principal = await deps.directLine.authenticate(token ? `Bearer ${token}` : req.headers.authorization);
        const origin = req.headers.origin;
        if (origin) {
          const site = await deps.findSite(deps.directLine.siteIdOf(principal));
          if (!site?.allowedOrigins.includes(origin)) throw new AppError('ORIGIN_NOT_ALLOWED', 'origin not allowed');
        }
        await deps.directLine.authorizeStream(principal, conversationId);
      } catch (thrown) {
        const error = coerceError(thrown);
        const code = error instanceof AppError ? error.code : 'INTERNAL';
        if (!(error instanceof AppError)) deps.logger.error({ err: error }, 'directline.stream_upgrade_failed');
        return refuse(socket, HTTP_STATUS[code] ?? 503, code);
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        // Clients send empty messages as keep-alives; nothing else is expected from them.
        heartbeat.watch(ws);
        const watcher = deps.stream.watch(conversationId, watermarkParam ? Number(watermarkParam) : 0, (page) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ activities: page.activities, watermark: page.watermark }));
        });
        ws.on('close', () => watcher.close());
        ws.on('error', () => watcher.close());
      });
    },
    /** At shutdown: "going away", so clients reconnect (to another instance) and resume from their watermark. */
    closeAll(): void {
      heartbeat.stop();
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
    },
    connections: () => wss.clients.size,
  };
}
