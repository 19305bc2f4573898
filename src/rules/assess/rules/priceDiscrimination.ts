import { formatFen } from '../../../../dialogs/money.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 大数据杀熟: a business may not, without the consumer knowing, set different prices or fees for the same
 * goods or service on the same terms (实施条例 第九条第二款); automated decisions may not treat people
 * unreasonably differently on price, and the person may ask for an explanation (个人信息保护法 第二十四条).
 * The difference is computed from `amountFen` (what you paid) and `comparisonPriceFen` (what another paid).
 */
export function priceDiscrimination(f: Facts): Conclusion[] {
  const out: Conclusion[] = [
    {
      id: 'price-discrimination-unlawful',
      kind: 'remedy',
      title: '同物不同价且不告知：违法',
      titleEn: 'Different prices for the same thing, undisclosed: unlawful',
      text: '经营者不得在你不知情的情况下，对同一商品或服务在同等交易条件下设置不同的价格或收费标准；利用个人信息自动化决策的，不得在交易价格等条件上实行不合理的差别待遇，你有权要求其说明。新人券、会员价等公开的不同条件不属于这种情况。请保存同一时间、同一商品、不同账号的价格截图。',
      textEn:
        'A business may not, without your knowing, charge different prices or fees for the same goods or service on the same terms; where it uses personal data in automated decisions it may not treat people unreasonably differently on price, and you may ask it to explain. Openly different terms (new-user coupons, member prices) are not this. Keep screenshots of the same item at the same time from different accounts.',
      citations: [...cite('consumerRegulations', '第九条'), ...cite('personalInfo', '第二十四条')],
    },
  ];
  const paid = f.input.amountFen;
  const other = f.input.comparisonPriceFen;
  if (paid !== undefined && other !== undefined && paid > other) {
    const difference = paid - other;
    out.push({
      id: 'price-discrimination-difference',
      kind: 'amount',
      title: '可以要求退还差价',
      titleEn: 'Claim the difference back',
      amountFen: difference,
      text: `你付了 ${formatFen(paid)}，同等条件下别人是 ${formatFen(other)}，差价 ${formatFen(difference)}：违反规定侵害你权益的，经营者依法承担民事责任，可以要求退还差价；还可以向市场监督管理部门（12315）举报，经营者可被没收违法所得、罚款。`,
      textEn: `You paid ${formatFen(paid)} where others paid ${formatFen(other)} on the same terms, a difference of ${formatFen(difference)}: a business that breaks these rules to your detriment is civilly liable, so you can ask for the difference back, and report it to the market regulator (12315), which can confiscate the gains and fine it.`,
      citations: [...cite('consumerRegulations', '第四十八条', '第五十条'), ...cite('consumer', '第五十六条')],
    });
  } else {
    out.push({
      id: 'price-discrimination-difference',
      kind: 'remedy',
      title: '可以要求退还差价并举报',
      titleEn: 'Claim the difference and report it',
      text: '违反规定侵害你权益的，经营者依法承担民事责任，可以要求退还多收的差价；并可向市场监督管理部门（12315）举报，经营者可被没收违法所得、罚款。告诉我你付的价格和别人同等条件下的价格，就能算出差价。',
      textEn:
        'A business that breaks these rules to your detriment is civilly liable: you can ask for the overcharge back and report it to the market regulator (12315), which can confiscate the gains and fine it. Tell me what you paid and what others paid on the same terms and I can work out the difference.',
      citations: [...cite('consumerRegulations', '第四十八条', '第五十条'), ...cite('consumer', '第五十六条')],
    });
  }
  return out;
}
