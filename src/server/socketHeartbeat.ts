import type { WebSocket, WebSocketServer } from 'ws';

export type Heartbeat = {
  /** Counts a new socket as alive; a pong or any message from it keeps it so. */
  watch(ws: WebSocket): void;
  stop(): void;
};

/**
 * Pings every client of `wss` each `ms` and drops one that showed no sign of life (pong or message)
 * since the previous round: a dead connection does not hold a watcher or count as an agent online.
 * `onTick` runs after each round (the console refreshes its presence there).
 */
export function startHeartbeat(wss: WebSocketServer, ms: number, onTick?: () => void): Heartbeat {
  const alive = new WeakMap<WebSocket, boolean>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
    onTick?.();
  }, ms);
  timer.unref();
  return {
    watch(ws) {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', () => alive.set(ws, true));
    },
    stop: () => clearInterval(timer),
  };
}
