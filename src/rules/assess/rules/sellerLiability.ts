import { cite, citeAt } from '../laws.js';
import { isInjuryCase, type Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';
import { liveStreamLiability } from './liveStreamLiability.js';

/**
 * Who answers to the consumer: for an unauthorised payment the payment provider (电子商务法 第五十七条);
 * for leaked or misused personal information whoever handled it (个人信息保护法 第六十九条); otherwise the seller by default (消保法 第四十条); the platform itself for its 自营
 * business (电子商务法 第三十七条, 网络消费规定（一）第四条); the platform in addition when it cannot name the
 * seller or knew and did nothing (消保法 第四十四条, 电子商务法 第三十八条). Live streams have their own rules.
 * Whether a second-hand seller is a trader at all is `secondHand`'s question.
 */
export function sellerLiability(f: Facts): Conclusion[] {
  // Disputes whose liable party is not the seller as such: whoever handles the payment, or the data.
  if (f.input.category === 'unauthorized_payment') return [paymentProvider];
  if (f.input.category === 'personal_info') return [informationHandler];
  switch (f.input.sellerType) {
    case 'platform_self_operated':
      return [platformAsSeller(platformName(f))];
    case 'live_stream':
      return liveStreamLiability(f);
    case 'individual_second_hand':
      // Reached only for a seller shown to be trading (`secondHand` says so); the platform hooks still apply.
      return platformLiability(f);
    default:
      return [seller(f), ...platformLiability(f)];
  }
}

function platformName(f: Facts): { zh: string; en: string } {
  const name = f.input.platform?.trim();
  return name ? { zh: `平台（${name}）`, en: `the platform (${name})` } : { zh: '平台', en: 'the platform' };
}

function seller(f: Facts): Conclusion {
  const defect = isInjuryCase(f.input);
  return {
    id: 'liability-seller',
    kind: 'liability',
    title: '由卖家承担责任',
    titleEn: 'The seller is liable',
    text:
      '先向卖家（销售者）主张；问题出在生产者或供货商的，由卖家赔偿后再去追偿，这不是卖家推脱的理由。' +
      (defect ? '因商品缺陷造成人身、财产损害的，也可以直接向生产者要求赔偿。' : ''),
    textEn:
      'Claim from the seller first; if the fault lies with the manufacturer or supplier, the seller pays you and then recovers from them, so that is no excuse for the seller.' +
      (defect ? ' For personal injury or property damage caused by a defect you may also claim directly from the manufacturer.' : ''),
    citations: cite('consumer', '第四十条'),
  };
}

function platformAsSeller(platform: { zh: string; en: string }): Conclusion {
  return {
    id: 'liability-platform-seller',
    kind: 'liability',
    title: '平台自营：平台就是卖家',
    titleEn: 'Platform self-operated: the platform is the seller',
    text: `${platform.zh}自营的商品，由平台作为销售者直接承担退换、赔偿等责任；没有标“自营”但实际自营，或者标识足以让人误以为是自营的，同样如此。`,
    textEn: `For goods sold as ${platform.en}’s own (自营) business, the platform itself bears the seller’s liability for returns, exchanges and damages; the same holds if it actually sells them without the 自营 mark, or if its labels would make a consumer believe it does.`,
    citations: [...cite('ecommerce', '第三十七条'), ...cite('onlineConsumption', '第四条')],
  };
}

function platformLiability(f: Facts): Conclusion[] {
  const platform = platformName(f);
  const food = f.input.category === 'food_safety' || f.input.category === 'food_delivery';
  const out: Conclusion[] = [];
  if (f.input.sellerIdentifiable === false) {
    out.push({
      id: 'liability-platform-unidentified',
      kind: 'liability',
      title: '平台给不出卖家信息：可以找平台赔偿',
      titleEn: 'Platform cannot identify the seller: claim from the platform',
      text: `${platform.zh}不能提供卖家的真实名称、地址和有效联系方式的，你可以直接要求平台赔偿，平台赔偿后再向卖家追偿；平台作出更有利于你的承诺（如先行赔付）的，应当履行。`,
      textEn: `If ${platform.en} cannot give the seller’s real name, address and valid contact details, you can claim from the platform directly; it then recovers from the seller. Promises the platform made in your favour (e.g. compensation first) bind it.`,
      citations: [...cite('consumer', '第四十四条'), ...(food ? citeAt(f.lawDate, 'food', '第一百三十一条') : [])],
    });
  }
  if (f.input.platformKnew === true) {
    out.push({
      id: 'liability-platform-joint',
      kind: 'liability',
      title: '平台明知或应知而不作为：连带责任',
      titleEn: 'Platform knew and did nothing: joint liability',
      text: `${platform.zh}知道或者应当知道卖家利用平台侵害消费者权益，却没有采取必要措施的，与卖家承担连带责任，你可以向平台或卖家任何一方要求全部赔偿。`,
      textEn: `If ${platform.en} knew or should have known that the seller was using it to harm consumers and took no necessary measures, it is jointly liable with the seller: you may claim the whole amount from either.`,
      citations: [...cite('consumer', '第四十四条'), ...cite('ecommerce', '第三十八条')],
    });
  }
  return out;
}

/** 电子商务法 第五十七条: the loss of an unauthorised payment is the payment provider's unless it proves the user's fault. */
const paymentProvider: Conclusion = {
  id: 'liability-payment-provider',
  kind: 'liability',
  title: '由支付机构或银行承担责任',
  titleEn: 'The payment provider or bank is liable',
  text: '未经授权的支付，损失由提供支付服务的一方（支付宝、微信支付等支付机构，或发卡银行）承担，而不是商家；它能证明是你自己的过错造成的除外。接到你的通知后没有及时采取措施、导致损失扩大的，扩大部分也由它承担。请先向它报告并要求退回，同时保留报警回执。',
  textEn: 'An unauthorised payment is the loss of whoever provides the payment service (a payment institution such as Alipay or WeChat Pay, or the card-issuing bank), not the seller, unless it proves the fault was yours; if it did not act promptly after your notice, any further loss is also its own. Report it to the provider first and ask for the money back, and keep the police report receipt.',
  citations: cite('ecommerce', '第五十七条'),
};

/** 个人信息保护法 第六十九条 (presumed fault) and 消保法 第二十九、五十条: the party that leaked or misused the data. */
const informationHandler: Conclusion = {
  id: 'liability-information-handler',
  kind: 'liability',
  title: '由泄露或滥用信息的一方承担责任',
  titleEn: 'Whoever leaked or misused the information is liable',
  text: '责任在收集、处理你个人信息并导致泄露或滥用的一方：可能是商家，也可能是平台、快递或外卖平台等；它不能证明自己没有过错的，就要赔偿。请保留能说明信息从哪里泄露的证据（只在这一处留过的号码或地址、骚扰电话说出的订单细节等）。',
  textEn: 'Liability lies with whoever collected and handled your personal information and let it leak or misused it: the seller, or the platform, the courier or the delivery app; it must compensate you unless it proves it was not at fault. Keep evidence of where the leak came from (a number or address given only there, order details a caller knew, and so on).',
  citations: [...cite('personalInfo', '第六十九条'), ...cite('consumer', '第二十九条', '第五十条')],
};
