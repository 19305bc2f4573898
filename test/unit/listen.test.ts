import express from 'express';
import { describe, expect, it } from 'vitest';
import { listen } from '../../src/server/listen.js';

describe('listen(...).close', () => {
  it('lets an in-flight request finish, then stops accepting connections', async () => {
    const app = express();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    app.get('/slow', async (_req, res) => {
      await gate;
      res.json({ finished: true });
    });
    const server = await listen(app, 0, '127.0.0.1');
    const inFlight = fetch(`http://127.0.0.1:${server.port}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    const closed = server.close(5000);
    release();
    const res = await inFlight;
    expect(await res.json()).toEqual({ finished: true });
    await closed;
    await expect(fetch(`http://127.0.0.1:${server.port}/slow`)).rejects.toThrow();
  });

  it('cuts a request that outlives the shutdown timeout', async () => {
    const app = express();
    app.get('/forever', () => undefined);
    const server = await listen(app, 0, '127.0.0.1');
    const hanging = fetch(`http://127.0.0.1:${server.port}/forever`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 50));
    await server.close(100);
    expect(await hanging).toBe('cut');
  });
});
