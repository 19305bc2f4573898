import { testSeal } from './testSeal.js';
import { caseIds, parseDate } from '../../src/engineDeps.js';
import path from 'node:path';
import { makeModelPath } from '../../src/composeModel.js';
import { makeRunTurn } from '../../src/engine/runTurn.js';
import type { InboundMessage, TurnResult } from '../../src/engine/types.js';
import { loadKnowledge, type Knowledge } from '../../src/retrieval/makeKnowledge.js';
import { assess } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar } from '../../src/rules/calendar/index.js';
import type { Sites } from '../../src/sites/index.js';
import type { Db } from '../../src/storage/index.js';
import { understandOffline } from '../../src/understanding/index.js';
import { repoRoot } from './paths.js';
import { Writable } from 'node:stream';
import { makeLogger } from '../../src/logger.js';
import { makeCircuitBreaker } from '../../src/understanding/model/circuitBreaker.js';
import { makeLlmClient, type LlmClient, type LlmSettings } from '../../src/understanding/model/llmClient.js';
import type { LlmMetrics, LlmOutcome, LlmPurpose } from '../../src/understanding/model/metrics.js';

/** Metrics that remember what was reported. */
export function recordingMetrics() {
  const outcomes: { purpose: LlmPurpose; outcome: LlmOutcome }[] = [];
  const tokens = { in: 0, out: 0 };
  const latencies: number[] = [];
  const metrics: LlmMetrics = {
    request: (purpose, outcome) => outcomes.push({ purpose, outcome }),
    latency: (_p, s) => latencies.push(s),
    tokens: (_p, i, o) => {
      tokens.in += i;
      tokens.out += o;
    },
  };
  return { metrics, outcomes, tokens, latencies };
}

/** A logger whose JSON lines are kept. */
export function collectingLogger(level = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: makeLogger({ level, pretty: false, destination }), lines };
}

export function llmSettings(baseUrl: string, over: Partial<LlmSettings> = {}): LlmSettings {
  return { baseUrl, apiKey: 'test-key', model: 'fake-model', timeoutMs: 2000, structuredOutput: 'json_schema', logPrompts: false, ...over };
}

/** A client on the fake server with short backoff; the breaker opens after `failures` failures. */
export function testClient(
  baseUrl: string,
  over: Partial<LlmSettings> = {},
  failures = 5,
): { client: LlmClient } & ReturnType<typeof recordingMetrics> & { lines: string[] } {
  const recorded = recordingMetrics();
  const { logger, lines } = collectingLogger();
  const client = makeLlmClient({
    settings: llmSettings(baseUrl, over),
    logger,
    metrics: recorded.metrics,
    retryDelayMs: 10,
    breaker: makeCircuitBreaker({ failures, coolDownMs: 60_000 }),
  });
  return { client, lines, ...recorded };
}

let knowledgeOnce: Promise<Knowledge> | undefined;

/**
 * The real engine wired as src/compose.ts wires it, with the model on `baseUrl` (or none), over a
 * test database. The knowledge index is loaded once per test file.
 */
export async function makeModelTestEngine(db: Db, options: { baseUrl?: string; timeoutMs?: number; now?: string; sites?: Pick<Sites, 'modelAllowed'> } = {}) {
  const silent = makeLogger({ level: 'silent', pretty: false });
  const knowledgeDir = path.join(repoRoot, 'knowledge');
  knowledgeOnce ??= loadKnowledge({ db, knowledgeDir, corpus: 'serving', logger: silent });
  const knowledge = await knowledgeOnce;
  const calendar = makeCalendar(await loadHolidayCalendar(path.join(knowledgeDir, 'holidays/cn.json')));
  const recorded = recordingMetrics();
  const model = makeModelPath({
    llm: options.baseUrl ? llmSettings(options.baseUrl, { timeoutMs: options.timeoutMs ?? 2000 }) : undefined,
    offline: understandOffline,
    knowledge,
    sites: options.sites ?? { modelAllowed: async () => true },
    logger: silent,
    metrics: recorded.metrics,
  });
  let clock = new Date(options.now ?? '2026-11-28T10:00:00+08:00');
  const runTurn: (inbound: InboundMessage) => Promise<TurnResult> = model.wrapTurn(
    makeRunTurn({
      db,
      understand: model.understand,
      answer: model.answer,
      quote: knowledge.article,
      assess: (input) => assess(input, calendar),
      parseDate,
      caseIds,
      seal: testSeal,
      now: () => clock,
      logger: silent,
    }),
  );
  return { runTurn, knowledge, client: model.client, setNow: (iso: string) => (clock = new Date(iso)), ...recorded };
}
