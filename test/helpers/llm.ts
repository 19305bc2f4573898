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
export function testClient(baseUrl: string, over: Partial<LlmSettings> = {}, failures = 5): { client: LlmClient } & ReturnType<typeof recordingMetrics> & { lines: string[] } {
  const recorded = recordingMetrics();
  const { logger, lines } = collectingLogger();
  const client = makeLlmClient({ settings: llmSettings(baseUrl, over), logger, metrics: recorded.metrics, retryDelayMs: 10, breaker: makeCircuitBreaker({ failures, coolDownMs: 60_000 }) });
  return { client, lines, ...recorded };
}
