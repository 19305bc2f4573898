import { compareDates, type IsoDate } from '../calendar/index.js';
import type { Citation } from './types.js';

/**
 * Short titles exactly as the law corpus names them (`lawShort`: the title without 中华人民共和国), so a
 * citation can be looked up in /shared/laws as is. Every article cited in this module was read there.
 */
export const LAW = {
  consumer: '消费者权益保护法',
  consumerRegulations: '消费者权益保护法实施条例',
  ecommerce: '电子商务法',
  civil: '民法典',
  food: '食品安全法',
  product: '产品质量法',
  price: '价格法',
  priceMarking: '明码标价和禁止价格欺诈规定',
  penalties: '侵害消费者权益行为处罚办法',
  complaints: '市场监督管理投诉举报处理暂行办法',
  sevenDayRules: '网络购买商品七日无理由退货暂行办法',
  onlineTrade: '网络交易监督管理办法',
  onlineCatering: '网络餐饮服务食品安全监督管理办法',
  personalInfo: '个人信息保护法',
  minors: '未成年人保护法',
  tourism: '旅游法',
  cosmetics: '化妆品监督管理条例',
  antiFraud: '反电信网络诈骗法',
  onlineConsumption: '最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）',
  foodPunitive: '最高人民法院关于审理食品药品惩罚性赔偿纠纷案件适用法律若干问题的解释',
  prepaid: '最高人民法院关于审理预付式消费民事纠纷案件适用法律若干问题的解释',
  contractInterpretation: '最高人民法院关于适用《民法典》合同编通则若干问题的解释',
} as const;

export type LawKey = keyof typeof LAW;

/**
 * Laws the corpus holds in several versions whose cited articles this module names by version: each
 * version's date (the date in its file name) and the day it took effect, oldest first. A citation of these
 * names the version in force on the date that matters (`Facts.lawDate`). 食品安全法: the 2021 amendment, and
 * the 2025-09-12 amendment in force 2025-12-01 (corpus README); 第一百三十一、一百四十八条 read the same in both.
 * Other laws held in several versions (处罚办法 2015/2020, 未成年人保护法 2020/2024) are cited in their current
 * text only: the articles cited read the same in each version (checked against both texts).
 */
const VERSIONS: Partial<Record<LawKey, { version: IsoDate; from: IsoDate }[]>> = {
  food: [
    { version: '2021-04-29' as IsoDate, from: '2021-04-29' as IsoDate },
    { version: '2025-09-12' as IsoDate, from: '2025-12-01' as IsoDate },
  ],
};

/** The version of `law` in force on `date` (the oldest held if `date` is earlier still), or undefined for single-version laws. */
export function versionInForce(law: LawKey, date: IsoDate): IsoDate | undefined {
  const versions = VERSIONS[law];
  if (!versions) return undefined;
  const inForce = versions.filter((v) => compareDates(v.from, date) <= 0);
  return (inForce[inForce.length - 1] ?? versions[0])?.version;
}

/** `cite('consumer', '第二十四条', '第二十五条')` → one citation per article of that law (single-version laws). */
export function cite(law: LawKey, ...articles: string[]): Citation[] {
  return articles.map((article) => ({ law: LAW[law], article }));
}

/** Like `cite`, naming the version in force on `date` for laws held in several versions. */
export function citeAt(date: IsoDate, law: LawKey, ...articles: string[]): Citation[] {
  const version = versionInForce(law, date);
  return articles.map((article) => ({ law: LAW[law], article, ...(version ? { version } : {}) }));
}

/** 消费者权益保护法实施条例 第五十三条: in force 2024-07-01. */
export const CONSUMER_REGULATIONS_FROM = '2024-07-01' as IsoDate;

/**
 * 实施条例 articles where they add to a basis that stands without them: cited only for disputes whose date
 * (`Facts.lawDate`) is on or after the day the regulations took effect.
 */
export function citeRegulationsAt(date: IsoDate, ...articles: string[]): Citation[] {
  return compareDates(date, CONSUMER_REGULATIONS_FROM) >= 0 ? cite('consumerRegulations', ...articles) : [];
}

/** The 2022 12315 rule was replaced on 2026-04-15 by 总局令第121号, whose text the corpus does not hold. */
export const COMPLAINT_RULE_REPLACED_ON = '2026-04-15' as IsoDate;
export const COMPLAINT_RULE_VERSION = '2022-03-24' as IsoDate;
export const NEW_COMPLAINT_RULE = { zh: '《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号）', en: 'the Measures for Handling Market-Regulation Complaints and Reports (SAMR Order No. 121)' };

/** A citation of the replaced 2022 12315 rule, marked as such and saying what it is cited for. */
export function citeReplacedComplaintRule(article: string, asZh: string, asEn: string): Citation {
  return {
    law: LAW.complaints,
    article,
    version: COMPLAINT_RULE_VERSION,
    superseded: { on: COMPLAINT_RULE_REPLACED_ON, byZh: NEW_COMPLAINT_RULE.zh, byEn: NEW_COMPLAINT_RULE.en, asZh, asEn },
  };
}

/** The arithmetic of periods counted in days (民法典 第二百零一条 start day not counted, 第二百零三条 rollover). */
export const DAY_PERIOD: Citation[] = cite('civil', '第二百零一条', '第二百零三条');

/** Periods counted in months or years also end on the corresponding day (第二百零二条). */
export const MONTH_PERIOD: Citation[] = cite('civil', '第二百零一条', '第二百零二条', '第二百零三条');
