import pg from 'pg';
import { makeLogger } from '../../src/logger.js';
import { startEmbeddedPostgres } from '../../src/storage/index.js';

/**
 * A process that uses the embedded PostgreSQL in `argv[2]` as `argv[3]` (service | client), for tests that need
 * another process (one they can kill -9, or one running as another user). Runs the SQL in EMBEDDED_CHILD_SQL,
 * prints one JSON line `{ url, pid, attached, rows }`, then leaves the server when stdin closes.
 */
const [dataDir, role] = process.argv.slice(2);
if (!dataDir || (role !== 'service' && role !== 'client')) throw new Error('usage: embeddedChild.ts DATA_DIR service|client');
const logger = makeLogger({ level: 'info', pretty: false, destination: process.stderr });
const server = await startEmbeddedPostgres({ dataDir, port: 0, database: 'weiquan', persistent: true, logger, role });
let rows: unknown[] = [];
const sql = process.env.EMBEDDED_CHILD_SQL;
if (sql) {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const results = await client.query(sql);
  rows = (Array.isArray(results) ? results.at(-1) : results).rows;
  await client.end();
}
process.stdout.write(`${JSON.stringify({ url: server.url, pid: server.pid, attached: server.attached, rows })}\n`);
process.stdin.resume();
process.stdin.once('end', () => {
  void server.stop().then(() => process.stdout.write('stopped\n'));
});
