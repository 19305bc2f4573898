import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '../src/compose.js';
import { parseConfig } from '../src/config.js';
import { makeLogger } from '../src/logger.js';
import { startEmbeddedPostgres } from '../src/storage/index.js';

/**
 * npm run bench:dialog — 50 simulated consumers in parallel, each holding full conversations to a
 * filed case, against a real PostgreSQL (a fresh database on DATABASE_URL's server, or a throwaway
 * embedded server). Prints turns/s and turn latency p50/p99, and checks no case was lost or doubled.
 */
const CONSUMERS = Number(process.env.BENCH_CONSUMERS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const STORIES = [
  '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退',
  '在拼多多一家第三方店铺买的运动鞋是假的，花了599块，11月20号收到的',
  '孩子喝的奶粉过期了，在淘宝买的，80元，11月25日收到',
  '11月1号在抖音直播间买的面霜，主播说能祛斑，根本没用，花了399元，11月5号收到',
  '在天猫买的洗衣机有质量问题，一直漏水，3999元，11月10号签收，商家不给修',
];
const FOLLOW_UPS = ['有订单截图、聊天记录和照片', '拒绝了', '一直不回', '商家同意了'];

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-'));
await fs.chmod(tmp, 0o755);
const logger = makeLogger({ level: 'warn', pretty: false, destination: process.stderr });
const server = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port: 0, database: 'weiquan', persistent: false, logger });
const parsed = parseConfig({ ...process.env, DATABASE_URL: server?.url ?? (await freshDatabase(process.env.DATABASE_URL ?? '')), DB_POOL_MAX: '20', LOG_LEVEL: 'warn' });
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const services = await composeServices(parsed.config, logger);

const latencies: number[] = [];
let turns = 0;
const conversations: string[] = [];
const started = Date.now();
await Promise.all(
  Array.from({ length: CONSUMERS }, async (_, consumer) => {
    for (let round = 0; round < ROUNDS; round++) {
      const conversationId = `bench-${consumer}-${round}`;
      conversations.push(conversationId);
      const script = [undefined, '同意', STORIES[(consumer + round) % STORIES.length], ...FOLLOW_UPS];
      for (const [i, text] of script.entries()) {
        const t0 = performance.now();
        await services.runTurn({ conversationId, channel: 'bench', turnId: `t${i}`, ...(text === undefined ? {} : { text }) });
        latencies.push(performance.now() - t0);
        turns += 1;
      }
    }
  }),
);
const seconds = (Date.now() - started) / 1000;

const cases = await services.database.db.query<{ n: number; conversations: number }>(
  `select count(*)::int as n, count(distinct conversation_id)::int as conversations from cases where conversation_id like 'bench-%'`,
);
const resolved = await services.database.db.query<{ n: number }>(`select count(*)::int as n from cases where conversation_id like 'bench-%' and status = 'resolved'`);
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const row = cases.rows[0];
process.stdout.write(
  [
    `bench:dialog  consumers=${CONSUMERS} rounds=${ROUNDS} conversations=${conversations.length} turns=${turns}`,
    `  throughput   ${(turns / seconds).toFixed(0)} turns/s over ${seconds.toFixed(1)} s`,
    `  latency      p50 ${pct(50).toFixed(1)} ms   p99 ${pct(99).toFixed(1)} ms   max ${pct(100).toFixed(1)} ms`,
    `  cases        ${row?.n} filed for ${conversations.length} conversations (distinct conversations ${row?.conversations}), resolved ${resolved.rows[0]?.n}`,
    `  verdict      ${row?.n === conversations.length && row?.conversations === conversations.length ? 'no case lost or duplicated' : 'CASES LOST OR DUPLICATED'}`,
  ].join('\n') + '\n',
);
await services.database.close();
await server?.stop();
await fs.rm(tmp, { recursive: true, force: true });
if (row?.n !== conversations.length) process.exit(1);

async function freshDatabase(url: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
