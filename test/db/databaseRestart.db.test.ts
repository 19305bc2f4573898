import { afterAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../src/logger.js';
import { makeApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { checkDatabase, makeDb, migrate, readMigrations } from '../../src/storage/index.js';
import { readJson } from '../helpers/http.js';
import { ownServerDir, startOwnServer } from '../helpers/ownServer.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url);
    if (res.status === status || Date.now() > deadline) return res.status;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('when the database goes away under a running service', () => {
  it('answers 503 while it is down, keeps running, and recovers by itself when it is back', async () => {
    const { dataDir, remove } = await ownServerDir();
    cleanups.push(remove);
    let server = await startOwnServer(dataDir);
    const port = Number(new URL(server.url).port);
    const logger = makeLogger({ level: 'silent', pretty: false });
    const db = makeDb({ url: server.url, max: 4, connectTimeoutMs: 500, logger });
    cleanups.push(() => db.end());
    const migrations = await readMigrations();
    await migrate(db, migrations, logger);
    const app = makeApp({
      logger,
      bodyLimit: '100kb',
      trustProxy: false,
      readiness: () => checkDatabase(db, migrations),
      poolStats: () => db.stats(),
      isShuttingDown: () => false,
    });
    const http = await listen(app, 0, '127.0.0.1');
    cleanups.push(() => http.close(100));
    const readyz = `http://127.0.0.1:${http.port}/readyz`;

    // Warm the pool so idle clients exist when the server goes away (the crash case of stack.md 3a).
    await Promise.all([1, 2, 3].map(() => db.query('select pg_sleep(0.05)')));
    expect(await waitForStatus(readyz, 200, 1000)).toBe(200);

    await server.stop();
    expect(await waitForStatus(readyz, 503, 3000)).toBe(503);
    const down = await fetch(readyz);
    expect((await readJson(down)).checks.database).toBe('unreachable');
    await expect(db.query('select 1')).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect((await fetch(`http://127.0.0.1:${http.port}/healthz`)).status).toBe(200);

    server = await startOwnServer(dataDir, port);
    cleanups.push(() => server.stop());
    expect(await waitForStatus(readyz, 200, 10_000)).toBe(200);
    expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});
