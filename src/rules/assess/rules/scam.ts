import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 疑似诈骗 (fake customer service, refund scams). Not a consumer claim against a seller: what to do now, whom to
 * report to, and how money can come back. The police can have payments stopped, frozen and returned
 * (反电信网络诈骗法 第二十条) and must open a case on a report (第二十七条); anyone may report (第三十条第三款).
 * A payment taken without the user's authorisation is the payment provider's loss unless the user was at fault
 * (电子商务法 第五十七条).
 */
export function scam(_f: Facts): Conclusion[] {
  return [
    {
      id: 'scam-act-now',
      kind: 'warning',
      title: '立即止损：挂断、不给验证码、不转账',
      titleEn: 'Stop now: hang up, never give codes, do not transfer',
      text: '马上挂断电话、退出共享屏幕或会议软件，不要告诉任何人验证码、密码，不要转账或“验证资金”。真正的平台客服不会要你转账、开通借款或共享屏幕。已经付款或泄露信息的，立即拨打 110 报警（全国反诈预警电话 96110），并马上打银行或支付宝、微信支付的客服电话冻结账户、挂失银行卡。公安机关可以依法对涉案资金紧急止付、快速冻结，查实后返还。',
      textEn: 'Hang up now, stop any screen sharing or meeting app, never give anyone a verification code or password, and do not transfer or "verify" funds. Real platform customer service never asks you to transfer money, take out a loan or share your screen. If you have paid or given out details, call the police on 110 at once (anti-fraud warning line 96110) and call your bank or Alipay / WeChat Pay to freeze the account and report the card. The police can have the money urgently stopped and frozen, and returned once the case is established.',
      citations: [...cite('antiFraud', '第二十条', '第二十七条')],
    },
    {
      id: 'scam-payment-loss',
      kind: 'liability',
      title: '被盗刷的钱：支付机构承担，除非你有过错',
      titleEn: 'Money taken without your authorisation: the payment provider bears it unless you were at fault',
      text: '没有经过你授权的支付，损失由支付机构或银行承担，它能证明是你的过错造成的除外；你把验证码、密码告诉了对方或者自己转账的，支付机构往往会以你有过错拒赔，这时主要靠报警追回。请及时通知支付机构，它接到通知后没有及时采取措施导致损失扩大的，扩大部分由它承担。',
      textEn: 'A payment you did not authorise is the loss of the payment provider or bank unless it proves you were at fault; if you gave the other side your code or password or transferred the money yourself, the provider will usually argue fault, and recovery then runs mainly through the police. Tell the provider promptly: any further loss because it did not act after your notice is its own.',
      citations: cite('ecommerce', '第五十七条'),
    },
    {
      id: 'scam-report',
      kind: 'remedy',
      title: '报案和举报',
      titleEn: 'Report it',
      text: '这是诈骗，不是和商家的消费纠纷：向公安机关报案（110 或到派出所），保留通话记录、聊天截图、转账凭证和对方账号；也可以在国家反诈中心 App 举报。对方冒充某个平台的，同时告诉该平台；对方知道你的订单信息的，可能是信息泄露，可以另行追究泄露者的责任。',
      textEn: 'This is fraud, not a consumer dispute with a seller: report it to the police (110 or a police station) and keep call logs, chat screenshots, transfer receipts and the other side’s accounts; you can also report it in the National Anti-Fraud Centre app. If they posed as a platform, tell that platform too; if they knew your order details, your data may have leaked, and whoever leaked it can be held liable separately.',
      citations: [...cite('antiFraud', '第三十条', '第二十七条'), ...cite('personalInfo', '第六十九条')],
    },
  ];
}
