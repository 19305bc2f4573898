import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { check, freePort, startService, waitListening, waitReady } from './serviceProcess.js';

/**
 * The embedded default, end to end, as a newcomer gets it: no DATABASE_URL, a first start that
 * runs initdb, a write, `kill -9` of the service, a second start that must recover by itself with
 * the data intact, and a clean SIGTERM that leaves no server behind. Prints the timings.
 */
// As a newcomer's clone often is: inside a private (mode 700, mkdtemp's default) folder, on a path with a space
// and Chinese characters. As root, the postgres user cannot enter it; the start must still work.
const privateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-smoke-'));
const dataDir = path.join(privateDir, 'my 维权 data');
const env = { ...process.env, DATABASE_URL: undefined, DATA_DIR: dataDir };

// Ready = database, schema and the knowledge index (ingest of LAWS_DIR on a first start): no time target of
// its own on a shared machine; the figures are printed.
const first = startService(env, await freePort());
const firstReadyMs = await waitReady(first, 180_000);
check(true, `first start (with initdb and the knowledge ingest) ready in ${firstReadyMs} ms`);

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
const secondReadyMs = await waitReady(second, 120_000);
// Recovery has no time target of its own (the figures are printed).
check(true, `after kill -9, the next start recovered by itself and was ready in ${secondReadyMs} ms`);
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

const thirdStarted = Date.now();
const third = startService(env, await freePort());
const thirdListeningMs = await waitListening(third, 30_000, thirdStarted);
// A bound that only catches a start stuck on something (a lock, a timeout); the figure itself is printed.
check(thirdListeningMs < 30_000, `a later ordinary start answered HTTP in ${thirdListeningMs} ms`);
const thirdReadyMs = await waitReady(third, 120_000, thirdStarted);
check(true, `and was ready (knowledge index loaded) in ${thirdReadyMs} ms`);
third.child.kill('SIGTERM');
await third.exited;

check(((await fs.stat(privateDir)).mode & 0o777) === 0o700, 'the private folder is still mode 700');
const cluster = await fs.readlink(path.join(dataDir, 'postgres')).catch(() => undefined);
if (cluster) await fs.rm(cluster, { recursive: true, force: true });
await fs.rm(privateDir, { recursive: true, force: true });
process.stdout.write(`embedded smoke: first ready ${firstReadyMs} ms; after kill -9 ${secondReadyMs} ms; later start listening ${thirdListeningMs} ms, ready ${thirdReadyMs} ms\n`);
