import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { check, freePort, startService, waitReady } from './serviceProcess.js';

/**
 * The embedded default, end to end, as a newcomer gets it: no DATABASE_URL, a first start that
 * runs initdb, a write, `kill -9` of the service, a second start that must recover by itself with
 * the data intact, and a clean SIGTERM that leaves no server behind. Prints the timings.
 */
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-smoke-'));
await fs.chmod(dataDir, 0o755);
const env = { ...process.env, DATABASE_URL: undefined, DATA_DIR: dataDir };

const first = startService(env, await freePort());
const firstReadyMs = await waitReady(first, 30_000);
check(firstReadyMs < 30_000, `first start (with initdb) ready in ${firstReadyMs} ms`);

const credentials = JSON.parse(await fs.readFile(path.join(dataDir, 'postgres.credentials.json'), 'utf8')) as { user: string; password: string };
const pidFile = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
const pgPort = Number(pidFile.split('\n')[3]);
const url = (port: number) => `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/weiquan`;
const withClient = async <T>(port: number, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: url(port) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};
await withClient(pgPort, async (c) => {
  await c.query('create table if not exists smoke_marker (note text)');
  await c.query(`insert into smoke_marker values ('written before kill -9')`);
});

first.child.kill('SIGKILL');
await first.exited;

const second = startService(env, await freePort());
const secondReadyMs = await waitReady(second, 30_000);
// Recovery has no time target of its own (an ordinary later start does: 5 s, checked below).
check(secondReadyMs < 15_000, `after kill -9, the next start recovered by itself and was ready in ${secondReadyMs} ms`);
check(second.output().includes('db.embedded_orphan_stopping') || second.output().includes('db.embedded_stale_pid_file_removed'), 'the leftover server from the killed run was detected and handled');

const newPgPort = Number((await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[3]);
const marker = await withClient(newPgPort, (c) => c.query('select note from smoke_marker'));
check(marker.rows.length === 1 && marker.rows[0].note === 'written before kill -9', 'data written before kill -9 is still there');
const instances = await withClient(newPgPort, (c) => c.query('select count(*)::int as n from service_instances'));
check(instances.rows[0].n === 2, 'both starts registered themselves (2 service_instances rows)');

second.child.kill('SIGTERM');
const code = await second.exited;
check(code === 0, `SIGTERM shut the service down cleanly (exit ${code})`);
const leftover = await fs.access(path.join(dataDir, 'postgres', 'postmaster.pid')).then(() => true, () => false);
check(!leftover, 'the embedded PostgreSQL was stopped with the service');

const third = startService(env, await freePort());
const thirdReadyMs = await waitReady(third, 30_000);
check(thirdReadyMs < 5_000, `a later ordinary start was ready in ${thirdReadyMs} ms`);
third.child.kill('SIGTERM');
await third.exited;

await fs.rm(dataDir, { recursive: true, force: true });
process.stdout.write(`embedded smoke: first ready ${firstReadyMs} ms; after kill -9 ${secondReadyMs} ms; later start ${thirdReadyMs} ms\n`);
