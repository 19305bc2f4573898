import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../src/logger.js';
import { loadKnowledge, type Knowledge } from '../../src/retrieval/makeKnowledge.js';
import { makeApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { knowledgeRouter } from '../../src/server/routes/knowledge.js';
import { readJson } from '../helpers/http.js';
import { repoRoot } from '../helpers/paths.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
const logger = makeLogger({ level: 'silent', pretty: false });
let knowledge: Knowledge;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  knowledge = await loadKnowledge({ db: t.db, knowledgeDir: `${repoRoot}/knowledge`, corpus: 'serving', logger });
  const app = makeApp({
    logger,
    bodyLimit: '100kb',
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => t.db.stats(),
    isShuttingDown: () => false,
    routers: [knowledgeRouter(knowledge)],
  });
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server?.close(100));

const post = (path: string, body: unknown, contentType = 'application/json') =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('POST /api/knowledge/search', () => {
  it('finds the named article first for a direct reference', async () => {
    const res = await post('/api/knowledge/search', { query: '消保法第二十五条', k: 5 });
    expect(res.status).toBe(200);
    const { results } = await readJson(res);
    expect(results[0]).toMatchObject({
      kind: 'law',
      law: '消费者权益保护法',
      article: '第二十五条',
      versionDate: '2013-10-25',
      sourcePath: '民法商法/消费者权益保护法(2013-10-25).md',
    });
    expect(results[0].text).toContain('七日内退货');
  });

  it('searches the plans alone when asked', async () => {
    const { results } = await readJson(await post('/api/knowledge/search', { query: '维权预案的制定原则有哪些', scope: 'plan', k: 3 }));
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r: { kind: string }) => r.kind === 'plan')).toBe(true);
    expect(results[0].heading).toContain('5.1 维权预案的制定原则');
  });

  it.each([
    ['an empty query', { query: '   ' }, /query/],
    ['a query over 2,000 characters', { query: '退'.repeat(2001) }, /2,000/],
    ['a query of the wrong type', { query: 42 }, /query/],
    ['an unknown scope', { query: '退货', scope: 'everything' }, /scope/],
    ['an unknown field', { query: '退货', extra: 1 }, /extra/],
    ['k out of range', { query: '退货', k: 0 }, /k/],
  ])('rejects %s with 400 VALIDATION_FAILED', async (_name, body, message) => {
    const res = await post('/api/knowledge/search', body);
    expect(res.status).toBe(400);
    const { error } = await readJson(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(message);
  });

  it('rejects a body that is not JSON with 415', async () => {
    const res = await post('/api/knowledge/search', 'query=退货', 'text/plain');
    expect(res.status).toBe(415);
  });
});

describe('POST /api/knowledge/answer', () => {
  it('answers a layperson question with citations that are real retrieved articles', async () => {
    const res = await post('/api/knowledge/answer', { question: '网上买的手机屏幕有亮点，商家说拆封了不给退怎么办' });
    expect(res.status).toBe(200);
    const answer = await readJson(res);
    expect(answer.notCovered).toBe(false);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const c of answer.citations) {
      expect(c).toEqual(
        expect.objectContaining({
          law: expect.any(String),
          article: expect.stringMatching(/^第.+条/),
          sourcePath: expect.any(String),
          quote: expect.any(String),
        }),
      );
      const { results } = await readJson(await post('/api/knowledge/search', { query: `${c.law}${c.article}`, k: 1, corpus: 'all' }));
      expect(results[0].text.replace(/\s+/g, ' ')).toContain(c.quote.replace(/……$/, '').split('……')[0]);
    }
    expect(answer.answer).toContain('不是律师的法律意见');
  });

  it('says when neither the plans nor the laws cover a question', async () => {
    for (const question of ['红烧肉怎么做才好吃', '明天北京会下雨吗', '房东不退押金怎么办']) {
      const answer = await readJson(await post('/api/knowledge/answer', { question }));
      expect(answer, question).toMatchObject({ notCovered: true, citations: [], planSections: [] });
      expect(answer.answer).toContain('没有覆盖');
    }
  });

  it('flags a repealed law named by the user and points to the Civil Code', async () => {
    const answer = await readJson(await post('/api/knowledge/answer', { question: '合同法第107条规定的违约责任是什么' }));
    expect(answer.answer).toMatch(/《合同法》已于2021-01-01废止/);
    expect(answer.citations[0]).toMatchObject({ law: '民法典', article: '第五百七十七条' });
  });

  it('answers questions about the operator plan from the right section', async () => {
    const answer = await readJson(await post('/api/knowledge/answer', { question: '消费者权益受损时应先做什么' }));
    expect(answer.planSections[0]?.heading).toMatch(/^6\.1/);
  });

  it('answers a question about the plan itself from the plan alone, without statutes that share its words', async () => {
    const answer = await readJson(await post('/api/knowledge/answer', { question: '维权预案的制定原则有哪些' }));
    expect(answer.planSections[0]?.heading).toMatch(/制定原则/);
    expect(answer.citations).toEqual([]);
    expect(answer.notCovered).toBe(false);
  });

  it("puts the plan's step first for a what-to-do question", async () => {
    const answer = await readJson(await post('/api/knowledge/answer', { question: '消费者权益受损时应先做什么' }));
    expect(answer.answer.indexOf('6.1')).toBeGreaterThan(-1);
    const firstLaw = answer.citations[0] ? answer.answer.indexOf(`《${answer.citations[0].law}》${answer.citations[0].article}`) : Infinity;
    expect(answer.answer.indexOf('6.1')).toBeLessThan(firstLaw);
  });

  it('answers a direct reference with the named articles only', async () => {
    const answer = await readJson(await post('/api/knowledge/answer', { question: '消保法第24条和第25条' }));
    expect(answer.citations.map((c: { article: string }) => c.article)).toEqual(['第二十四条', '第二十五条']);
    const repealed = await readJson(await post('/api/knowledge/answer', { question: '侵权责任法第四十一条' }));
    expect(repealed.citations.map((c: { law: string; article: string }) => `${c.law}${c.article}`)).toEqual(['民法典第一千二百零二条']);
  });

  it('says an article does not exist instead of citing unrelated ones', async () => {
    const answer = await readJson(await post('/api/knowledge/answer', { question: '消保法第九十九条' }));
    expect(answer.answer).toContain('《消费者权益保护法》没有第九十九条');
    expect(answer.citations).toEqual([]);
    const withQuestion = await readJson(await post('/api/knowledge/answer', { question: '消保法第九十九条说的七天无理由退货怎么算' }));
    expect(withQuestion.answer).toContain('没有第九十九条');
    // The rest of the question still finds the no-reason-return articles (消保法第二十五条 and its implementing rules).
    expect(withQuestion.citations.map((c: { law: string; article: string }) => `${c.law}${c.article}`)).toContain('消费者权益保护法第二十五条');
  });

  it('flags a repealed law that a quoted plan section still names as current', async () => {
    const answer = await readJson(await post('/api/knowledge/answer', { question: '电子商务经营者因商品质量问题造成消费者损害要承担什么侵权责任' }));
    expect(answer.planSections.map((s: { heading: string }) => s.heading).join(' ')).toContain('侵权责任法');
    expect(answer.notices).toContainEqual(expect.stringMatching(/^《侵权责任法》已于2021-01-01废止/));
  });

  it('answers in English when asked', async () => {
    const answer = await readJson(await post('/api/knowledge/answer', { question: '消保法第二十五条', locale: 'en' }));
    expect(answer.answer).toMatch(/legal information, not legal advice/);
  });

  it('never carries citations over from one answer to the next', async () => {
    const first = await readJson(await post('/api/knowledge/answer', { question: '食安法148' }));
    const second = await readJson(await post('/api/knowledge/answer', { question: '红烧肉怎么做才好吃' }));
    expect(first.citations.length).toBeGreaterThan(0);
    expect(second.citations).toEqual([]);
  });
});
