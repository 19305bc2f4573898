import { formatFen } from '../../../../dialogs/money.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 押金 (deposits): terms of refund agreed beforehand, no unreasonable conditions, prompt refund once the
 * conditions are met (实施条例 第二十条 for every business; 电子商务法 第二十一条 for online ones); a business
 * that closes must announce it 30 days ahead with its contact details (实施条例 第二十一条). A deposit is
 * not a 定金: no double return (合同编通则解释 第六十七条).
 */
export function depositRefund(f: Facts): Conclusion[] {
  const { amountFen, offline, shopClosed } = f.input;
  const [amountZh, amountEn] = amountFen === undefined ? ['', ''] : [`你的押金 ${formatFen(amountFen)}，`, ` Your deposit of ${formatFen(amountFen)}:`];
  const out: Conclusion[] = [
    {
      id: 'deposit-refund',
      kind: 'remedy',
      title: '押金应当及时退还',
      titleEn: 'A deposit must be refunded promptly',
      text: `${amountZh}收取押金的商家应当事先与你约定退还的方式、程序和时限，不得对退还押金设置不合理的条件；你申请退还、符合退还条件的，应当及时退还。拖延不退的，可以要求退还，并向市场监督管理部门（12315）投诉。`,
      textEn: `${amountEn} a business that takes a deposit must agree beforehand how, by what procedure and by when it is refunded, may not attach unreasonable conditions to the refund, and must refund promptly once you ask and the conditions are met. If it stalls, demand the refund and complain to the market regulator (12315).`,
      citations: [...cite('consumerRegulations', '第二十条'), ...(offline === true ? [] : cite('ecommerce', '第二十一条'))],
    },
    {
      id: 'deposit-not-earnest',
      kind: 'warning',
      title: '押金不是定金',
      titleEn: 'A deposit is not earnest money',
      text: '押金、订金、保证金等，没有约定为“定金”的，不适用定金罚则：商家违约时你可以要回全部款项并要求赔偿损失，但不能要求双倍返还。',
      textEn:
        'A deposit (押金), advance (订金) or guarantee money not agreed as 定金 does not carry the earnest-money penalty: if the business breaks the contract you get the whole sum back and can claim your loss, but not double.',
      citations: [...cite('contractInterpretation', '第六十七条'), ...cite('civil', '第五百七十七条')],
    },
  ];
  if (shopClosed === true) out.push(closedBusiness);
  return out;
}

const closedBusiness: Conclusion = {
  id: 'deposit-business-closed',
  kind: 'remedy',
  title: '商家关门：押金仍然要退',
  titleEn: 'The business closed: the deposit is still owed',
  text: '商家决定停业或者迁移服务场所的，应当提前 30 日在经营场所、网站、网店首页等醒目位置公告有效联系方式等信息。关门不免除退押金的义务：保留押金收据、付款记录和公告照片，向商家（公司）主张退还，联系不上的向市场监督管理部门（12315）投诉，也可以起诉。',
  textEn:
    'A business that decides to close or move must announce it 30 days ahead, with valid contact details, prominently at its premises, website or shop page. Closing does not cancel the duty to refund the deposit: keep the receipt, the payment record and a photo of any notice, claim from the business (the company), complain to the market regulator (12315) if it cannot be reached, or sue.',
  citations: [...cite('consumerRegulations', '第二十一条'), ...cite('civil', '第五百七十七条')],
};
