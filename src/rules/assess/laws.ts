import type { Citation } from './types.js';

/**
 * Short titles exactly as the law corpus names them (`lawShort`: the title without 中华人民共和国), so a
 * citation can be looked up in /shared/laws as is. Every article cited in this module was read there.
 */
export const LAW = {
  consumer: '消费者权益保护法',
  ecommerce: '电子商务法',
  civil: '民法典',
  food: '食品安全法',
  product: '产品质量法',
  price: '价格法',
  priceMarking: '明码标价和禁止价格欺诈规定',
  penalties: '侵害消费者权益行为处罚办法',
  complaints: '市场监督管理投诉举报处理暂行办法',
  personalInfo: '个人信息保护法',
  onlineConsumption: '最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）',
  foodPunitive: '最高人民法院关于审理食品药品惩罚性赔偿纠纷案件适用法律若干问题的解释',
} as const;

export type LawKey = keyof typeof LAW;

/** `cite('consumer', '第二十四条', '第二十五条')` → one citation per article of that law. */
export function cite(law: LawKey, ...articles: string[]): Citation[] {
  return articles.map((article) => ({ law: LAW[law], article }));
}

/** The arithmetic of periods counted in days (民法典 第二百零一条 start day not counted, 第二百零三条 rollover). */
export const DAY_PERIOD: Citation[] = cite('civil', '第二百零一条', '第二百零三条');

/** Periods counted in months or years also end on the corresponding day (第二百零二条). */
export const MONTH_PERIOD: Citation[] = cite('civil', '第二百零一条', '第二百零二条', '第二百零三条');
