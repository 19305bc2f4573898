import { AppError } from '../../errors.js';
import type { Calendar, IsoDate } from '../calendar/index.js';
import type { AssessmentInput, Conclusion } from './types.js';

/** The input plus what several rules derive from it, computed once. */
export type Facts = {
  input: AssessmentInput;
  calendar: Calendar;
  today: IsoDate;
  /** A private second-hand seller is not a 经营者 unless shown to be trading (网络消费规定（一）第七条). */
  secondHand: boolean;
  consumerLaw: boolean;
  /**
   * The earliest date we can put on "knew or should have known of the harm" (民法典 第一百八十八条,
   * 暂行办法 第十五条): the day the defect was found, else the day of receipt, else the order date.
   */
  knew?: { date: IsoDate; basisZh: string; basisEn: string };
  /** The date that picks the version of a law in force: the purchase (order, else receipt) date, else today. */
  lawDate: IsoDate;
  /** The seller's name marks a business (旗舰店, 专营店, 官方, 自营, a company): a 经营者 whatever the platform. */
  businessName: boolean;
};

/**
 * Names that only a business trades under: a shop type (旗舰店, 专营店, 专卖店), the brand's own or the
 * platform's own line (官方, 自营), or a registered firm (公司, 有限, 商行, 经营部, 工作室, 企业). 网络消费规定（一）
 * 第七条 asks whether a second-hand seller is 从事商业经营活动; a seller that presents itself as one of these is.
 */
const BUSINESS_NAME = /旗舰店|专营店|专卖店|官方|自营|公司|有限|集团|商行|经营部|工作室|企业|商城|超市|批发|连锁/;

export function isBusinessName(name: string | undefined): boolean {
  return name !== undefined && BUSINESS_NAME.test(name);
}

export function makeFacts(input: AssessmentInput, calendar: Calendar): Facts {
  checkFen('amountFen', input.amountFen);
  checkFen('lossFen', input.lossFen);
  checkFen('contractTotalFen', input.contractTotalFen);
  checkFen('comparisonPriceFen', input.comparisonPriceFen);
  if (input.minorAge !== undefined && (!Number.isSafeInteger(input.minorAge) || input.minorAge < 0 || input.minorAge > 130)) {
    throw new AppError('VALIDATION_FAILED', `minorAge must be a whole number of years, got ${input.minorAge}`);
  }
  // A second-hand dispute is a private sale unless the caller classified the seller as a business
  // (a shop, the platform's own 自营 line, a live-stream room): those are 经营者 whatever the goods. A
  // seller named like a business (XX数码旗舰店) is one too, whatever it was classified as.
  const businessName = isBusinessName(input.sellerName);
  const secondHand = input.sellerType === 'individual_second_hand' || (input.category === 'second_hand' && input.sellerType === undefined);
  return {
    input,
    calendar,
    today: input.today,
    secondHand,
    consumerLaw: !secondHand || input.sellerIsTrader === true || (businessName && input.sellerIsTrader !== false),
    knew: knewDate(input),
    lawDate: input.orderDate ?? input.receivedDate ?? input.today,
    businessName,
  };
}

function knewDate(input: AssessmentInput): Facts['knew'] {
  if (input.defectFoundDate) return { date: input.defectFoundDate, basisZh: '发现问题之日', basisEn: 'the day you found the problem' };
  if (input.receivedDate) return { date: input.receivedDate, basisZh: '收货之日', basisEn: 'the day you received the goods' };
  if (input.orderDate) return { date: input.orderDate, basisZh: '下单之日', basisEn: 'the order date' };
  return undefined;
}

/** Amounts are integer fen; a float here means someone converted yuan badly upstream, so refuse it. */
function checkFen(field: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AppError('VALIDATION_FAILED', `${field} must be a whole, non-negative number of fen, got ${value}`);
  }
}

/** Someone was hurt: the product-injury rules and the two-year limitation apply (a cosmetics reaction is an injury). */
export function isInjuryCase(input: AssessmentInput): boolean {
  return input.injured === true || input.category === 'product_injury' || input.category === 'cosmetics_reaction';
}

/** A rule reads the facts and returns its conclusions (none when it does not apply). */
export type Rule = (facts: Facts) => Conclusion[];
