import type { DisputeType } from '../../../dialogs/disputeTypes.js';
import type { IsoDate } from '../calendar/index.js';

/** Who sold the goods, as the consumer saw it; drives who is liable (消保法 第四十、四十四条 and the online rules). */
export type SellerType = 'third_party' | 'platform_self_operated' | 'live_stream' | 'individual_second_hand';

/**
 * The facts of one dispute, as far as the conversation has them. Everything but `category` and `today`
 * is optional: a rule whose facts are missing says what it would need instead of guessing.
 */
export type AssessmentInput = {
  category: DisputeType;
  /** Asia/Shanghai date of the conversation; the module never reads a clock. */
  today: IsoDate;
  platform?: string;
  sellerType?: SellerType;
  /** Price actually paid, in integer fen (分). Money is never a float. */
  amountFen?: number;
  /** Other proven loss in integer fen (food: the 3× loss option of 食品安全法 第一百四十八条). */
  lossFen?: number;
  orderDate?: IsoDate;
  /** Date of signing for the parcel: the delivery time for courier deliveries (电子商务法 第五十一条). */
  receivedDate?: IsoDate;
  openedPackage?: boolean;
  customMade?: boolean;
  perishable?: boolean;
  digitalUnsealed?: boolean;
  /** The consumer confirmed at purchase that the goods are not returnable (消保法 第二十五条第二款). */
  confirmedNonReturnable?: boolean;
  /**
   * 消保法 第二十三条第三款 names 机动车、计算机、电视机、电冰箱、空调器、洗衣机 "等耐用商品" (and decoration
   * services). The list is open ("等"): goods like those six (long-lived, costly appliances and vehicles) are
   * covered; for goods it does not name, a phone for instance, whether they count is for the caller (and in
   * the end a court) to decide. `NAMED_DURABLE_GOODS` holds the six the statute names.
   */
  isDurableGood?: boolean;
  defectFoundDate?: IsoDate;
  injured?: boolean;
  /** The seller knew (or is shown to have known) of the defect or non-conformity. */
  sellerKnewDefect?: boolean;
  /** The date the seller handled or answered the consumer's request. */
  sellerRespondedBy?: IsoDate;
  /** The date the consumer asked for the return, repair, exchange or refund. */
  returnRequestedDate?: IsoDate;
  returnReceivedBySellerDate?: IsoDate;
  /** The date a 12315 complaint was filed. */
  complaintFiledDate?: IsoDate;
  /** false: the platform cannot give the seller's real name, address and contact details. */
  sellerIdentifiable?: boolean;
  /** The platform knew or should have known of the infringement and did nothing. */
  platformKnew?: boolean;
  /** Second-hand seller found to be trading as a business (网络消费规定（一）第七条 factors). */
  sellerIsTrader?: boolean;
};

/** `law` is the corpus short title (消费者权益保护法, 民法典, …); `article` as written (第二十五条). */
export type Citation = { law: string; article: string };

export type ConclusionKind = 'remedy' | 'amount' | 'deadline' | 'liability' | 'warning';

export type Conclusion = {
  /** Stable kebab-case id, e.g. `seven-day-return-window`. */
  id: string;
  kind: ConclusionKind;
  title: string;
  titleEn: string;
  /** Simplified Chinese, with the user's own numbers and dates. */
  text: string;
  textEn: string;
  citations: Citation[];
  /** Integer fen. */
  amountFen?: number;
  due?: IsoDate;
  status?: 'open' | 'passed' | 'today';
  /** Days from `today` to `due`: positive while open, 0 on the day, negative (days since) once passed. */
  daysLeft?: number;
  /** `due` lies in a year whose holiday notice is not loaded: only weekends were taken into account. */
  unverified?: boolean;
};

export type Assessment = {
  conclusions: Conclusion[];
  /** The union of every conclusion's citations, deduplicated, in order of first appearance. */
  citations: Citation[];
  /** False when the seller is not a 经营者 (a private second-hand seller): contract law only. */
  appliesConsumerLaw: boolean;
  notes: string[];
};
