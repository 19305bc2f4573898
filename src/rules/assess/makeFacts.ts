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
};

export function makeFacts(input: AssessmentInput, calendar: Calendar): Facts {
  checkFen('amountFen', input.amountFen);
  checkFen('lossFen', input.lossFen);
  // A second-hand dispute is a private sale unless the caller classified the seller as a business
  // (a shop, the platform's own 自营 line, a live-stream room): those are 经营者 whatever the goods.
  const secondHand = input.sellerType === 'individual_second_hand' || (input.category === 'second_hand' && input.sellerType === undefined);
  return {
    input,
    calendar,
    today: input.today,
    secondHand,
    consumerLaw: !secondHand || input.sellerIsTrader === true,
    knew: knewDate(input),
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

/** A rule reads the facts and returns its conclusions (none when it does not apply). */
export type Rule = (facts: Facts) => Conclusion[];
