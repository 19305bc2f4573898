import { addMonthsPeriod } from '../addMonthsPeriod.js';
import { describeDue, dueFields, ifPassed } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { cite, MONTH_PERIOD } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 民法典 第一百五十二条第一款第（一）项: one year from knowing of the fraud. */
const RESCISSION_MONTHS = 12;

/**
 * Second-hand platforms. A seller shown to be trading as a business carries a 经营者's liability under 消保法
 * (网络消费规定（一）第七条); a private person selling their own things does not, and the buyer has contract
 * law only: breach remedies (民法典 第五百七十七条, 第五百八十二条) and rescission for fraud (第一百四十八条,
 * 第一百五十二条 one year, 第一百五十七条 restitution).
 */
export function secondHand(f: Facts): Conclusion[] {
  if (!f.secondHand) return [];
  if (f.consumerLaw) return [f.businessName && f.input.sellerIsTrader !== true ? businessSeller(f.input.sellerName ?? '') : trader];
  return [notConsumerLaw, contractRemedies, fraudRescission, rescissionDeadline(f)];
}

const FACTORS_ZH = '出售商品的性质、来源、数量、价格、频率、是否有其他销售渠道、收入等';
const FACTORS_EN = 'the nature, source, quantity, price and frequency of sales, other sales channels and income';

const trader: Conclusion = {
  id: 'second-hand-trader',
  kind: 'liability',
  title: '二手卖家实为经营者：适用消保法',
  titleEn: 'Second-hand seller trading as a business: consumer law applies',
  text: `卖家虽然在二手平台出售，但综合${FACTORS_ZH}可以认定其从事商业经营的，应按消费者权益保护法承担经营者责任，七日无理由退货、欺诈三倍赔偿等都适用。`,
  textEn: `Although the seller sells on a second-hand platform, if ${FACTORS_EN} show it is trading as a business, it carries a trader’s liability under the Consumer Protection Law, including the 7-day no-reason return and triple damages for fraud.`,
  citations: cite('onlineConsumption', '第七条'),
};

/** A seller presenting itself as a business (XX旗舰店, 官方, a company) on a second-hand platform. */
function businessSeller(name: string): Conclusion {
  return {
    id: 'second-hand-trader',
    kind: 'liability',
    title: '以店铺、公司名义出售：是经营者，适用消保法',
    titleEn: 'Selling as a shop or company: a trader, consumer law applies',
    text: `卖家“${name}”以店铺、品牌或公司的名义出售，即使在二手平台上，也是从事商业经营活动的经营者，应按消费者权益保护法承担经营者责任：七日无理由退货、质量问题退换修、欺诈三倍赔偿（最低 500 元）都适用。`,
    textEn: `The seller "${name}" sells under a shop, brand or company name, so even on a second-hand platform it is trading as a business and carries a trader’s liability under the Consumer Protection Law: the 7-day no-reason return, return/exchange/repair for defects and triple damages for fraud (at least ¥500) all apply.`,
    citations: cite('onlineConsumption', '第七条'),
  };
}

const notConsumerLaw: Conclusion = {
  id: 'second-hand-not-consumer-law',
  kind: 'warning',
  title: '个人闲置转卖：一般不适用消保法',
  titleEn: 'Private second-hand sale: consumer law generally does not apply',
  text: `个人出售自己的闲置物品，一般不属于“经营者”，七日无理由退货、欺诈三倍赔偿等消保法规则不适用，只能按合同规则主张。如果能证明卖家实际在做生意（看${FACTORS_ZH}），可以要求按消保法处理。`,
  textEn: `A private person selling their own used things is generally not a trader, so consumer-law rules such as the 7-day no-reason return and triple damages for fraud do not apply; you have contract-law claims. If you can show the seller is in fact trading (${FACTORS_EN}), you can ask for consumer law to apply.`,
  citations: cite('onlineConsumption', '第七条'),
};

const contractRemedies: Conclusion = {
  id: 'second-hand-contract',
  kind: 'remedy',
  title: '货不对板：按合同追究违约责任',
  titleEn: 'Not as described: breach-of-contract remedies',
  text: '卖家交付的东西与约定或描述不符的，可以要求继续履行、采取补救措施或赔偿损失，并可根据问题大小合理选择修理、更换、退货或减少价款。',
  textEn: 'If what the seller delivered does not match the agreement or description, you can demand performance, remedial measures or damages, and reasonably choose repair, replacement, return or a price reduction according to the problem.',
  citations: cite('civil', '第五百七十七条', '第五百八十二条'),
};

const fraudRescission: Conclusion = {
  id: 'second-hand-fraud-rescission',
  kind: 'remedy',
  title: '被骗购买：可请求撤销交易',
  titleEn: 'Deceived into buying: ask to rescind the sale',
  text: '卖家故意虚构或隐瞒商品情况使你购买的，可以请求法院或仲裁机构撤销这笔交易：卖家返还货款，有过错的一方赔偿对方的损失。',
  textEn: 'If the seller deceived you into buying by inventing or hiding facts about the item, you can ask a court or arbitration body to rescind the sale: the money comes back, and the party at fault compensates the other’s loss.',
  citations: cite('civil', '第一百四十八条', '第一百五十七条'),
};

function rescissionDeadline(f: Facts): Conclusion {
  const base = { id: 'fraud-rescission-deadline', kind: 'deadline' as const, title: '撤销权一年期限', titleEn: 'One year to rescind for fraud' };
  const tail = '且自交易之日起最长不超过五年。';
  const tailEn = ' In any case no later than five years after the sale.';
  if (!f.knew) {
    return {
      ...base,
      text: `撤销权应在知道或应当知道被骗之日起一年内行使，${tail}`,
      textEn: `Rescission must be sought within one year of when you knew or should have known of the fraud.${tailEn}`,
      citations: cite('civil', '第一百五十二条'),
    };
  }
  const due = describeDue(f.today, addMonthsPeriod(f.knew.date, RESCISSION_MONTHS, f.calendar, true));
  const [lapsedZh, lapsedEn] = ifPassed(due, '一年已过，撤销权已经消灭；商品与描述不符的，仍可以按合同要求卖家承担违约责任（退货退款、赔偿损失）。', 'The year is over and the right to rescind is gone; if the item was not as described you can still hold the seller to the contract (return and refund, damages).');
  return {
    ...base,
    ...dueFields(due),
    text: `撤销权应在知道或应当知道被骗之日起一年内行使：按${f.knew.basisZh}（${formatDateShort(f.knew.date)}）计，到 ${due.dateZh}，${due.statusZh}，${tail}${due.caveatZh}${lapsedZh}`,
    textEn: `Rescission must be sought within one year of when you knew or should have known of the fraud: counting from ${f.knew.basisEn} (${f.knew.date}), by ${due.dateEn} (${due.statusEn}).${tailEn}${due.caveatEn}${lapsedEn}`,
    citations: [...cite('civil', '第一百五十二条'), ...MONTH_PERIOD],
  };
}
