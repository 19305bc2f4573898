import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ownServerDir, startOwnServer } from '../helpers/ownServer.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the embedded PostgreSQL', () => {
  it('keeps data across restarts and takes over from a server orphaned by a killed predecessor', async () => {
    const { dataDir, remove } = await ownServerDir();
    cleanups.push(remove);
    // The first "service" starts the server, writes, and then vanishes without stopping it,
    // exactly what kill -9 of the service leaves behind.
    const orphan = await startOwnServer(dataDir);
    await withClient(orphan.url, async (c) => {
      await c.query('create table kept (note text)');
      await c.query(`insert into kept values ('维权 before the crash')`);
    });
    expect(isAlive(orphan.pid)).toBe(true);

    const next = await startOwnServer(dataDir);
    cleanups.push(() => next.stop());
    expect(isAlive(orphan.pid)).toBe(false);
    const rows = await withClient(next.url, (c) => c.query('select note from kept'));
    expect(rows.rows).toEqual([{ note: '维权 before the crash' }]);
  });

  it('starts over a stale postmaster.pid whose process is gone', async () => {
    const { dataDir, remove } = await ownServerDir();
    cleanups.push(remove);
    await (await startOwnServer(dataDir)).stop();
    await fs.writeFile(path.join(dataDir, 'postmaster.pid'), `999999\n${dataDir}\n`);
    const server = await startOwnServer(dataDir);
    cleanups.push(() => server.stop());
    expect((await withClient(server.url, (c) => c.query('select 1 as ok'))).rows).toEqual([{ ok: 1 }]);
  });

  it('never signals an unrelated process that reuses the pid in a stale file', async () => {
    const { dataDir, remove } = await ownServerDir();
    cleanups.push(remove);
    await (await startOwnServer(dataDir)).stop();
    // Our own pid stands in for "some other live process": if it were signalled, this test would die.
    await fs.writeFile(path.join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n`);
    const server = await startOwnServer(dataDir);
    cleanups.push(() => server.stop());
    expect(isAlive(process.pid)).toBe(true);
  });
});
