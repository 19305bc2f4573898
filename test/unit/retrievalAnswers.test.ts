import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOfflineKnowledge } from '../../retrieval-eval/offlineKnowledge.js';
import type { Knowledge } from '../../src/retrieval/makeKnowledge.js';
import { lawsDir, repoRoot, seedPlanFile } from '../helpers/paths.js';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await loadOfflineKnowledge({ lawsDir, knowledgeDir: path.join(repoRoot, 'knowledge'), operatorPlans: [seedPlanFile] });
}, 60_000);

describe('the version in force on the date that matters', () => {
  it('quotes the 2025 食品安全法 from 2025-12-01 on, and the 2021 text for an earlier purchase', () => {
    const now = knowledge.answer({ question: '食品安全法第一百四十八条', on: '2026-06-01' });
    expect(now.citations[0]).toMatchObject({ law: '食品安全法', article: '第一百四十八条', versionDate: '2025-09-12', inForce: '2025-12-01', current: true });
    expect(now.answer).toContain('2025-09-12版，2025-12-01起施行');
    const before = knowledge.answer({ question: '食品安全法第一百四十八条', on: '2025-11-30' });
    expect(before.citations[0]).toMatchObject({ versionDate: '2021-04-29', current: false });
    expect(knowledge.article('食品安全法', '第一百四十八条', '2025-11-30')?.versionDate).toBe('2021-04-29');
  });

  it('cites the renumbered 2025 网络安全法 for personal information from 2026 on', () => {
    expect(knowledge.article('网络安全法', '第四十四条', '2026-03-01')?.text).toContain('不得泄露、篡改、毁损其收集的个人信息');
    expect(knowledge.article('网络安全法', '第四十二条', '2025-06-01')?.text).toContain('不得泄露、篡改、毁损其收集的个人信息');
  });

  it('answers a direct reference to the new regulations with the named article', () => {
    for (const [question, law, article] of [
      ['实施条例第二十二条', '消费者权益保护法实施条例', '第二十二条'],
      ['七日无理由退货办法第八条', '网络购买商品七日无理由退货暂行办法', '第八条'],
      ['网络交易监督管理办法第十七条是怎么规定的', '网络交易监督管理办法', '第十七条'],
      ['快递条例第二十八条', '快递暂行条例', '第二十八条'],
    ] as const) {
      expect(knowledge.answer({ question }).citations[0], question).toMatchObject({ law, article });
    }
  });
});

describe('a rule replaced by one whose text we do not hold', () => {
  it('is quoted only as the 2022 rule, with a notice, never as current', () => {
    const a = knowledge.answer({ question: '12315投诉需要提供哪些材料', on: '2026-05-01' });
    const old = a.citations.find((c) => c.law === '市场监督管理投诉举报处理暂行办法');
    expect(old).toMatchObject({ current: false, supersededBy: '市场监督管理投诉举报处理办法' });
    expect(a.notices.join('')).toContain('已于2026-04-15被《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号）取代');
    expect(a.answer).toContain('2022 年《市场监督管理投诉举报处理暂行办法》');
    expect(knowledge.article('市场监督管理投诉举报处理暂行办法', '第九条', '2026-05-01')?.supersededBy).toMatchObject({
      law: '市场监督管理投诉举报处理办法',
      on: '2026-04-15',
    });
  });

  it('is still current for a complaint made before the replacement took effect', () => {
    const a = knowledge.answer({ question: '12315投诉需要提供哪些材料', on: '2026-03-01' });
    expect(a.citations.find((c) => c.law === '市场监督管理投诉举报处理暂行办法')).toMatchObject({ current: true });
    expect(a.notices.join('')).not.toContain('取代');
    expect(knowledge.article('市场监督管理投诉举报处理暂行办法', '第九条', '2026-03-01')?.supersededBy).toBeUndefined();
  });

  it('is flagged when the question names it', () => {
    const a = knowledge.answer({ question: '投诉举报暂行办法第十四条', on: '2026-12-01' });
    expect(a.notices.join('')).toContain('取代');
    expect(a.citations.every((c) => !c.current || c.law !== '市场监督管理投诉举报处理暂行办法')).toBe(true);
  });
});

describe('plan answers', () => {
  it('return a plan section with all its subsections, in order, before the supporting law', () => {
    const a = knowledge.answer({ question: '平台怎样保障商品信息的真实性？' });
    expect(a.planSections.map((s) => s.heading)).toEqual(['3.2 商品信息真实性保障', '3.2.1 审核商家资质', '3.2.2 商品信息审核', '3.2.3 消费者评价机制']);
    const at = (text: string) => a.answer.indexOf(text);
    expect(at('3.2.1 审核商家资质')).toBeGreaterThan(at('从以下几个方面'));
    expect(at('3.2.3 消费者评价机制')).toBeGreaterThan(at('3.2.2 商品信息审核'));
    if (a.citations[0]) expect(at('3.2.3 消费者评价机制')).toBeLessThan(at(`《${a.citations[0].law}》`));
  });

  it('answer "how does the platform…" from the plan first', () => {
    const a = knowledge.answer({ question: '平台如何保护消费者的隐私？' });
    expect(a.planSections[0]?.heading).toMatch(/^3\.3(\.2)? /);
    const plan = a.answer.indexOf(`「${a.planSections[0]?.heading ?? ''}」`);
    expect(plan).toBeGreaterThanOrEqual(0);
    for (const c of a.citations) expect(plan).toBeLessThan(a.answer.indexOf(`《${c.law}》${c.article}`));
  });

  it('keep a subsection question to that subsection', () => {
    const a = knowledge.answer({ question: '平台怎样审核商家资质？' });
    expect(a.planSections.map((s) => s.heading)).toEqual(['3.2.1 审核商家资质']);
  });
});
