import { formatFen } from '../../../../dialogs/money.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 默认勾选 / 搭售: a tie-in must be brought to the consumer's attention prominently and may never be a
 * default-ticked option (电子商务法 第十九条; 网络交易监督管理办法 第十七条 also bars carrying an earlier
 * choice over as the default; 实施条例 第十一条 for every business). `amountFen` here is what the add-on cost.
 */
export function tiedSale(f: Facts): Conclusion[] {
  const charged = f.input.amountFen;
  const online = f.input.offline !== true;
  const [amountZh, amountEn] =
    charged === undefined ? ['搭售的费用', 'the add-on charge'] : [`搭售的 ${formatFen(charged)}`, `the ${formatFen(charged)} add-on charge`];
  return [
    {
      id: 'tied-sale-refund',
      kind: 'remedy',
      title: '默认勾选的搭售：可以要求取消并退款',
      titleEn: 'A default-ticked add-on: cancel it and get the money back',
      text:
        (online
          ? '网购中搭售商品或服务，必须以显著方式提醒你注意，不得设为默认同意的选项，也不得把你以前选过的选项在之后的交易中设为默认。'
          : '商家通过搭配、组合方式提供商品或服务的，应当以显著方式提请你注意。') +
        `你有权拒绝强制交易；没有被提示、也不是你主动选择的搭售，你可以要求取消并退还${amountZh}，商家没有提示说明的条款不成为合同内容。`,
      textEn:
        (online
          ? 'Online, a tie-in must be pointed out to you prominently, may not be a default-ticked option, and an option you chose before may not be pre-selected in a later purchase.'
          : 'A business that bundles goods or services must point this out to you prominently.') +
        ` You may refuse forced sales: for an add-on you were not shown and did not choose yourself, you can ask to cancel it and get back ${amountEn}; a term the seller did not point out does not become part of the contract.`,
      citations: [
        ...(online ? [...cite('ecommerce', '第十九条'), ...cite('onlineTrade', '第十七条')] : cite('consumerRegulations', '第十一条')),
        ...cite('consumer', '第十条'),
        ...cite('civil', '第四百九十六条'),
      ],
    },
    {
      id: 'tied-sale-report',
      kind: 'remedy',
      title: '可以举报：搭售要受处罚',
      titleEn: 'Report it: tie-ins are penalised',
      text: online
        ? '把默认勾选的搭售设为默认选项的，由市场监督管理部门责令改正、没收违法所得，可以并处罚款。请截图保存结算页（勾选框、费用明细）和订单详情，向 12315 举报。'
        : '违反显著提示义务的，由市场监督管理部门责令改正，可以给予警告、没收违法所得、罚款。请保留收据、合同和费用明细，向 12315 举报。',
      textEn: online
        ? 'A tie-in set as the default is ordered corrected by the market regulator, the gains confiscated, and a fine may be added. Screenshot the checkout page (the ticked box, the fee breakdown) and the order details, and report it to 12315.'
        : 'Breaching the duty to point a bundle out is ordered corrected by the market regulator, with a warning, confiscation of gains or a fine. Keep the receipt, the contract and the fee breakdown and report it to 12315.',
      citations: online ? cite('ecommerce', '第七十七条') : cite('consumerRegulations', '第五十条'),
    },
  ];
}
