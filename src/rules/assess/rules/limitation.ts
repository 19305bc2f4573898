import { addMonthsPeriod } from '../addMonthsPeriod.js';
import { describeDue, dueFields, type DueView } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { cite, MONTH_PERIOD } from '../laws.js';
import { isInjuryCase, type Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 民法典 第一百八十八条: three years. 产品质量法 第四十五条: two years for damage caused by a product defect. */
const GENERAL_MONTHS = 36;
const PRODUCT_DEFECT_MONTHS = 24;

/**
 * Limitation periods for going to court, counted from when the consumer knew of the harm (`Facts.knew`).
 * The product-defect period applies on top when someone was injured or the dispute is about injury.
 */
export function limitation(f: Facts): Conclusion[] {
  const out = [general(f)];
  if (isInjuryCase(f.input)) out.push(productDefect(f));
  return out;
}

function general(f: Facts): Conclusion {
  const base = { id: 'limitation-general', kind: 'deadline' as const, title: '三年诉讼时效', titleEn: 'Three-year limitation period' };
  const interrupt = '向对方提出要求、对方同意履行、起诉或申请仲裁，都会使时效中断、重新计算。';
  const interruptEn = ' Making a demand, the other side agreeing to perform, or suing or arbitrating interrupts the period and restarts it.';
  if (!f.knew) {
    return {
      ...base,
      text: `向法院起诉的诉讼时效为三年，从知道或应当知道权利受损和对方是谁之日起算。${interrupt}`,
      textEn: `The limitation period for suing is three years from when you knew or should have known of the harm and who caused it.${interruptEn}`,
      citations: cite('civil', '第一百八十八条', '第一百九十五条'),
    };
  }
  const due = describeDue(f.today, addMonthsPeriod(f.knew.date, GENERAL_MONTHS, f.calendar, true));
  // Once run out, interrupting it no longer helps; what is left is the other side's choice to perform.
  const [afterZh, afterEn] = due.status === 'passed' ? [EXPIRED.zh, ` ${EXPIRED.en}`] : [interrupt, interruptEn];
  return {
    ...base,
    ...dueFields(due),
    text: `向法院起诉的诉讼时效为三年，从知道或应当知道权利受损和对方是谁之日起算：按${f.knew.basisZh}（${formatDateShort(f.knew.date)}）计，到 ${due.dateZh}，${due.statusZh}。${due.caveatZh}${afterZh}`,
    textEn: `The limitation period for suing is three years from when you knew or should have known of the harm and who caused it: counting from ${f.knew.basisEn} (${f.knew.date}), until ${due.dateEn} (${due.statusEn}).${due.caveatEn}${afterEn}`,
    citations: [...cite('civil', '第一百八十八条', '第一百九十五条'), ...MONTH_PERIOD, ...expiredCitations(due)],
  };
}

function productDefect(f: Facts): Conclusion {
  const base = { id: 'limitation-product-defect', kind: 'deadline' as const, title: '产品缺陷损害：两年时效', titleEn: 'Product-defect damage: two-year limitation' };
  const cap = '缺陷产品交付最初消费者满十年的，赔偿请求权消灭（尚未超过明示的安全使用期的除外）。';
  const capEn = ' The claim is lost ten years after the defective product was first delivered to a consumer, unless a stated safe-use period is longer.';
  if (!f.knew) {
    return {
      ...base,
      text: `因产品缺陷造成损害要求赔偿的，诉讼时效为两年，从知道或应当知道权益受到损害时起算。${cap}`,
      textEn: `For damage caused by a product defect the limitation period is two years from when you knew or should have known of the harm.${capEn}`,
      citations: cite('product', '第四十五条'),
    };
  }
  const due = describeDue(f.today, addMonthsPeriod(f.knew.date, PRODUCT_DEFECT_MONTHS, f.calendar, true));
  return {
    ...base,
    ...dueFields(due),
    text: `因产品缺陷造成损害要求赔偿的，诉讼时效为两年，从知道或应当知道受到损害时起算：按${f.knew.basisZh}（${formatDateShort(f.knew.date)}）计，到 ${due.dateZh}，${due.statusZh}；如果受伤是在那之后，从受伤之日起算。${due.caveatZh}${due.status === 'passed' ? EXPIRED.zh : ''}${cap}`,
    textEn: `For damage caused by a product defect the limitation period is two years from when you knew or should have known of the harm: counting from ${f.knew.basisEn} (${f.knew.date}), until ${due.dateEn} (${due.statusEn}); if the injury came later, count from the injury.${due.caveatEn}${due.status === 'passed' ? ` ${EXPIRED.en}` : ''}${capEn}`,
    citations: [...cite('product', '第四十五条'), ...MONTH_PERIOD, ...expiredCitations(due)],
  };
}

/** 民法典 第一百九十二条: after expiry the other side may refuse, but once it agrees to perform it cannot go back on that. */
const EXPIRED = {
  zh: '时效已经届满：对方可以以此拒绝履行，单凭起诉难以得到支持；但对方之后同意履行的，不能再以时效已过为由反悔，协商、请求消协调解仍然可以尝试。',
  en: 'The period has run out: the other side may refuse on that ground, so a lawsuit alone is unlikely to succeed; but if it later agrees to perform it cannot go back on that, and negotiation or consumer-association mediation are still worth trying.',
};

function expiredCitations(due: DueView) {
  return due.status === 'passed' ? cite('civil', '第一百九十二条') : [];
}
