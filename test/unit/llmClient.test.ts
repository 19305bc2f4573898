import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeCircuitBreaker } from '../../src/understanding/model/circuitBreaker.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fakeOpenAI.js';
import { testClient } from '../helpers/llm.js';

const Schema = z.object({ disputeType: z.string().nullish(), amountYuan: z.number().nullish() });
const ask = { system: 'SYSTEM-TEXT', user: 'USER-TEXT 我的手机屏幕碎了', maxTokens: 100, name: 'read_dispute', schema: Schema };

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('the model client against an OpenAI-compatible server', () => {
  it('asks for a JSON schema and validates the answer', async () => {
    const { client, outcomes, tokens } = testClient(fake.baseUrl);
    fake.script({ json: { disputeType: 'quality_defect', amountYuan: 2999 } });
    expect(await client.structured('understand', ask)).toEqual({ ok: true, value: { disputeType: 'quality_defect', amountYuan: 2999 } });
    const body = fake.chatRequests()[0]!;
    expect(body).toMatchObject({
      model: 'fake-model',
      temperature: 0,
      max_tokens: 100,
      response_format: { type: 'json_schema', json_schema: { name: 'read_dispute' } },
    });
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer test-key');
    expect(tokens.in).toBeGreaterThan(0);
    expect(outcomes).toEqual([]); // the caller reports ok once it has used the answer
  });

  it('uses function calling in tool mode, and a described schema in json_object mode', async () => {
    const tool = testClient(fake.baseUrl, { structuredOutput: 'tool' });
    fake.script({ json: { disputeType: 'counterfeit' } });
    expect(await tool.client.structured('understand', ask)).toEqual({ ok: true, value: { disputeType: 'counterfeit' } });
    expect(fake.chatRequests()[0]).toMatchObject({
      tools: [{ type: 'function', function: { name: 'read_dispute' } }],
      tool_choice: { type: 'function', function: { name: 'read_dispute' } },
    });

    const object = testClient(fake.baseUrl, { structuredOutput: 'json_object' });
    fake.script({ content: '```json\n{"disputeType":"non_delivery"}\n```' });
    expect(await object.client.structured('understand', ask)).toEqual({ ok: true, value: { disputeType: 'non_delivery' } });
    const body = fake.chatRequests()[1]!;
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(JSON.stringify(body.messages)).toContain('JSON schema');
  });

  it('retries once after a 429 or a 5xx, and gives up after the second failure', async () => {
    const { client, outcomes } = testClient(fake.baseUrl);
    fake.script({ status: 429 }, { json: { disputeType: 'scam' } });
    expect(await client.structured('understand', ask)).toEqual({ ok: true, value: { disputeType: 'scam' } });
    expect(fake.chatRequests()).toHaveLength(2);

    fake.script({ status: 503 }, { status: 500 }, { json: {} });
    expect(await client.structured('understand', ask)).toEqual({ ok: false, reason: 'error' });
    expect(fake.chatRequests()).toHaveLength(4);
    expect(outcomes).toEqual([{ purpose: 'understand', outcome: 'error' }]);
  });

  it('does not retry a 400', async () => {
    const { client } = testClient(fake.baseUrl);
    fake.script({ status: 400 }, { json: {} });
    expect(await client.structured('understand', ask)).toEqual({ ok: false, reason: 'error' });
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('gives up on a hanging server at the deadline, retry included', async () => {
    const { client, outcomes } = testClient(fake.baseUrl, { timeoutMs: 300 });
    fake.script({ hang: true });
    const started = Date.now();
    expect(await client.structured('understand', ask)).toEqual({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(outcomes).toEqual([{ purpose: 'understand', outcome: 'timeout' }]);

    fake.script({ delayMs: 1000, then: { json: {} } });
    expect(await client.structured('understand', ask)).toEqual({ ok: false, reason: 'timeout' });
  });

  it('reports malformed output (not JSON, or not the schema) without throwing', async () => {
    const { client } = testClient(fake.baseUrl);
    fake.script({ content: '{"disputeType": "quality' }, { json: { amountYuan: 'lots' } }, { content: 'Sure! Here is the answer.' });
    for (let i = 0; i < 3; i++) expect(await client.structured('understand', ask)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('treats an unreachable endpoint as an error', async () => {
    const { client } = testClient('http://127.0.0.1:9/v1', { timeoutMs: 1000 });
    const result = await client.structured('understand', ask);
    expect(result.ok).toBe(false);
  });

  it('skips the model while the circuit is open, and tries once after the cool-down', async () => {
    const { client, outcomes } = testClient(fake.baseUrl, {}, 2);
    fake.onChat(() => ({ status: 400 }));
    await client.structured('understand', ask);
    await client.structured('understand', ask);
    const sent = fake.chatRequests().length;
    expect(await client.structured('understand', ask)).toEqual({ ok: false, reason: 'circuit_open' });
    expect(fake.chatRequests()).toHaveLength(sent);
    expect(outcomes.at(-1)).toEqual({ purpose: 'understand', outcome: 'fallback' });

    let now = 0;
    const breaker = makeCircuitBreaker({ failures: 1, coolDownMs: 1000, now: () => now });
    breaker.failure();
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false); // one trial at a time
    breaker.success();
    expect(breaker.state()).toBe('closed');
  });

  it('never logs prompt text unless LLM_LOG_PROMPTS is on', async () => {
    const quiet = testClient(fake.baseUrl);
    fake.script({ content: 'not json' });
    await quiet.client.structured('understand', ask);
    expect(quiet.lines.join('\n')).not.toMatch(/SYSTEM-TEXT|USER-TEXT|手机屏幕/);

    const loud = testClient(fake.baseUrl, { logPrompts: true });
    fake.script({ json: {} });
    await loud.client.structured('understand', ask);
    expect(loud.lines.join('\n')).toContain('USER-TEXT');
  });

  it('serves embeddings as base64 or floats, as asked', async () => {
    const res = await fetch(`${fake.baseUrl}/embeddings`, {
      method: 'POST',
      body: JSON.stringify({ model: 'e', input: ['七日无理由退货'], encoding_format: 'base64' }),
    });
    const body = (await res.json()) as { data: { embedding: string }[] };
    const bytes = Buffer.from(body.data[0]!.embedding, 'base64');
    const vector = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    expect(vector).toHaveLength(8);
    const floats = (await (
      await fetch(`${fake.baseUrl}/embeddings`, { method: 'POST', body: JSON.stringify({ model: 'e', input: '七日无理由退货' }) })
    ).json()) as { data: { embedding: number[] }[] };
    expect(floats.data[0]!.embedding[0]).toBeCloseTo(vector[0]!, 5);
  });
});

describe('model metrics', () => {
  it('count requests by purpose and outcome, latency and tokens on the given registry', async () => {
    const { Registry } = await import('prom-client');
    const { makeLlmMetrics } = await import('../../src/understanding/model/metrics.js');
    const { makeLlmClient } = await import('../../src/understanding/model/llmClient.js');
    const { collectingLogger, llmSettings } = await import('../helpers/llm.js');
    const registry = new Registry();
    const client = makeLlmClient({
      settings: llmSettings(fake.baseUrl),
      logger: collectingLogger().logger,
      metrics: makeLlmMetrics(registry),
      retryDelayMs: 10,
    });
    fake.script({ json: {} }, { status: 500 }, { status: 500 });
    await client.structured('understand', ask);
    await client.structured('answer', ask);
    client.metrics.request('understand', 'ok');
    const text = await registry.metrics();
    expect(text).toMatch(/llm_requests_total\{purpose="understand",outcome="ok"\} 1/);
    expect(text).toMatch(/llm_requests_total\{purpose="answer",outcome="error"\} 1/);
    expect(text).toMatch(/llm_request_duration_seconds_count\{purpose="understand"\} 1/);
    expect(text).toMatch(/llm_tokens_total\{purpose="understand",direction="in"\} [1-9]/);
  });
});
