import { formatFen } from '../../../../dialogs/money.js';
import { cite, citeRegulationsAt } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 消保法 第五十五条第一款: three times the price paid, and never less than ¥500. */
const FRAUD_MULTIPLIER = 3;
const FRAUD_MINIMUM_FEN = 500_00;

/** The 3× award on a price in fen: `599_00` → `1_797_00`, `100_00` → `500_00` (the minimum). */
export function fraudAward(priceFen: number): number {
  return Math.max(priceFen * FRAUD_MULTIPLIER, FRAUD_MINIMUM_FEN);
}

/**
 * The fraud award (消保法 第五十五条第一款). `firm` where the category is itself fraud (counterfeit goods:
 * 以假充真 is fraud under 处罚办法 第五条第（七）项、第十六条, a classification the court still makes for
 * itself); `conditional` where it depends on the seller's intent (price tricks, false advertising).
 * Never used for food: there 食品安全法 第一百四十八条 is the primary rule and the two are not added up.
 */
export function fraudDamages(f: Facts, mode: 'firm' | 'conditional' | 'refurbished'): Conclusion[] {
  const price = f.input.amountFen;
  const [leadZh, leadEn] =
    mode === 'firm'
      ? ['卖假货、以假充真属于欺诈：', 'Selling counterfeit goods as genuine is fraud: ']
      : mode === 'refurbished'
        ? [
            '把翻新、二手或退回的商品当作新品卖，属于以次充好，是欺诈：',
            'Selling refurbished, used or returned goods as new passes off inferior goods as good ones, which is fraud: ',
          ]
        : [
            '如果商家的做法构成欺诈（故意告知虚假情况或隐瞒真实情况，使你作出购买决定）：',
            'If the seller’s conduct amounts to fraud (knowingly misrepresenting or hiding facts to get you to buy): ',
          ];
  const citations = [
    ...cite('consumer', '第五十五条'),
    ...(mode === 'conditional' ? [] : cite('penalties', '第五条', '第十六条')),
    ...citeRegulationsAt(f.lawDate, '第四十九条'),
  ];
  const base = { id: 'fraud-triple', kind: 'amount' as const, title: '欺诈三倍赔偿', titleEn: 'Triple damages for fraud', citations };
  if (price === undefined) {
    return [
      {
        ...base,
        text: `${leadZh}除退货退款外，还可以要求增加赔偿，金额为价款的三倍，不足 500 元的按 500 元计。告诉我实付金额即可算出。`,
        textEn: `${leadEn}besides a refund you can claim extra damages of three times the price, at least ¥500. Tell me the amount paid and I can work it out.`,
      },
    ];
  }
  const triple = price * FRAUD_MULTIPLIER;
  const award = fraudAward(price);
  const [calcZh, calcEn] =
    triple < FRAUD_MINIMUM_FEN
      ? [
          `三倍为 ${formatFen(triple)}，不足 500 元，按 ${formatFen(award)} 计`,
          `three times is ${formatFen(triple)}, below the ¥500 minimum, so ${formatFen(award)}`,
        ]
      : [`即价款的三倍 ${formatFen(award)}`, `three times the price, ${formatFen(award)}`];
  return [
    {
      ...base,
      amountFen: award,
      text: `${leadZh}除退还货款 ${formatFen(price)} 外，还可以要求增加赔偿，${calcZh}。`,
      textEn: `${leadEn}besides the refund of ${formatFen(price)} you can claim extra damages of ${calcEn}.`,
    },
  ];
}
