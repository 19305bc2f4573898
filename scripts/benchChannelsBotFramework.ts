import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkConversations, descendantsCpuMs, FOLLOW_UPS, freshDatabase, sleepUntil, STORIES, threadCpuMs } from './benchSupport.js';

/**
 * npm run bench:channels:botframework — CONVERSATIONS simulated consumers at once, each holding full
 * conversations to a filed case through POST /api/messages with `deliveryMode: "expectReplies"`
 * (welcome, consent, the story, four follow-ups), over real HTTP to the Express app, on a real
 * PostgreSQL (a fresh database on DATABASE_URL's server, or a throwaway embedded server).
 *
 * The consumers run in a worker thread, so the client's own work does not queue behind the
 * server's event loop. Two measurements, as in bench:dialog:
 * - load: consumers pace their messages like people (think time jittered around CONVERSATIONS /
 *   RATE seconds); latency is what a consumer waits for the replies of one turn.
 * - capacity: no think time (closed loop): the most turns/s the endpoint sustains.
 * Every conversation must end with exactly one filed case and exactly its turns; each consumer's
 * first conversation re-sends the story activity (a lost response) and must get the same replies.
 */
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CAPACITY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TARGET_P99_MS = 100;

// conversationUpdate (welcome), 同意, the story, the follow-ups.
const TURNS_PER_CONVERSATION = 3 + FOLLOW_UPS.length;
const RETRIED_TURN = 2;

type Plan = { name: string; thinkMs: number; rounds?: number; seconds?: number };
type PhaseResult = { name: string; latencies: number[]; conversations: string[]; seconds: number; retryMismatches: number; failures: string[] };

if (isMainThread) await main();
else parentPort?.postMessage(await runPhase(workerData.base as string, workerData.plan as Plan));

async function main(): Promise<void> {
  const [
    { composeServices },
    { parseConfig },
    { makeLogger },
    { startEmbeddedPostgres },
    { makeSites },
    { makeBotFrameworkEndpoint },
    { makeApp },
    { listen },
    { botFrameworkRouter },
  ] = await Promise.all([
    import('../src/compose.js'),
    import('../src/config.js'),
    import('../src/logger.js'),
    import('../src/storage/index.js'),
    import('../src/sites/index.js'),
    import('../src/channels/botframework/index.js'),
    import('../src/server/app.js'),
    import('../src/server/listen.js'),
    import('../src/server/routes/botframework.js'),
  ]);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-bf-'));
  await fs.chmod(tmp, 0o755);
  const logger = makeLogger({ level: 'warn', pretty: false, destination: process.stderr });
  const pg = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port: 0, database: 'weiquan', persistent: false, logger });
  // The law texts beside the checkout when LAWS_DIR is not set, as the tests use: answers cite them.
  const sharedLaws = path.resolve('../shared/laws');
  const lawsDir = process.env.LAWS_DIR ?? ((await fs.stat(sharedLaws).catch(() => undefined)) ? sharedLaws : undefined);
  const parsed = parseConfig({
    ...process.env,
    DATABASE_URL: pg?.url ?? (await freshDatabase(process.env.DATABASE_URL ?? '', 'bench_bf')),
    LOG_LEVEL: 'warn',
    LAWS_DIR: lawsDir,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const services = await composeServices(parsed.config, logger);
  const site = await makeSites({ db: services.database.db }).create({ name: 'bench', allowedOrigins: [], locale: 'zh' });

  // Local and unauthenticated, as with the Emulator: authentication is a token check per request
  // against cached keys, not part of what this measures.
  const endpoint = makeBotFrameworkEndpoint({
    runTurn: services.runTurn,
    siteId: site.site.id,
    credentials: undefined,
    logger: makeLogger({ level: 'error', pretty: false }),
  });
  const app = makeApp({
    logger: makeLogger({ level: 'error', pretty: false }),
    bodyLimit: parsed.config.bodyLimit,
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => services.database.db.stats(),
    isShuttingDown: () => false,
    routers: [botFrameworkRouter({ endpoint, status: () => 'ready' })],
  });
  const http = await listen(app, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${http.port}`;

  // CPU time per turn of the server's thread (not the client worker) and of PostgreSQL: on a
  // shared machine they say what the turn costs even when the wall-clock figures are disturbed.
  const measured = async (plan: Plan) => {
    const before = { server: await threadCpuMs(), pg: pg ? await descendantsCpuMs() : undefined };
    const result = await inWorker(base, plan);
    const turns = result.latencies.length || 1;
    const server = ((await threadCpuMs()) - before.server) / turns;
    const postgres = pg && before.pg !== undefined ? ((await descendantsCpuMs()) - before.pg) / turns : undefined;
    return { ...result, cpu: { server, postgres } };
  };
  await inWorker(base, { name: 'warmup', thinkMs: 0, rounds: 1 });
  const load = await measured({ name: 'load', thinkMs: (CONVERSATIONS / RATE) * 1000, seconds: LOAD_SECONDS });
  const capacity = await measured({ name: 'capacity', thinkMs: 0, rounds: CAPACITY_ROUNDS });

  const conversations = [...load.conversations, ...capacity.conversations].map((c) => `bf:bench:${c}`);
  const { lostCases, doubledCases, wrongTurns } = await checkConversations(services.database.db, conversations, TURNS_PER_CONVERSATION);
  const failures = [...load.failures, ...capacity.failures];
  const mismatches = load.retryMismatches + capacity.retryMismatches;
  const loadStats = stats(load);
  const ok = lostCases === 0 && doubledCases === 0 && wrongTurns === 0 && failures.length === 0 && mismatches === 0;

  process.stdout.write(
    [
      `bench:channels:botframework  POST /api/messages (expectReplies)  conversations=${CONVERSATIONS}  pool=${parsed.config.dbPoolMax}  database=${pg ? 'embedded' : 'DATABASE_URL'}`,
      describe(`load (offered ${RATE} turns/s, think time ~${((CONVERSATIONS / RATE) * 1000).toFixed(0)} ms jittered)`, load),
      describe('capacity (closed loop, no think time)', capacity),
      `  check        ${conversations.length} conversations: ${lostCases} without a case, ${doubledCases} with two, ${wrongTurns} with lost or extra turns; ${failures.length} failed requests; retried activities answered from the record: ${mismatches ? `${mismatches} MISMATCHED` : 'all'}`,
      `  target       p99 <= ${TARGET_P99_MS} ms per turn at ${CONVERSATIONS} concurrent conversations: ${loadStats.p99 <= TARGET_P99_MS ? 'met' : 'NOT MET'}`,
      ...failures.slice(0, 5).map((f) => `  failure      ${f}`),
    ].join('\n') + '\n',
  );
  await http.close(1000);
  await services.database.close();
  await pg?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
  if (!ok) process.exit(1);
}

function inWorker(base: string, plan: Plan): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    // A worker does not inherit `--import tsx`: its entry registers tsx, then loads this file.
    const entry = `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(import.meta.url)});`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), { workerData: { base, plan } });
    worker.once('message', (result: PhaseResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench worker exited with ${code}`))));
  });
}

/** The consumers: conversations one after another on each, either `rounds` each or until `seconds` pass. */
async function runPhase(base: string, plan: Plan): Promise<PhaseResult> {
  const latencies: number[] = [];
  const conversations: string[] = [];
  const failures: string[] = [];
  let retryMismatches = 0;
  const started = performance.now();
  const deadline = started + (plan.seconds ?? Infinity) * 1000;
  const think = () => (plan.thinkMs ? plan.thinkMs * (0.5 + Math.random()) : 0);
  const post = async (activity: Record<string, unknown>): Promise<{ texts: string[]; ms: number } | undefined> => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).catch(
      (e: Error) => e,
    );
    if (res instanceof Error || res.status !== 200) {
      failures.push(res instanceof Error ? res.message : `${res.status} ${await res.text()}`);
      return undefined;
    }
    const body = (await res.json()) as { activities: { type: string; text?: string; channelData?: { weiquan?: unknown } }[] };
    const ms = performance.now() - t0;
    const messages = body.activities.filter((a) => a.type === 'message');
    // Every engine reply carries channelData.weiquan; the bot's apology for a failed turn does not.
    if (!messages.length || messages.some((m) => !m.channelData?.weiquan)) {
      failures.push(
        `turn ${String(activity.id)} of ${JSON.stringify(activity.conversation)} was not answered by the engine: ${messages.map((m) => m.text).join(' / ')}`,
      );
      return undefined;
    }
    return { texts: messages.map((a) => a.text ?? ''), ms };
  };
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, consumer) => {
      let due = performance.now() + Math.random() * plan.thinkMs;
      for (let round = 0; plan.rounds === undefined ? performance.now() < deadline : round < plan.rounds; round++) {
        const conversation = `${plan.name}-${consumer}-${round}`;
        conversations.push(conversation);
        const script = [undefined, '同意', STORIES[(consumer + round) % STORIES.length], ...FOLLOW_UPS];
        for (const [i, text] of script.entries()) {
          await sleepUntil(due);
          const activity = {
            ...(text === undefined ? { type: 'conversationUpdate', membersAdded: [{ id: 'bot' }, { id: `user-${consumer}` }] } : { type: 'message', text }),
            id: `a${i}`,
            channelId: 'bench',
            serviceUrl: 'http://127.0.0.1:9/',
            conversation: { id: conversation },
            from: { id: `user-${consumer}` },
            recipient: { id: 'bot' },
            locale: 'zh-CN',
            deliveryMode: 'expectReplies',
          };
          const reply = await post(activity);
          if (!reply) break;
          latencies.push(reply.ms);
          due = Math.max(performance.now(), due + think());
          if (i === RETRIED_TURN && round === 0) {
            const again = await post(activity);
            if (!again || JSON.stringify(again.texts) !== JSON.stringify(reply.texts)) retryMismatches += 1;
          }
        }
      }
    }),
  );
  return { name: plan.name, latencies, conversations, seconds: (performance.now() - started) / 1000, retryMismatches, failures };
}

function stats(p: PhaseResult) {
  const sorted = [...p.latencies].sort((a, b) => a - b);
  const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor((q / 100) * sorted.length))] ?? 0;
  return { turns: sorted.length, turnsPerSecond: sorted.length / p.seconds, p50: pct(50), p99: pct(99), max: pct(100) };
}

function describe(title: string, p: PhaseResult & { cpu: { server: number; postgres: number | undefined } }): string {
  const s = stats(p);
  return [
    `  ${title}`,
    `    throughput   ${s.turnsPerSecond.toFixed(0)} turns/s (${s.turns} turns, ${p.conversations.length} conversations, ${p.seconds.toFixed(1)} s)`,
    `    latency      p50 ${s.p50.toFixed(1)} ms   p99 ${s.p99.toFixed(1)} ms   max ${s.max.toFixed(1)} ms`,
    `    cpu per turn server thread ${p.cpu.server.toFixed(2)} ms${p.cpu.postgres === undefined ? '' : `, postgres ${p.cpu.postgres.toFixed(2)} ms`}`,
  ].join('\n');
}
