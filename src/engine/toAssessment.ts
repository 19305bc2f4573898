import type { AssessmentSummary, Context } from '../../dialogs/rights/types.js';
import type { Assessment, AssessmentInput } from '../rules/assess/index.js';
import type { IsoDate } from '../rules/calendar/index.js';

// Goods people keep for years: 消保法 第二十三条 names 机动车、计算机、电视机、电冰箱、空调器、洗衣机 "等";
// phones, laptops and similar appliances are read as the same kind of goods.
const DURABLE = /车|电脑|计算机|笔记本|平板|电视|冰箱|空调|洗衣机|手机|相机|热水器|油烟机|微波炉|烤箱|洗碗机|扫地机|显示器|投影/;
// Refurbished or used goods passed off as new (以次充好): fraud with the triple award when a trader sold them.
const REFURBISHED_AS_NEW = /翻新|官翻|以旧充新|(二手|旧|用过|拆封|退货|样机|展示机).{0,8}(冒充|当成?|充当?|说是|谎称)(全新|新品|新机|新的)/;

export function toAssessmentInput(c: Context, today: string, parseIsoDate: (iso: string) => IsoDate): AssessmentInput {
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
    sellerName: s.shopName,
    refurbishedAsNew: s.problem && REFURBISHED_AS_NEW.test(s.problem) ? true : undefined,
    returnShippedDate: date(s.returnShippedDate),
    returnReceivedBySellerDate: date(s.returnReceivedDate),
    contractTotalFen: s.contractTotalFen !== undefined && s.contractTotalFen >= 0 ? s.contractTotalFen : undefined,
    breachBy: s.breachBy,
    // An age the rules cannot use (negative, implausible) is left out rather than failing the turn.
    minorAge: s.minorAge !== undefined && s.minorAge >= 0 && s.minorAge <= 130 ? s.minorAge : undefined,
    shopClosed: s.shopClosed,
    offline: s.offline,
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
