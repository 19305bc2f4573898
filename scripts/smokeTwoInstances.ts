import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { check, startService, waitReady } from './serviceProcess.js';

/**
 * Two instances of the service started at the same moment on one fresh database (DATABASE_URL's
 * server): both must become ready (knowledge index included), and the migrations must have run exactly once.
 */
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write('smokeTwoInstances needs DATABASE_URL (a server it may create a database on)\n');
  process.exit(2);
}
const name = `smoke_${randomBytes(4).toString('hex')}`;
const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
};
await admin(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const env = { ...process.env, DATABASE_URL: url.toString() };

const since = Date.now();
const [a, b] = [startService(env), startService(env)];
const [readyA, readyB] = await Promise.all([waitReady(a, 180_000, since), waitReady(b, 180_000, since)]);
check(true, `both instances ready (${readyA} ms and ${readyB} ms)`);

const c = new pg.Client({ connectionString: url.toString() });
await c.connect();
const counts = await c.query('select version, count(*)::int as n from schema_migrations group by version');
await c.end();
check(counts.rows.every((r) => r.n === 1) && counts.rows.length > 0, `each of ${counts.rows.length} migrations recorded exactly once`);
const applied = [a, b].filter((s) => s.output().includes('db.migration_applied')).length;
check(applied === 1, 'exactly one instance applied the migrations');

a.child.kill('SIGTERM');
b.child.kill('SIGTERM');
await Promise.all([a.exited, b.exited]);
await admin(`drop database ${name} with (force)`);
