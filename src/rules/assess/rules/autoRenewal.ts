import { fromEpochDay, toEpochDay } from '../../calendar/isoDate.js';
import { compareDates } from '../../calendar/index.js';
import { formatDate, formatDateShort } from '../formatDate.js';
import { formatFen } from '../../../../dialogs/money.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 网络交易监督管理办法 第十八条: online, the reminder is due five days before the renewal date. */
const ONLINE_NOTICE_DAYS = 5;

/**
 * 自动续费: the consumer must be prominently reminded before the service starts and before each renewal
 * (实施条例 第十条第二款); online, five days before the renewal date, with a prominent, simple way to cancel
 * at any time and no unreasonable fee (网络交易监督管理办法 第十八条). A renewal the consumer was never
 * prominently told about rests on a term that was not pointed out (民法典 第四百九十六条).
 */
export function autoRenewal(f: Facts): Conclusion[] {
  const online = f.input.offline !== true;
  const renewal = f.input.renewalDate;
  let whenZh = online ? '网上提供的服务，应当在续费日前五日提醒。' : '';
  let whenEn = online ? ' Online, the reminder is due five days before the renewal date.' : '';
  if (online && renewal) {
    const by = fromEpochDay(toEpochDay(renewal) - ONLINE_NOTICE_DAYS);
    const byDate = formatDate(by);
    const past = compareDates(by, f.today) < 0;
    whenZh = `续费日是 ${formatDateShort(renewal)}，商家最晚应在 ${byDate.zh} 以显著方式提醒你${past ? '；那天之前没有收到提醒的，就是没有履行这一义务' : ''}。`;
    whenEn = ` The renewal date is ${renewal}, so the business had to remind you prominently by ${byDate.en}${past ? '; if no reminder came by then, it failed that duty' : ''}.`;
  }
  const charged = f.input.amountFen;
  const [chargeZh, chargeEn] =
    charged === undefined ? ['续费扣款', 'the renewal charge'] : [`续费扣的 ${formatFen(charged)}`, `the ${formatFen(charged)} renewal charge`];
  return [
    {
      id: 'auto-renewal-notice',
      kind: 'remedy',
      title: '自动续费必须事先显著提醒',
      titleEn: 'Automatic renewal needs a prominent reminder first',
      text: `以自动展期、自动续费方式提供服务的，应当在你接受服务前和每次自动续费日前，以显著方式提请你注意。${whenZh}${online ? '服务期间还应当提供显著、简便、随时可用的取消或变更选项，不得收取不合理费用。' : ''}`,
      textEn: `A service that renews or extends itself automatically must point this out prominently before you start and before every renewal date.${whenEn}${online ? ' During the service there must be a prominent, simple option to cancel or change at any time, with no unreasonable fee.' : ''}`,
      citations: [...cite('consumerRegulations', '第十条'), ...(online ? cite('onlineTrade', '第十八条') : [])],
    },
    {
      id: 'auto-renewal-refund',
      kind: 'remedy',
      title: '没提醒就扣费：可以要求退款',
      titleEn: 'Charged without a reminder: ask for a refund',
      text: `没有以显著方式提醒就自动续费的，续费条款是没有提示说明的格式条款，你可以主张它不成为合同内容，要求退还${chargeZh}并立即取消续费；商家拒绝的，可以向市场监督管理部门（12315）投诉，经营者可被责令改正、罚款。请截图扣款记录、续费页面和取消入口。`,
      textEn: `Where a renewal was charged without a prominent reminder, the renewal term is a standard term that was not pointed out: you can say it is not part of the contract, ask for ${chargeEn} back and cancel the renewal at once. If the business refuses, complain to the market regulator (12315), which can order it to correct and fine it. Screenshot the charge, the renewal page and the cancellation option.`,
      citations: [...cite('civil', '第四百九十六条'), ...cite('consumerRegulations', '第五十条')],
    },
  ];
}
