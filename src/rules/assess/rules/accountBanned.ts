import { formatFen } from '../../../../dialogs/money.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 账号被封 / 余额被冻结. Ending the service does not let the platform keep the user's money: after termination
 * what was paid for unperformed service is restored (民法典 第五百六十六条), a ban without contractual grounds is
 * a breach (第五百七十七条), and "余额不退" terms are void (消保法 第二十六条, 民法典 第四百九十七条, 实施条例 第十七条).
 * An automated ban that significantly affects the user must be explained on request (个人信息保护法 第二十四条第三款).
 */
export function accountBanned(f: Facts): Conclusion[] {
  const balance = f.input.amountFen;
  const [balanceZh, balanceEn] = balance === undefined ? ['账户余额', 'the balance'] : [`账户余额 ${formatFen(balance)}`, `the ${formatFen(balance)} balance`];
  return [
    {
      id: 'account-banned-balance',
      kind: 'remedy',
      title: '封号不等于没收余额',
      titleEn: 'A ban does not forfeit your balance',
      ...(balance === undefined ? {} : { amountFen: balance }),
      text: `平台封号、终止服务后，尚未履行的部分终止履行，已经预付、尚未使用的${balanceZh}应当退还给你；没有协议依据就封号的，属于违约，还应当赔偿损失。“违规封号余额不退”“账户余额归平台所有”等格式条款，不合理地免除平台责任、排除你的主要权利，无效。你确有违规的，平台也只能依协议处理违规后果，不能借此吞掉余额。`,
      textEn: `Once the platform bans the account and ends the service, what is unperformed ends, and ${balanceEn} you prepaid and did not use must be returned to you; a ban without grounds in the agreement is a breach and your loss must also be compensated. Standard terms such as "no refund of balances after a ban" or "balances belong to the platform" unreasonably exclude its liability and your main rights, and are void. Even if you did break a rule, the platform can only apply the agreed consequences, not keep the balance.`,
      citations: [
        ...cite('civil', '第五百六十六条', '第五百七十七条', '第四百九十七条'),
        ...cite('consumer', '第二十六条'),
        ...cite('consumerRegulations', '第十七条'),
      ],
    },
    {
      id: 'account-banned-explanation',
      kind: 'remedy',
      title: '可以要求说明封号理由',
      titleEn: 'You can ask why the account was banned',
      text: '平台靠自动化系统判定封号、对你的权益有重大影响的，你有权要求其说明，并有权拒绝仅由自动化方式作出的决定。请书面（客服工单、邮件）要求平台说明封号依据的具体规则条款并退还余额，保留截图；平台拒绝的，可以向 12315 投诉或起诉。',
      textEn:
        'Where an automated system decided the ban and it significantly affects you, you may demand an explanation and refuse a decision made by automation alone. Ask in writing (a support ticket or e-mail) for the specific rule the ban rests on and for the balance, and keep screenshots; if the platform refuses, complain to 12315 or sue.',
      citations: cite('personalInfo', '第二十四条'),
    },
  ];
}
