import { cite, citeRegulationsAt } from '../laws.js';
import type { AssessmentInput, Conclusion } from '../types.js';

/**
 * The goods 消保法 第二十五条 takes out of the no-reason return: the four kinds of its first paragraph, and
 * other goods only where the consumer confirmed at purchase that they are unsuitable for return (second
 * paragraph). Newspapers and periodicals are the fourth kind; the input has no flag for them, as the
 * dialogs do not ask about them. Returns undefined when the right applies.
 */
export function excludedGoods(input: AssessmentInput): Conclusion | undefined {
  const listed: [boolean | undefined, string, string][] = [
    [input.customMade, '你定作的商品', 'made to your order'],
    [input.perishable, '鲜活易腐的商品', 'fresh or perishable'],
    [input.digitalUnsealed, '在线下载或已拆封的音像制品、软件等数字化商品', 'downloaded or unsealed digital goods (audio-visual, software)'],
  ];
  const reasons = listed.filter(([flag]) => flag === true);
  const confirmed = input.confirmedNonReturnable === true;
  if (reasons.length === 0 && !confirmed) return undefined;
  const zh = [...reasons.map(([, z]) => z), ...(confirmed ? ['你购买时已确认不宜退货的商品'] : [])].join('、');
  const en = [...reasons.map(([, , e]) => e), ...(confirmed ? ['goods you confirmed at purchase as unsuitable for return'] : [])].join('; ');
  // 网络消费规定（一）第二条 binds a seller who promised no-reason returns only for the four listed kinds.
  const promise = reasons.length > 0;
  return {
    id: 'seven-day-return-excluded',
    kind: 'warning',
    title: '不适用七日无理由退货',
    titleEn: 'No 7-day no-reason return for these goods',
    text:
      `该商品属于${zh}，依法不适用七日无理由退货。` +
      (promise ? '但商家如果承诺过这类商品也可以七日无理由退货，应当遵守承诺。' : '') +
      (confirmed ? '你确认过的“不宜退货”只限于拆封后影响安全健康或品质的、激活试用后贬值较大的、销售时已明示临近保质期或有瑕疵的商品；超出这个范围的，商家不得擅自扩大。' : '') +
      '商品有质量问题的，仍可按消保法第二十四条要求退货、更换或修理。',
    textEn:
      `The goods are ${en}, so the statutory 7-day no-reason return does not apply.` +
      (promise ? ' A seller who nevertheless promised no-reason returns for such goods is bound by that promise.' : '') +
      (confirmed ? ' What you can be asked to confirm is limited to goods that opening makes unsafe or changes, goods that lose much value once activated or tried, and goods sold as near expiry or flawed; the seller may not widen that.' : '') +
      ' If the goods are defective, Article 24 of the Consumer Protection Law still gives you return, exchange or repair.',
    citations: [
      ...cite('consumer', '第二十五条'),
      ...cite('sevenDayRules', ...(reasons.length > 0 ? ['第六条'] : []), ...(confirmed ? ['第七条'] : [])),
      ...(confirmed ? citeRegulationsAt(input.orderDate ?? input.receivedDate ?? input.today, '第十九条') : []),
      ...(promise ? cite('onlineConsumption', '第二条') : []),
      ...cite('consumer', '第二十四条'),
    ],
  };
}
