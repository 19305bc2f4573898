import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { processStartTime } from '../../src/storage/embeddedUsers.js';
import { DataDirInUseError, startEmbeddedPostgres } from '../../src/storage/embeddedPostgres.js';
import { makeLogger } from '../../src/logger.js';
import { ownServerDir, startOwnServer } from '../helpers/ownServer.js';
import { node, type Watched } from '../helpers/processes.js';

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

const isAlive = (pid: number) => processStartTime(pid) !== undefined;

type ChildServer = { process: Watched; url: string; pid: number; attached: boolean; rows: unknown[] };

/** Another process on the data directory (test/helpers/embeddedChild.ts), as a service or a CLI would be. */
async function otherProcess(dataDir: string, role: 'service' | 'client', sql?: string): Promise<ChildServer> {
  const process_ = node('test/helpers/embeddedChild.ts', [dataDir, role], { env: { ...process.env, ...(sql ? { EMBEDDED_CHILD_SQL: sql } : {}) } });
  cleanups.push(async () => {
    if (process_.child.exitCode === null && process_.child.signalCode === null) {
      process_.child.stdin?.end();
      await process_.exited;
    }
  });
  const line = await process_.line(/^\{"url"/);
  return { process: process_, ...(JSON.parse(line) as Omit<ChildServer, 'process'>) };
}

async function leave(child: ChildServer): Promise<void> {
  child.process.child.stdin?.end();
  await child.process.line(/^stopped$/);
  await child.process.exited;
}

describe('the embedded PostgreSQL', () => {
  it('keeps data across restarts and takes over from a server orphaned by a killed (kill -9) service', async () => {
    const { dataDir, remove } = await ownServerDir();
    cleanups.push(remove);
    const service = await otherProcess(dataDir, 'service', `create table kept (note text); insert into kept values ('维权 before the crash')`);
    service.process.child.kill('SIGKILL');
    await service.process.exited;
    // Its server outlives it: nobody owns it any more.
    expect(isAlive(service.pid)).toBe(true);

    const next = await startOwnServer(dataDir);
    cleanups.push(() => next.stop());
    expect(next.attached).toBe(false);
    expect(isAlive(service.pid)).toBe(false);
    const rows = await withClient(next.url, (c) => c.query('select note from kept'));
    expect(rows.rows).toEqual([{ note: '维权 before the crash' }]);
  });

  it('joins the server of a running service, and leaving it does not stop it', async () => {
    const { dataDir, remove } = await ownServerDir();
    cleanups.push(remove);
    const service = await otherProcess(dataDir, 'service');
    const cli = await startOwnServer(dataDir);
    expect(cli.attached).toBe(true);
    expect(cli.pid).toBe(service.pid);
    expect((await withClient(cli.url, (c) => c.query('select 1 as ok'))).rows).toEqual([{ ok: 1 }]);
    await cli.stop();

    expect(isAlive(service.pid)).toBe(true);
    expect((await withClient(service.url, (c) => c.query('select 2 as ok'))).rows).toEqual([{ ok: 2 }]);
    await leave(service);
    expect(isAlive(service.pid)).toBe(false);
  });

  it('refuses a second service on a data directory a live service uses, and says so', async () => {
    const { dataDir, remove } = await ownServerDir();
    cleanups.push(remove);
    const service = await otherProcess(dataDir, 'service');
    const second = startEmbeddedPostgres({
      dataDir,
      port: 0,
      database: 'weiquan',
      persistent: true,
      logger: makeLogger({ level: 'silent', pretty: false }),
      role: 'service',
    });
    await expect(second).rejects.toThrow(DataDirInUseError);
    await expect(second).rejects.toThrow(new RegExp(`another Weiquan service \\(pid ${service.process.child.pid}\\) is already running`));
    expect((await withClient(service.url, (c) => c.query('select 1 as ok'))).rows).toEqual([{ ok: 1 }]);
    await leave(service);
  });

  it('a server a CLI started stays up for a service that joined it, and the last one to leave stops it', async () => {
    const { dataDir, remove } = await ownServerDir();
    cleanups.push(remove);
    const cli = await startOwnServer(dataDir);
    const service = await otherProcess(dataDir, 'service');
    expect(service.attached).toBe(true);
    expect(service.pid).toBe(cli.pid);
    await cli.stop();
    expect((await withClient(service.url, (c) => c.query('select 1 as ok'))).rows).toEqual([{ ok: 1 }]);
    await leave(service);
    expect(isAlive(cli.pid)).toBe(false);
    await expect(fs.access(path.join(dataDir, 'postmaster.pid'))).rejects.toThrow();
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
