import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeRetrievalAssist } from '../../src/answering/retrievalAssist.js';
import { makeLogger } from '../../src/logger.js';
import type { Answer } from '../../src/retrieval/answer/composeAnswer.js';
import { startFakeOpenAI, type ChatBody, type FakeOpenAI } from '../helpers/fakeOpenAI.js';
import { makeModelTestEngine, testClient } from '../helpers/llm.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
const logger = makeLogger({ level: 'silent', pretty: false });

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const isRewrite = (body: ChatBody) => JSON.stringify(body.response_format ?? body.tools ?? '').includes('search_query');
// Everyday words for a rule the statutes put otherwise (快递 / 承运 / 毁损): the rewrite names it.
const QUESTION = '快递给我弄丢了谁来赔？我电话13912345678';
const LEGAL = '快递 丢失 毁损 赔偿 经营者 承担 风险 交付';
const keys = (a: Answer) => a.citations.map((c) => `${c.law}${c.article}`);

async function assist(over: { embeddingsModel?: string; timeoutMs?: number } = {}) {
  const engine = await makeModelTestEngine(t.db);
  const client = testClient(fake.baseUrl, over);
  const offline = (q: { question: string; locale: 'zh' | 'en' }) => engine.knowledge.answer(q);
  return { run: makeRetrievalAssist({ answer: offline, llm: client.client, logger }), offline, ...client };
}

describe('retrieval assisted by a model (query rewriting, embeddings)', () => {
  it('adds what the rewritten query retrieves after the offline result, which stays first and whole', async () => {
    const { run, offline, outcomes } = await assist();
    fake.onChat((body) => (isRewrite(body) ? { json: { query: LEGAL } } : { status: 500 }));
    const q = { question: QUESTION, locale: 'zh' as const };
    const before = offline(q);
    const legal = offline({ question: LEGAL, locale: 'zh' });
    const after = await run(q);
    if (!before.notCovered) {
      expect(after.answer).toBe(before.answer);
      expect(keys(after).slice(0, keys(before).length)).toEqual(keys(before));
    }
    // Everything the legal-terms query found that the offline one did not is there now.
    const added = keys(legal).filter((k) => !keys(before).includes(k));
    expect(added.length).toBeGreaterThan(0);
    for (const k of added.slice(0, 8 - keys(before).length)) expect(keys(after)).toContain(k);
    // Every citation is one our retrieval returned: nothing the model wrote is cited.
    for (const k of keys(after)) expect([...keys(before), ...keys(legal)]).toContain(k);
    expect(outcomes).toContainEqual({ purpose: 'rewrite', outcome: 'ok' });
    // The phone number never left the process.
    expect(fake.allSent()).not.toContain('13912345678');
    expect(fake.allSent()).toContain('快递给我弄丢了');
  });

  it('keeps the offline result when the rewrite is unusable, fails or hangs', async () => {
    const q = { question: QUESTION, locale: 'zh' as const };
    for (const reply of [
      { json: { query: '⟨PHONE_1⟩ 赔偿' } },
      { json: { query: '联系 13800138000 索赔' } },
      { json: { query: '' } },
      { content: 'not json' },
      { status: 503 },
      { hang: true as const },
    ]) {
      fake.reset();
      const { run, offline } = await assist({ timeoutMs: 400 });
      fake.onChat(() => reply);
      expect(keys(await run(q)), JSON.stringify(reply)).toEqual(keys(offline(q)));
      expect((await run(q)).answer).toBe(offline(q).answer);
    }
  });

  it('re-ranks the candidates by embedding similarity, the offline best first, with the question redacted', async () => {
    const { run, offline, outcomes } = await assist({ embeddingsModel: 'fake-embed' });
    fake.onChat((body) => (isRewrite(body) ? { json: { query: LEGAL } } : { status: 500 }));
    const q = { question: QUESTION, locale: 'zh' as const };
    const after = await run(q);
    const before = offline(q);
    expect(after.citations.length).toBeGreaterThan(2);
    if (!before.notCovered) expect(keys(after)[0]).toBe(keys(before)[0]);
    const embedded = fake.requests.filter((r) => r.path.endsWith('/embeddings'));
    expect(embedded).toHaveLength(1);
    const inputs = embedded[0]?.body.input as string[];
    expect(inputs).toHaveLength(after.citations.length);
    expect(inputs[0]).not.toContain('13912345678');
    expect(outcomes).toContainEqual({ purpose: 'embed', outcome: 'ok' });
    // The same candidates, in a fused order (the first fixed).
    const merged = await (await assist()).run(q);
    expect([...keys(after)].sort()).toEqual([...keys(merged)].sort());
  });
});
