import type { AssessmentSummary, Context } from '../../dialogs/rights/types.js';
import type { Assessment, AssessmentInput } from '../rules/assess/index.js';
import { parseIsoDate } from '../rules/calendar/index.js';

// Goods people keep for years: 消保法 第二十三条 names 机动车、计算机、电视机、电冰箱、空调器、洗衣机 "等";
// phones, laptops and similar appliances are read as the same kind of goods.
const DURABLE = /车|电脑|计算机|笔记本|平板|电视|冰箱|空调|洗衣机|手机|相机|热水器|油烟机|微波炉|烤箱|洗碗机|扫地机|显示器|投影/;

export function toAssessmentInput(c: Context, today: string): AssessmentInput {
  const s = c.slots;
  const date = (d: string | undefined) => (d ? parseIsoDate(d) : undefined);
  return {
    category: c.category ?? 'other',
    today: parseIsoDate(today),
    platform: s.platform,
    sellerType: s.sellerType,
    amountFen: s.amountFen,
    orderDate: date(s.orderDate),
    receivedDate: date(s.receivedDate),
    openedPackage: s.openedPackage,
    injured: s.injured,
    isDurableGood: s.product ? DURABLE.test(s.product) : undefined,
  };
}

export function toAssessmentSummary(a: Assessment, locale: 'zh' | 'en'): AssessmentSummary {
  return {
    conclusions: a.conclusions.map((k) => ({
      id: k.id,
      kind: k.kind,
      title: locale === 'en' ? k.titleEn : k.title,
      text: locale === 'en' ? k.textEn : k.text,
      citations: k.citations,
      ...(k.amountFen !== undefined ? { amountFen: k.amountFen } : {}),
      ...(k.due ? { due: k.due } : {}),
      ...(k.status ? { status: k.status } : {}),
    })),
    citations: a.citations,
    appliesConsumerLaw: a.appliesConsumerLaw,
  };
}
