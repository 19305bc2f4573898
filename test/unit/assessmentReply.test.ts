import { describe, expect, it } from 'vitest';
import type { AssessmentSummary, Context } from '../../dialogs/rights/types.js';
import { SHOWN_CITATIONS, SHOWN_CONCLUSIONS, render } from '../../dialogs/rights/wording.js';

const cite = (article: string) => ({ law: '消费者权益保护法', article });
const conclusion = (id: string, kind: string, ...articles: string[]) => ({ id, kind, title: `T-${id}`, text: `X-${id}`, citations: articles.map(cite) });
const assessment: AssessmentSummary = {
  conclusions: [
    conclusion('quality-return-window', 'deadline', '第二十四条', '第二十五条'),
    conclusion('quality-after-seven-days', 'remedy', '第二十四条', '第四十条'),
    conclusion('quality-remedies', 'remedy', '第四十八条', '第四十九条'),
    conclusion('durable-burden-of-proof', 'remedy', '第二十三条'),
    conclusion('liability-seller', 'liability', '第四十条'),
    conclusion('limitation-general', 'deadline', '第一百八十八条'),
    conclusion('complaint-rule-replaced', 'warning', '第四十六条'),
  ],
  citations: ['第二十三条', '第二十四条', '第二十五条', '第四十条', '第四十六条', '第四十八条', '第四十九条', '第一百八十八条'].map(cite),
  appliesConsumerLaw: true,
};
const context = (locale: 'zh' | 'en', a: AssessmentSummary = assessment): Context => ({
  consent: 'given',
  locale,
  category: 'quality_defect',
  slots: {},
  evidence: [],
  outcomes: [],
  failures: 0,
  history: [],
  assessment: a,
});

describe('the assessment reply: conclusion first, at most three, the rest behind 详细依据', () => {
  for (const locale of ['zh', 'en'] as const) {
    it(`shows at most ${SHOWN_CONCLUSIONS} conclusions and ${SHOWN_CITATIONS} citations, and offers the details (${locale})`, () => {
      const [reply] = render('sayAssessment', context(locale));
      const shown = assessment.conclusions.filter((k) => reply?.text.includes(`X-${k.id}`)).map((k) => k.id);
      // The dispute's own conclusions before the general ones, one of each kind first.
      expect(shown).toEqual(['quality-return-window', 'quality-after-seven-days', 'quality-remedies']);
      expect(reply?.text.startsWith('• T-quality-return-window')).toBe(true);
      expect(reply?.text).toContain(locale === 'zh' ? '另有 4 条结论' : '4 more conclusion(s)');
      expect(reply?.citations?.length).toBe(SHOWN_CITATIONS);
      // Each shown conclusion's first article has its card.
      expect(reply?.citations?.map((c) => c.article)).toEqual(['第二十四条', '第四十八条', '第二十五条']);
      expect(reply?.suggestions).toEqual([{ title: locale === 'zh' ? '详细依据' : 'Details', value: 'details' }]);

      const [details] = render('sayDetails', context(locale));
      for (const k of assessment.conclusions) expect(details?.text).toContain(`X-${k.id}`);
      expect(details?.citations).toEqual(assessment.citations);
    });
  }

  it('prefers a second kind over a third conclusion of the same kind', () => {
    const a = {
      ...assessment,
      conclusions: [assessment.conclusions[1]!, assessment.conclusions[2]!, assessment.conclusions[3]!, conclusion('x', 'amount', '第五十五条')],
    };
    const [reply] = render('sayAssessment', context('zh', a));
    expect(reply?.text).toContain('X-x');
    expect(reply?.text).not.toContain('X-durable-burden-of-proof');
  });

  it('a short assessment shows everything and still offers every article', () => {
    const a = { ...assessment, conclusions: assessment.conclusions.slice(0, 2) };
    const [reply] = render('sayAssessment', context('zh', a));
    expect(reply?.text).toContain('X-quality-after-seven-days');
    expect(reply?.text).not.toContain('另有');
    expect(reply?.text).toContain('详细依据');
  });

  it('an update shows only what changed, at most three', () => {
    const changed = assessment.conclusions.map((k) => k.id).slice(0, 5);
    const [reply] = render('sayAssessmentUpdated', context('zh', { ...assessment, changed }));
    expect(reply?.text).toContain('重新计算');
    expect(assessment.conclusions.filter((k) => reply?.text.includes(`X-${k.id}`)).length).toBe(3);
    expect(reply?.text).toContain('另有 2 条结论也有变化');
  });
});
