import { compareDates } from '../calendar/index.js';
import type { Facts } from './makeFacts.js';

const QUALITY = new Set(['seven_day_return', 'quality_defect', 'after_sales']);
const NEEDS_RECEIPT = new Set(['seven_day_return', 'quality_defect', 'after_sales', 'second_hand']);

/**
 * Remarks for the caller about the assessment as a whole: what consumer law does not cover here, which
 * missing fact would sharpen the answer, what the corpus lacks. Each is "中文 / English".
 */
export function collectNotes(f: Facts): string[] {
  const { input } = f;
  const notes: string[] = [];
  if (!f.consumerLaw) {
    notes.push('卖家是个人闲置转卖，除非能证明其实际从事经营，否则不适用消费者权益保护法（网络消费规定（一）第七条），只按民法典的合同规则处理。 / The seller is a private second-hand seller: consumer-protection law applies only if it is shown to be trading as a business; otherwise contract law only.');
    if (input.sellerIsTrader === undefined) {
      notes.push('卖家是否实为经营者尚未确认：请了解其在售商品的数量、来源、频率、价格、其他销售渠道和收入。 / Whether the seller is really trading is not established yet: ask about its listings (quantity, source, frequency, price, other channels, income).');
    }
  }
  if (NEEDS_RECEIPT.has(input.category) && !input.receivedDate) {
    notes.push('缺少签收日期，七日退货等期限无法算出具体日期。 / No signing date, so the 7-day and other periods cannot be dated.');
  }
  if (f.consumerLaw && QUALITY.has(input.category) && input.isDurableGood === undefined) {
    notes.push('商品如果是机动车、计算机、电视机、电冰箱、空调器、洗衣机等耐用商品，收货六个月内的瑕疵争议由商家举证（消保法第二十三条）；请确认商品类型。 / If the goods are durable goods like cars, computers, TVs, fridges, air conditioners or washing machines, the seller bears the burden of proof for defects found within six months; confirm the kind of goods.');
  }
  for (const [name, date] of [['签收日期 receivedDate', input.receivedDate], ['下单日期 orderDate', input.orderDate], ['发现问题日期 defectFoundDate', input.defectFoundDate]] as const) {
    if (date && compareDates(date, f.today) > 0) notes.push(`${name} ${date} 晚于今天 ${f.today}，请核对。 / ${name} is after today; please check it.`);
  }
  if (input.receivedDate && input.orderDate && compareDates(input.receivedDate, input.orderDate) < 0) {
    notes.push('签收日期早于下单日期，请核对。 / The signing date is before the order date; please check.');
  }
  if (input.category === 'scam') {
    notes.push('这是疑似诈骗，不是与商家的消费纠纷：先报警、冻结账户，消费者权益保护法的退赔规则不适用于骗子。 / This looks like a scam, not a consumer dispute with a seller: call the police and freeze the account first; consumer-law refunds do not run against fraudsters.');
  }
  if (f.businessName && f.secondHand && input.sellerIsTrader !== false) {
    notes.push(`卖家名称“${input.sellerName ?? ''}”显示是店铺或公司，按经营者处理（网络消费规定（一）第七条）。 / The seller's name shows a shop or company, so it is treated as a trader.`);
  }
  if (input.minorAge !== undefined && input.category !== 'minor_payment' && input.minorAge < 18) {
    notes.push('付款人是未成年人：另可按民法典关于民事行为能力的规定主张退款。 / The payer is a minor: the Civil Code’s capacity rules may also get the money back.');
  }
  return notes;
}
