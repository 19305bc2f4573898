import { describe, expect, it } from 'vitest';
import { complaintRuleOn } from '../../dialogs/rights/complaintRule.js';
import type { Context } from '../../dialogs/rights/types.js';
import { render } from '../../dialogs/rights/wording.js';

const base = (locale: 'zh' | 'en', awaiting: Context['awaiting']): Context => ({
  consent: 'given',
  locale,
  category: 'non_delivery',
  slots: { platform: '拼多多', product: '破壁机', amountFen: 29900 },
  evidence: [],
  outcomes: [
    { step: 'seller', outcome: 'refused' },
    { step: 'platform', outcome: 'refused' },
  ],
  failures: 0,
  history: [],
  awaiting,
});
const cited = (replies: ReturnType<typeof render>) => replies.flatMap((r) => r.citations ?? []).map((c) => `${c.law}#${c.article}`);
const text = (replies: ReturnType<typeof render>) => replies.map((r) => r.text).join('\n');

describe('12315 wording follows the procedure in force on the conversation date', () => {
  it('picks the rule by date, the current one when no date is given', () => {
    expect(complaintRuleOn('2024-06-30')).toBe('interim');
    expect(complaintRuleOn('2024-07-01')).toBe('interimWithRegulations');
    expect(complaintRuleOn('2026-04-14')).toBe('interimWithRegulations');
    expect(complaintRuleOn('2026-04-15')).toBe('replaced');
    expect(complaintRuleOn(undefined)).toBe('replaced');
  });

  for (const locale of ['zh', 'en'] as const) {
    it(`after 2026-04-15 (${locale}): names 总局令第121号, cites the 实施条例, never the 2022 rule as current`, () => {
      const routes = render('sayExternalRoutes', base(locale, { slot: 'complainantName', kind: 'text' }), { today: '2026-11-28' });
      expect(text(routes)).toContain(locale === 'zh' ? '总局令第121号' : 'SAMR Order No. 121');
      expect(text(routes)).toContain(locale === 'zh' ? '60 日内调解完毕' : 'within 60 days');
      expect(text(routes)).not.toMatch(/45 (个工作日|working days)/);
      expect(cited(routes)).toEqual(['消费者权益保护法实施条例#第四十六条', '消费者权益保护法#第四十六条']);
      const complaint = render('sayComplaintStep', base(locale, { slot: 'outcome', kind: 'choice' }), { today: '2026-11-28' });
      expect(cited(complaint).filter((c) => c.startsWith('市场监督管理投诉举报处理暂行办法'))).toEqual([]);
      expect(cited(complaint)).toContain('消费者权益保护法实施条例#第四十六条');
      expect(text(complaint)).toContain(locale === 'zh' ? '2022 年暂行办法' : '2022 interim rule');
    });
  }

  it('between 2024-07-01 and 2026-04-14: 7 working days of the 2022 rule, 60 days of mediation of the 实施条例', () => {
    const routes = render('sayExternalRoutes', base('zh', { slot: 'complainantName', kind: 'text' }), { today: '2025-05-01' });
    expect(text(routes)).toContain('60 日内调解完毕');
    expect(text(routes)).not.toContain('45 个工作日');
    expect(cited(routes)).toEqual([
      '市场监督管理投诉举报处理暂行办法#第十四条',
      '消费者权益保护法实施条例#第四十六条',
      '市场监督管理投诉举报处理暂行办法#第九条',
    ]);
  });

  it('before 2024-07-01: the 2022 rule alone, 45 working days, its 第九条 and 第十五条', () => {
    const routes = render('sayExternalRoutes', base('zh', { slot: 'outcome', kind: 'choice' }), { today: '2023-03-01' });
    expect(text(routes)).toContain('45 个工作日');
    expect(cited(routes)).toEqual(['市场监督管理投诉举报处理暂行办法#第十四条', '市场监督管理投诉举报处理暂行办法#第二十一条']);
    const complaint = render('sayComplaintStep', base('zh', { slot: 'outcome', kind: 'choice' }), { today: '2023-03-01' });
    expect(cited(complaint)).toEqual(expect.arrayContaining(['市场监督管理投诉举报处理暂行办法#第九条', '市场监督管理投诉举报处理暂行办法#第十五条']));
  });
});

describe('a replaced rule in the details', () => {
  const replaced = {
    law: '市场监督管理投诉举报处理暂行办法',
    article: '第九条',
    version: '2022-03-24',
    superseded: { on: '2026-04-15', byZh: '总局令第121号', byEn: 'SAMR Order No. 121', asZh: '2022年规定列出的事项', asEn: 'the 2022 list' },
  };
  const context = (locale: 'zh' | 'en'): Context => ({
    ...base(locale, undefined),
    assessment: {
      conclusions: [
        {
          id: 'complaint-rule-replaced',
          kind: 'warning',
          title: 'T',
          text: 'X',
          citations: [{ law: '消费者权益保护法实施条例', article: '第四十六条' }, replaced],
        },
      ],
      citations: [{ law: '消费者权益保护法实施条例', article: '第四十六条' }, replaced],
      appliesConsumerLaw: true,
    },
  });

  it('is named with its version and the day it was replaced, never as a bare card', () => {
    const [zh] = render('sayDetails', context('zh'));
    expect(zh?.text).toContain('《市场监督管理投诉举报处理暂行办法》第九条（2022 年版，已于 2026-04-15 被取代）');
    expect(zh?.details?.[0]?.citations[1]?.note).toBe('（2022 年版，已于 2026-04-15 被取代）');
    expect(zh?.citations?.map((c) => c.law)).toEqual(['消费者权益保护法实施条例']);
    const [en] = render('sayDetails', context('en'));
    expect(en?.text).toContain('第九条 (2022 text, replaced on 2026-04-15)');
    const [short] = render('sayAssessment', context('zh'));
    expect(short?.citations?.map((c) => c.law)).toEqual(['消费者权益保护法实施条例']);
  });
});
