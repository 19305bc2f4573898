import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';
import { liveStreamLiability } from './liveStreamLiability.js';

/**
 * Who answers to the consumer: the seller by default (消保法 第四十条); the platform itself for its 自营
 * business (电子商务法 第三十七条, 网络消费规定（一）第四条); the platform in addition when it cannot name the
 * seller or knew and did nothing (消保法 第四十四条, 电子商务法 第三十八条). Live streams have their own rules.
 * Whether a second-hand seller is a trader at all is `secondHand`'s question.
 */
export function sellerLiability(f: Facts): Conclusion[] {
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
  const defect = f.input.injured === true || f.input.category === 'product_injury';
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
  const food = f.input.category === 'food_safety';
  const out: Conclusion[] = [];
  if (f.input.sellerIdentifiable === false) {
    out.push({
      id: 'liability-platform-unidentified',
      kind: 'liability',
      title: '平台给不出卖家信息：可以找平台赔偿',
      titleEn: 'Platform cannot identify the seller: claim from the platform',
      text: `${platform.zh}不能提供卖家的真实名称、地址和有效联系方式的，你可以直接要求平台赔偿，平台赔偿后再向卖家追偿；平台作出更有利于你的承诺（如先行赔付）的，应当履行。`,
      textEn: `If ${platform.en} cannot give the seller’s real name, address and valid contact details, you can claim from the platform directly; it then recovers from the seller. Promises the platform made in your favour (e.g. compensation first) bind it.`,
      citations: [...cite('consumer', '第四十四条'), ...(food ? cite('food', '第一百三十一条') : [])],
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
