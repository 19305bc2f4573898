import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { checkConversations, descendantsCpuMs, FOLLOW_UPS, freshDatabase, sleepUntil, STORIES, threadCpuMs } from './benchSupport.js';

/**
 * npm run bench:channels — CONVERSATIONS consumers at once, each holding full conversations to a
 * filed case through the Direct Line API over WebSocket (POST /conversations, the stream at
 * streamUrl, POST …/activities per message), over real HTTP on a free port, on a real PostgreSQL
 * (a fresh database on DATABASE_URL's server, or a throwaway embedded server).
 *
 * The consumers run in a worker thread, so their own work does not queue behind the server's event
 * loop. Two measurements:
 * - load: consumers pace their messages like people (think time jittered around CONVERSATIONS /
 *   RATE seconds, so about RATE turns/s are offered); reply latency is from sending a message to
 *   its first reply arriving on the WebSocket.
 * - capacity: no think time (closed loop): the most turns/s the channel sustains.
 * Checked: every turn answered on the stream (none lost), no activity delivered twice, a retried
 * post (same activity id) gives the same id and no second turn, one case per conversation.
 *
 * Then the other channels' benches run (see `extraBenches`), each printing its own figures.
 */
// Issue 15's load: 50 conversations paced like people at a keyboard, about 40 turns/s together.
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 40);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CAPACITY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// Issue 15: reply p99 <= 60 ms at the paced load, and the closed loop at least 250 turns/s.
const TARGET = { p99Ms: 60, turnsPerSecond: 250 };
const REPLY_TIMEOUT_MS = 15_000;

// The welcome (run when the conversation starts), 同意, the story, the follow-ups.
const TURNS_PER_CONVERSATION = 3 + FOLLOW_UPS.length;
const RETRIED_MESSAGE = 1;

type Plan = { name: string; thinkMs: number; rounds?: number; seconds?: number };
type PhaseResult = {
  name: string;
  sentInWindow: number;
  latencies: number[];
  postLatencies: number[];
  startLatencies: number[];
  conversations: string[];
  seconds: number;
  lost: number;
  duplicated: number;
  retryMismatches: number;
  failures: string[];
};
type Work = { base: string; secret: string; plan: Plan };
type Measured = PhaseResult & { cpu: { server: number; postgres: number | undefined } };

/**
 * The place for the other channels' figures: each entry runs after the Direct Line phases and
 * prints its own section. The Bot Framework bench (POST /api/messages with expectReplies) lives
 * in scripts/benchChannelsBotFramework.ts, owned by that channel.
 */
export type ExtraBench = { name: string; run: () => Promise<boolean> };

const botFrameworkBench: ExtraBench = {
  name: 'botframework',
  run: () => runScript(fileURLToPath(new URL('./benchChannelsBotFramework.ts', import.meta.url))),
};

async function main(extraBenches: ExtraBench[]): Promise<void> {
  const [{ composeServices, makeDirectLineChannel }, { parseConfig }, { makeLogger }, { startEmbeddedPostgres }, { makeApp }, { listen }] = await Promise.all([
    import('../src/compose.js'),
    import('../src/config.js'),
    import('../src/logger.js'),
    import('../src/storage/index.js'),
    import('../src/server/app.js'),
    import('../src/server/listen.js'),
  ]);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-dl-'));
  await fs.chmod(tmp, 0o755);
  const logger = makeLogger({ level: 'warn', pretty: false, destination: process.stderr });
  const pg = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port: 0, database: 'weiquan', persistent: false, logger });
  const sharedLaws = path.resolve('../shared/laws');
  const lawsDir = process.env.LAWS_DIR ?? ((await fs.stat(sharedLaws).catch(() => undefined)) ? sharedLaws : undefined);
  const parsed = parseConfig({
    ...process.env,
    DATABASE_URL: pg?.url ?? (await freshDatabase(process.env.DATABASE_URL ?? '', 'bench_dl')),
    LOG_LEVEL: 'warn',
    LAWS_DIR: lawsDir,
    DATA_DIR: tmp,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const services = await composeServices(parsed.config, logger);
  const quiet = makeLogger({ level: 'error', pretty: false });
  // The bench is one client address sending far more than a person: the public rate limits are lifted.
  const channel = await makeDirectLineChannel({
    seal: services.seal,
    settings: { ...parsed.config, messageRatePerMinute: 1_000_000, clientRatePerMinute: 1_000_000, siteRatePerMinute: 1_000_000 },
    logger: quiet,
    database: services.database,
    runTurn: services.runTurn,
  });
  const site = await channel.sites.create({ name: 'bench', allowedOrigins: [], locale: 'zh' });
  const app = makeApp({
    logger: quiet,
    bodyLimit: parsed.config.bodyLimit,
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => services.database.db.stats(),
    isShuttingDown: () => false,
    routers: channel.routers,
    early: channel.early,
  });
  const http = await listen(app, 0, '127.0.0.1');
  channel.attach(http.server);
  const work = (plan: Plan): Work => ({ base: `http://127.0.0.1:${http.port}`, secret: site.secret, plan });

  // CPU time per turn of the server's thread (not the client worker) and of PostgreSQL: on a
  // shared machine they say what a turn costs even when the wall-clock figures are disturbed.
  const measured = async (plan: Plan): Promise<Measured> => {
    const before = { server: await threadCpuMs(), pg: pg ? await descendantsCpuMs() : undefined };
    const result = await inWorker(work(plan));
    const turns = result.latencies.length + result.startLatencies.length || 1;
    const server = ((await threadCpuMs()) - before.server) / turns;
    const postgres = pg && before.pg !== undefined ? ((await descendantsCpuMs()) - before.pg) / turns : undefined;
    return { ...result, cpu: { server, postgres } };
  };
  await inWorker(work({ name: 'warmup', thinkMs: 0, rounds: 1 }));
  const load = await measured({ name: 'load', thinkMs: (CONVERSATIONS / RATE) * 1000, seconds: LOAD_SECONDS });
  const capacity = await measured({ name: 'capacity', thinkMs: 0, rounds: CAPACITY_ROUNDS });

  const conversations = [...load.conversations, ...capacity.conversations];
  const { lostCases, doubledCases, wrongTurns } = await checkConversations(services.database.db, conversations, TURNS_PER_CONVERSATION);
  const failures = [...load.failures, ...capacity.failures];
  const lost = load.lost + capacity.lost;
  const duplicated = load.duplicated + capacity.duplicated;
  const mismatches = load.retryMismatches + capacity.retryMismatches;
  const loadStats = stats(load.latencies, load.seconds);
  const capacityStats = stats(capacity.latencies, capacity.seconds);
  const targetMet = loadStats.p99 <= TARGET.p99Ms && capacityStats.turnsPerSecond >= TARGET.turnsPerSecond;
  const ok = lostCases === 0 && doubledCases === 0 && wrongTurns === 0 && failures.length === 0 && lost === 0 && duplicated === 0 && mismatches === 0;

  process.stdout.write(
    [
      `bench:channels  Direct Line over WebSocket  conversations=${CONVERSATIONS}  pool=${parsed.config.dbPoolMax}  database=${pg ? 'embedded' : 'DATABASE_URL'}`,
      describe(`load (offered ${RATE} turns/s: think time ~${((CONVERSATIONS / RATE) * 1000).toFixed(0)} ms jittered, for ${LOAD_SECONDS} s)`, load),
      describe('capacity (closed loop, no think time)', capacity),
      `  check        ${conversations.length} conversations: ${lostCases} without a case, ${doubledCases} with two, ${wrongTurns} with lost or extra turns; turns lost on the stream ${lost}, activities delivered twice ${duplicated}; ${failures.length} failed requests; retried posts answered once: ${mismatches ? `${mismatches} MISMATCHED` : 'all'}`,
      `  target       reply p99 <= ${TARGET.p99Ms} ms at ${CONVERSATIONS} paced conversations and >= ${TARGET.turnsPerSecond} turns/s closed loop: ${targetMet ? 'met' : 'NOT MET'} (p99 ${loadStats.p99.toFixed(1)} ms, ${capacityStats.turnsPerSecond.toFixed(0)} turns/s)`,
      ...failures.slice(0, 5).map((f) => `  failure      ${f}`),
    ].join('\n') + '\n',
  );
  await channel.close();
  await http.close(1000);
  await services.database.close();
  await pg?.stop();
  await fs.rm(tmp, { recursive: true, force: true });

  let othersOk = true;
  for (const extra of extraBenches) {
    process.stdout.write('\n');
    if (!(await extra.run())) {
      process.stdout.write(`bench:channels  ${extra.name}: FAILED\n`);
      othersOk = false;
    }
  }
  if (!ok || !othersOk) process.exit(1);
}

function inWorker(work: Work): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    // A worker does not inherit `--import tsx`: its entry registers tsx, then loads this file.
    const entry = `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(import.meta.url)});`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), { workerData: work });
    worker.once('message', (result: PhaseResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench worker exited with ${code}`))));
  });
}

type StreamActivity = { id: string; type: string; replyToId?: string; from: { id: string }; channelData?: { weiquan?: unknown } };

/** One consumer's Direct Line conversation: the WebSocket delivers, HTTP posts. */
class Conversation {
  readonly seen = new Set<string>();
  duplicated = 0;
  private readonly waiting = new Map<string, (at: number) => void>();
  private readonly answered = new Map<string, number>();
  private welcome: (() => void) | undefined;
  private welcomed = false;
  private ws!: WebSocket;

  constructor(
    readonly id: string,
    readonly token: string,
  ) {}

  open(streamUrl: string): Promise<void> {
    this.ws = new WebSocket(streamUrl);
    this.ws.on('message', (data: Buffer) => {
      const at = performance.now();
      const page = JSON.parse(data.toString()) as { activities: StreamActivity[] };
      for (const a of page.activities) {
        if (this.seen.has(a.id)) this.duplicated += 1;
        this.seen.add(a.id);
        if (a.from.id !== 'weiquan' || a.type !== 'message') continue;
        if (!a.replyToId) {
          this.welcomed = true;
          this.welcome?.();
        } else if (!this.answered.has(a.replyToId)) {
          this.answered.set(a.replyToId, at);
          this.waiting.get(a.replyToId)?.(at);
        }
      }
    });
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  welcomeArrived(): Promise<boolean> {
    if (this.welcomed) return Promise.resolve(true);
    return withTimeout(new Promise<boolean>((resolve) => (this.welcome = () => resolve(true))));
  }

  /** When the first reply to `activityId` arrived on the stream (it may already have). */
  replyTo(activityId: string): Promise<number | false> {
    const at = this.answered.get(activityId);
    if (at !== undefined) return Promise.resolve(at);
    return withTimeout(new Promise<number>((resolve) => this.waiting.set(activityId, resolve)));
  }

  close(): void {
    this.ws.close();
  }
}

async function runPhase({ base, secret, plan }: Work): Promise<PhaseResult> {
  const result: PhaseResult = {
    name: plan.name,
    sentInWindow: 0,
    latencies: [],
    postLatencies: [],
    startLatencies: [],
    conversations: [],
    seconds: 0,
    lost: 0,
    duplicated: 0,
    retryMismatches: 0,
    failures: [],
  };
  const started = performance.now();
  const deadline = started + (plan.seconds ?? Infinity) * 1000;
  const think = () => (plan.thinkMs ? plan.thinkMs * (0.5 + Math.random()) : 0);
  const call = async (path: string, auth: string, body?: unknown): Promise<{ json: Record<string, unknown>; ms: number } | undefined> => {
    const t0 = performance.now();
    const res = await fetch(`${base}/v3/directline${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${auth}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).catch((e: Error) => e);
    if (res instanceof Error || res.status >= 300) {
      result.failures.push(res instanceof Error ? res.message : `${path}: ${res.status} ${await res.text()}`);
      return undefined;
    }
    return { json: (await res.json()) as Record<string, unknown>, ms: performance.now() - t0 };
  };

  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, consumer) => {
      let due = performance.now() + Math.random() * plan.thinkMs;
      for (let round = 0; plan.rounds === undefined ? performance.now() < deadline : round < plan.rounds; round++) {
        await sleepUntil(due);
        const start = await call('/conversations', secret);
        if (!start) return;
        result.startLatencies.push(start.ms);
        const convo = new Conversation(String(start.json.conversationId), String(start.json.token));
        result.conversations.push(convo.id);
        try {
          await convo.open(String(start.json.streamUrl));
          if (!(await convo.welcomeArrived())) {
            result.lost += 1;
            continue;
          }
          due = Math.max(performance.now(), due + think());
          const script = ['同意', STORIES[(consumer + round) % STORIES.length] ?? '', ...FOLLOW_UPS];
          for (const [i, text] of script.entries()) {
            await sleepUntil(due);
            const activity = { type: 'message', id: `m${i}`, from: { id: `shopper-${consumer}` }, text, locale: 'zh-CN' };
            const t0 = performance.now();
            if (t0 < deadline) result.sentInWindow += 1;
            const posted = await call(`/conversations/${convo.id}/activities`, convo.token, activity);
            if (!posted) break;
            result.postLatencies.push(posted.ms);
            const arrived = await convo.replyTo(String(posted.json.id));
            if (arrived === false) {
              result.lost += 1;
              break;
            }
            result.latencies.push(arrived - t0);
            if (i === RETRIED_MESSAGE && round === 0) {
              // The response was "lost": the client sends the same activity again.
              const again = await call(`/conversations/${convo.id}/activities`, convo.token, activity);
              if (again?.json.id !== posted.json.id) result.retryMismatches += 1;
            }
            due = Math.max(performance.now(), due + think());
          }
          result.duplicated += convo.duplicated;
        } finally {
          convo.close();
        }
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function withTimeout<T>(promise: Promise<T>): Promise<T | false> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), REPLY_TIMEOUT_MS)))]).finally(() =>
    clearTimeout(timer),
  );
}

function stats(latencies: number[], seconds: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor((q / 100) * sorted.length))] ?? 0;
  return { turns: sorted.length, turnsPerSecond: sorted.length / seconds, p50: pct(50), p99: pct(99), max: pct(100) };
}

function describe(title: string, p: Measured): string {
  const s = stats(p.latencies, p.seconds);
  const post = stats(p.postLatencies, p.seconds);
  const start = stats(p.startLatencies, p.seconds);
  return [
    `  ${title}`,
    p.name === 'load'
      ? `    sent         ${(p.sentInWindow / LOAD_SECONDS).toFixed(1)} messages/s during the ${LOAD_SECONDS} s window (then the open conversations finish: ${s.turns} message turns, ${p.conversations.length} conversations in ${p.seconds.toFixed(1)} s)`
      : `    throughput   ${s.turnsPerSecond.toFixed(0)} turns/s (${s.turns} message turns + ${start.turns} conversation starts, ${p.conversations.length} conversations, ${p.seconds.toFixed(1)} s)`,
    `    reply        p50 ${s.p50.toFixed(1)} ms   p99 ${s.p99.toFixed(1)} ms   max ${s.max.toFixed(1)} ms   (post sent → first reply on the WebSocket)`,
    `    post         p50 ${post.p50.toFixed(1)} ms   p99 ${post.p99.toFixed(1)} ms   (POST …/activities round trip: the turn written)`,
    `    start        p50 ${start.p50.toFixed(1)} ms   p99 ${start.p99.toFixed(1)} ms   (POST /conversations with the welcome turn)`,
    // PostgreSQL's share includes sessions that ended during the phase (idle pool connections close when paced).
    `    cpu per turn server thread ${p.cpu.server.toFixed(2)} ms${p.cpu.postgres === undefined ? '' : `, postgres ${p.cpu.postgres.toFixed(2)} ms`}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Another bench script as its own process (its own server and database), its figures printed as they come. */
function runScript(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () =>
      new Promise<boolean>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'inherit', 'inherit'] });
        child.once('exit', (code) => resolve(code === 0));
      }),
    () => {
      process.stdout.write(`bench:channels  ${path.basename(file)} not found: skipped\n`);
      return true;
    },
  );
}

// Last, so every class and constant above is initialised before the top-level await runs.
// BENCH_CHANNELS=directline measures Direct Line alone.
if (isMainThread) await main(process.env.BENCH_CHANNELS === 'directline' ? [] : [botFrameworkBench]);
else parentPort?.postMessage(await runPhase(workerData as Work));
