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
  /**
   * The seller's shop or trading name as shown on the listing (`XX数码旗舰店`). A name that marks a business
   * (旗舰店, 专营店, 官方, 自营, a company) makes the seller a 经营者 even on a second-hand platform.
   */
  sellerName?: string;
  /** Refurbished, used or returned goods were sold as new (以次充好: 处罚办法 第五条第（七）项, fraud under 第十六条). */
  refurbishedAsNew?: boolean;
  /** The date the consumer sent the returned goods back (the refund clock runs from the seller's receipt). */
  returnShippedDate?: IsoDate;
  /** Whole contract price, in fen, where a 定金 or deposit secures it (民法典 第五百八十六条: 定金 at most 20 %). */
  contractTotalFen?: number;
  /** Who failed to perform the contract a 定金 secured (民法典 第五百八十七条). */
  breachBy?: 'seller' | 'buyer';
  /** Age in whole years of the minor who paid (民法典 第十九、二十条: under 8 no capacity, 8–17 limited). */
  minorAge?: number;
  /** The business closed, moved or stopped serving (实施条例 第二十一、二十二条). */
  shopClosed?: boolean;
  /** Bought in a physical shop, not online: there is no platform to turn to. */
  offline?: boolean;
  /** What another user was charged, in fen, for the same goods on the same terms (实施条例 第九条第二款). */
  comparisonPriceFen?: number;
  /** The date an automatic renewal was (or will be) charged (网络交易监督管理办法 第十八条: notice five days before). */
  renewalDate?: IsoDate;
};

/**
 * `law` is the corpus short title (消费者权益保护法, 民法典, …); `article` as written (第二十五条).
 * `version` is the version date of the text cited (the date in the corpus file name), set where the corpus
 * holds several versions of the law: it is the version in force on the date that matters for the dispute.
 * `superseded` marks a rule that has been replaced: it is cited only for what it said (`asZh`/`asEn`), never
 * as the rule in force.
 */
export type Citation = {
  law: string;
  article: string;
  version?: IsoDate;
  superseded?: { on: IsoDate; byZh: string; byEn: string; asZh: string; asEn: string };
};

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
