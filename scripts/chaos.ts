/**
 * `npm run chaos`: conversations against the real service (a child process, as `npm start` runs it, on
 * its own embedded PostgreSQL) while the harness breaks things under it, then checks what must hold.
 *
 * Faults, one after another while conversations run: the service killed with kill -9 and restarted; every
 * database connection dropped (pg_terminate_backend); slow queries (the conversations table locked for a
 * few seconds); the database server killed with kill -9 and restarted. Clients behave like the widget:
 * a failed or unanswered post is retried with the same activity id.
 *
 * Invariants, checked afterwards from the channel log and the tables: every turn answered exactly once
 * (none lost, none duplicated), one case per conversation (none lost or doubled), no 5xx but the documented
 * 503 while a dependency is down. Prints the figures and the recovery time of each fault; exits 1 on any
 * violation. Environment: CHAOS_CONVERSATIONS (default 24), CHAOS_CONCURRENCY (8), LAWS_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { makeLogger } from '../src/logger.js';
import { makeSites } from '../src/sites/index.js';
import { makeDb, startEmbeddedPostgres, type EmbeddedPostgres } from '../src/storage/index.js';

const CONVERSATIONS = Number(process.env.CHAOS_CONVERSATIONS ?? 24);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 8);
const TURN_DEADLINE_MS = 90_000;
// Each conversation files a case: consent, the story (the case is filed here), then the ladder.
const SCRIPT = [
  '同意',
  '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退，我电话13912345678',
  '聊天记录和订单截图都有',
  '跟商家说了，他说拆封了就不管',
  '七天无理由退货从哪天开始算',
  '平台客服也不管',
];

const logger = makeLogger({ level: 'error', pretty: false, destination: process.stderr });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

type Stats = { statuses: Map<number | 'network', number>; unexpected5xx: number; latencies: number[] };
const stats: Stats = { statuses: new Map(), unexpected5xx: 0, latencies: [] };
const count = (key: number | 'network') => stats.statuses.set(key, (stats.statuses.get(key) ?? 0) + 1);

/** A request retried like a client would: network errors and 503 wait and go again; any other 5xx is a violation (and retried). */
async function request(url: string, init: RequestInit, deadline = Date.now() + TURN_DEADLINE_MS): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
      count(res.status);
      if (res.status < 500) return res;
      if (res.status !== 503) stats.unexpected5xx++;
      await res.arrayBuffer();
    } catch {
      count('network');
    }
    if (Date.now() > deadline) throw new Error(`gave up on ${init.method ?? 'GET'} ${new URL(url).pathname} after ${attempt + 1} attempts`);
    await sleep(Math.min(1000, 100 * 2 ** Math.min(attempt, 4)));
  }
}

class Service {
  child: ChildProcess | undefined;
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly base: string,
  ) {}
  /** The service's own log (JSON lines), printed when it fails to come back. */
  readonly log: string[] = [];
  start(): void {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.log.splice(0, Math.max(0, this.log.length - 50));
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.child = child;
  }
  /** Milliseconds until /readyz answers 200. */
  async ready(since = Date.now(), timeoutMs = 120_000): Promise<number> {
    for (;;) {
      const ok = await fetch(`${this.base}/readyz`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return Date.now() - since;
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined)
        throw new Error(`the service exited (${this.child.exitCode}) before it was ready:\n${this.log.slice(-10).join('\n')}`);
      if (Date.now() - since > timeoutMs) throw new Error('the service did not become ready');
      await sleep(50);
    }
  }
  kill9(): void {
    this.child?.kill('SIGKILL');
  }
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

type Conversation = { id: string; turns: string[] };

async function converse(base: string, secret: string, n: number, faultsDone: () => boolean): Promise<Conversation> {
  const gen = (await (await request(`${base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } })).json()) as {
    token: string;
    conversationId: string;
  };
  const auth = { Authorization: `Bearer ${gen.token}` };
  await request(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth });
  const turns: string[] = [];
  for (const [k, text] of SCRIPT.entries()) {
    const id = `c${n}-t${k}`;
    const started = Date.now();
    const res = await request(`${base}/v3/directline/conversations/${gen.conversationId}/activities`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id, from: { id: `shopper${n}` }, text, channelData: { clientActivityID: id } }),
    });
    if (res.status !== 200) throw new Error(`turn ${id} answered ${res.status}: ${await res.text()}`);
    stats.latencies.push(Date.now() - started);
    turns.push(id);
    // People pause between messages; while the faults run, longer, so conversations span them.
    await sleep(faultsDone() ? 50 : 400 + Math.random() * 400);
  }
  return { id: gen.conversationId, turns };
}

async function main(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-chaos-'));
  await fs.chmod(tmp, 0o755);
  const pgDir = path.join(tmp, 'postgres');
  const pgPort = await freePort();
  const startPg = () => startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, database: 'weiquan', persistent: true, logger });
  let pg: EmbeddedPostgres | undefined = await startPg();
  const port = await freePort();
  const sharedLaws = path.resolve('../shared/laws');
  const lawsDir = process.env.LAWS_DIR ?? ((await fs.stat(sharedLaws).catch(() => undefined)) ? sharedLaws : undefined);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: pg.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: path.join(tmp, 'data'),
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'json',
    DEMO_SITE: 'false',
    DB_CONNECT_TIMEOUT_MS: '1000',
    RETENTION_INTERVAL_MINUTES: '0',
    MESSAGE_RATE_PER_MINUTE: '1000000',
    CLIENT_RATE_PER_MINUTE: '1000000',
    SITE_RATE_PER_MINUTE: '1000000',
    WEBCHAT_TOKEN_RATE_PER_MINUTE: '10000',
    ...(lawsDir ? { LAWS_DIR: lawsDir } : {}),
  };
  const service = new Service(env, `http://127.0.0.1:${port}`);
  const db = makeDb({ url: pg.url, max: 2, connectTimeoutMs: 1000, logger, applicationName: 'weiquan-chaos' });
  const recovery: { fault: string; ms: number }[] = [];
  // Undefined until the invariants are checked: a run that stops early failed.
  let failed: boolean | undefined;
  try {
    service.start();
    const firstStart = await service.ready();
    say(`service ready in ${firstStart} ms (fresh database, knowledge ingested)`);
    const { secret } = await makeSites({ db }).create({ name: 'chaos', allowedOrigins: [], locale: 'zh' });

    let faultsOver = false;
    const faults = (async () => {
      await sleep(2500);
      // 1. The service dies mid-turn and comes back (a supervisor restarting it).
      let t = Date.now();
      service.kill9();
      await sleep(300);
      service.start();
      recovery.push({ fault: 'service kill -9 + restart', ms: await service.ready(t) });
      await sleep(2500);
      // 2. Every connection of the service dropped (a proxy or failover cutting them).
      t = Date.now();
      await db.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name <> 'weiquan-chaos'`,
      );
      recovery.push({ fault: 'all connections dropped', ms: await service.ready(t) });
      await sleep(2500);
      // 3. Slow queries: the conversations table locked for 3 s (a long migration or vacuum full).
      t = Date.now();
      await db.withTransaction(async (tx) => {
        await tx.query('lock table conversations in access exclusive mode');
        await tx.query('select pg_sleep(3)');
      });
      recovery.push({ fault: 'conversations locked 3 s', ms: Date.now() - t });
      await sleep(2500);
      // 4. The database server dies (kill -9) and is restarted on the same port and data.
      t = Date.now();
      const pidFile = await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8');
      process.kill(Number(pidFile.split('\n')[0]), 'SIGKILL');
      await sleep(1000);
      pg = await startPg();
      recovery.push({ fault: 'database kill -9 + restart', ms: await service.ready(t) });
      faultsOver = true;
    })();

    const started = Date.now();
    const done: Conversation[] = [];
    let next = 0;
    const worker = async () => {
      while (next < CONVERSATIONS) {
        const n = next++;
        done.push(await converse(service.base, secret, n, () => faultsOver));
      }
    };
    await Promise.all([faults, ...Array.from({ length: CONCURRENCY }, worker)]);
    // Conversations that finished before the faults did: the rest keep going until the faults are over.
    const seconds = (Date.now() - started) / 1000;

    // Invariants.
    const sent = done.reduce((n, c) => n + c.turns.length, 0);
    let answered = 0;
    let lost = 0;
    let duplicated = 0;
    for (const c of done) {
      const log = await db.query<{ client_id: string; reply_to: string | null; role: string | null; cid: string | null; seq: number }>(
        `select client_id, activity->>'replyToId' as reply_to, activity->'from'->>'role' as role, activity->'channelData'->>'clientActivityID' as cid, seq
           from channel_activities where conversation_id = $1 order by seq`,
        [c.id],
      );
      for (const turn of c.turns) {
        const echoes = log.rows.filter((r) => r.role === 'user' && r.cid === turn);
        if (echoes.length === 0) lost++;
        if (echoes.length > 1) duplicated += echoes.length - 1;
        const echo = echoes[0];
        const replies = echo
          ? log.rows.filter((r) => r.role === 'bot' && r.reply_to?.endsWith(`|${String(echo.seq).padStart(7, '0')}`) && r.client_id.startsWith(`${turn}#r`))
          : [];
        if (replies.length > 0) answered++;
      }
      const processed = await db.query<{ n: number }>(`select count(*)::int as n from processed_turns where conversation_id = $1 and turn_id like 'c%-t%'`, [
        c.id,
      ]);
      if ((processed.rows[0]?.n ?? 0) !== c.turns.length) duplicated += Math.max(0, (processed.rows[0]?.n ?? 0) - c.turns.length);
    }
    const cases = await db.query<{ conversation_id: string; n: number }>(`select conversation_id, count(*)::int as n from cases group by conversation_id`);
    const casesBy = new Map(cases.rows.map((r) => [r.conversation_id, r.n]));
    const casesLost = done.filter((c) => !casesBy.has(c.id)).length;
    const casesDoubled = done.reduce((n, c) => n + Math.max(0, (casesBy.get(c.id) ?? 0) - 1), 0);
    const sorted = [...stats.latencies].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

    say(`conversations ${done.length}, turns sent ${sent}, answered ${answered}, lost ${lost}, duplicated ${duplicated} in ${seconds.toFixed(1)} s`);
    say(`cases expected ${done.length}, filed ${done.length - casesLost}, lost ${casesLost}, duplicated ${casesDoubled}`);
    say(
      `responses: ${[...stats.statuses.entries()]
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
        .map(([k, v]) => `${k}×${v}`)
        .join(', ')}; 5xx other than 503: ${stats.unexpected5xx}`,
    );
    say(`turn latency incl. retries through the faults: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${sorted.at(-1) ?? 0} ms`);
    for (const r of recovery) say(`recovery: ${r.fault}: ${r.ms} ms`);
    failed = lost > 0 || duplicated > 0 || answered !== sent || casesLost > 0 || casesDoubled > 0 || stats.unexpected5xx > 0;
    say(failed ? 'FAILED: an invariant did not hold' : 'ok: every invariant held');
  } finally {
    await service.stop();
    await db.end().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    await fs.rm(tmp, { recursive: true, force: true });
  }
  process.exitCode = failed === false ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
