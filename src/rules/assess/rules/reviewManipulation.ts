import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 差评被删 / 被要求改评价. The platform may not delete consumers' reviews (电子商务法 第三十九条; penalty 第八十一条
 * 第一款第（四）项), only technically handle content the law forbids (网络交易监督管理办法 第十五条); businesses
 * may not tamper with, fabricate or hide reviews (实施条例 第九条第一款; 网络交易监督管理办法 第十四条 on
 * pushing good reviews up and bad ones down; 电子商务法 第十七条).
 */
export function reviewManipulation(_f: Facts): Conclusion[] {
  return [
    {
      id: 'review-not-deletable',
      kind: 'remedy',
      title: '平台不得删除你的评价',
      titleEn: 'The platform may not delete your review',
      text: '电商平台应当为你提供评价的途径，不得删除你对平台内商品或服务的评价；只有评价中含有法律法规禁止发布的信息时，才可以依法作技术处理。擅自删除评价的，由市场监督管理部门责令改正并可以罚款。请保留评价截图、删除通知，向平台申诉并向 12315 举报。',
      textEn: 'An e-commerce platform must give you a way to review and may not delete your reviews of goods or services sold on it; only content the law forbids may be technically handled. Deleting reviews without grounds is ordered corrected by the market regulator and may be fined. Keep screenshots of the review and of any removal notice, appeal to the platform and report it to 12315.',
      citations: [...cite('ecommerce', '第三十九条', '第八十一条'), ...cite('onlineTrade', '第十五条')],
    },
    {
      id: 'review-tampering',
      kind: 'remedy',
      title: '商家不得篡改、隐匿评价或逼你改评',
      titleEn: 'Sellers may not tamper with or hide reviews, or pressure you',
      text: '经营者不得篡改、编造、隐匿用户评价，不得把好评前置、差评后置误导消费者，这些都属于虚假或引人误解的宣传。你有权如实评价，商家不能以拒绝售后、骚扰等方式逼你删改差评；对你辱骂、威胁的，侵害你的人格尊严，请保留聊天记录和通话录音，可以向平台投诉、向 12315 举报，受到威胁的可以报警。',
      textEn: 'A business may not tamper with, fabricate or hide user reviews, nor push good reviews up and bad ones down to mislead consumers: that is false or misleading promotion. You are entitled to review truthfully, and a seller may not press you to change a bad review by refusing after-sales service or harassing you; insults or threats violate your personal dignity. Keep the chat logs and call recordings, complain to the platform, report it to 12315, and call the police if you are threatened.',
      citations: [...cite('consumerRegulations', '第九条'), ...cite('onlineTrade', '第十四条'), ...cite('ecommerce', '第十七条'), ...cite('consumer', '第十四条')],
    },
  ];
}
