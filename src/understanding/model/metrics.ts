import { Counter, Histogram, type Registry } from 'prom-client';

export type LlmPurpose = 'understand' | 'answer' | 'rewrite' | 'embed';
/** ok: used; fallback: skipped (circuit open); rejected*: answered but failed our checks; timeout/error: no usable answer. */
export type LlmOutcome = 'ok' | 'fallback' | 'rejected' | 'rejected-citation' | 'timeout' | 'error';

/** What the model path reports; the registry that serves it is the caller's. */
export type LlmMetrics = {
  request(purpose: LlmPurpose, outcome: LlmOutcome): void;
  latency(purpose: LlmPurpose, seconds: number): void;
  tokens(purpose: LlmPurpose, input: number, output: number): void;
};

export const noLlmMetrics: LlmMetrics = { request() {}, latency() {}, tokens() {} };

/** prom-client counters and a histogram on the given registry. */
export function makeLlmMetrics(registry: Registry): LlmMetrics {
  const requests = new Counter({
    name: 'llm_requests_total',
    help: 'Model requests by purpose and outcome',
    labelNames: ['purpose', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'llm_request_duration_seconds',
    help: 'Model call latency (a retry included) by purpose',
    labelNames: ['purpose'],
    buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'llm_tokens_total',
    help: 'Model tokens by purpose and direction (in = prompt, out = completion)',
    labelNames: ['purpose', 'direction'],
    registers: [registry],
  });
  return {
    request: (purpose, outcome) => requests.inc({ purpose, outcome }),
    latency: (purpose, seconds) => latency.observe({ purpose }, seconds),
    tokens(purpose, input, output) {
      tokens.inc({ purpose, direction: 'in' }, input);
      tokens.inc({ purpose, direction: 'out' }, output);
    },
  };
}
