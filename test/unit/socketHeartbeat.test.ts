import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startHeartbeat, type Heartbeat } from '../../src/server/socketHeartbeat.js';

let wss: WebSocketServer | undefined;
let heartbeat: Heartbeat | undefined;
afterEach(async () => {
  heartbeat?.stop();
  await new Promise((resolve) => wss?.close(resolve) ?? resolve(undefined));
});

/** A client over real loopback sockets; `autoPong: false` plays a peer that has silently gone away. */
async function connect(port: number, autoPong: boolean): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { autoPong });
  await once(ws, 'open');
  return ws;
}

describe('the WebSocket heartbeat', () => {
  it('drops a client that stops answering and keeps one that answers, ticking each round', async () => {
    let ticks = 0;
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(wss, 'listening');
    const server = wss;
    heartbeat = startHeartbeat(server, 40, () => ticks++);
    const watched = heartbeat;
    server.on('connection', (ws) => watched.watch(ws));
    const port = (server.address() as AddressInfo).port;
    const live = await connect(port, true);
    const silent = await connect(port, false);
    const closed = once(silent, 'close');
    await closed;
    expect(live.readyState).toBe(WebSocket.OPEN);
    // The server forgets the dropped socket once its own side has closed too.
    await expect.poll(() => server.clients.size).toBe(1);
    expect(ticks).toBeGreaterThanOrEqual(2);
    live.close();
  });
});
