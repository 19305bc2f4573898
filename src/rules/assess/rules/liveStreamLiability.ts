import { cite, citeAt, citeRegulationsAt } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** Categories in which a streamer promoting harmful or infringing goods is a realistic claim (第十七条). */
const STREAMER_PROMOTION = new Set(['counterfeit', 'false_advertising', 'product_injury', 'food_safety', 'cosmetics_reaction']);

/**
 * Live-stream purchases (网络消费规定（一）第十一条至第十七条). The room operator is the seller unless it clearly
 * named the real one (第十二条); a platform streaming its own goods is the seller (第十三条); the platform pays
 * when it cannot identify the room operator (第十四条), is jointly liable for unvetted food licences (第十五条)
 * or for knowing inaction (第十六条); a shop answers for its own staff's false claims (第十一条); a room
 * operator who knowingly promotes harmful goods is jointly liable (第十七条).
 */
export function liveStreamLiability(f: Facts): Conclusion[] {
  const { category, sellerIdentifiable, platformKnew } = f.input;
  const out: Conclusion[] = [
    {
      id: 'liability-live-stream-operator',
      kind: 'liability',
      title: '直播间运营者可能就是卖家',
      titleEn: 'The live-stream room operator may be the seller',
      text: '在直播间点击购买的，直播间运营者如果不能证明已经用足以让你辨别的方式标明自己不是销售者、并标明实际销售者，就要承担销售者责任；直播平台以直播方式自营销售的，由平台承担销售者责任。发生争议的，直播营销平台应当根据你的要求提供直播间运营者、直播营销人员的信息和相关经营活动记录。',
      textEn: 'For goods bought by clicking in a live-stream room, the room operator bears the seller’s liability unless it proves it made clear, in a way you could recognise, that it was not the seller and who the real seller was; a live-stream platform selling its own goods is liable as the seller. In a dispute the live-stream platform must, at your request, give you the room operator’s and the streamer’s details and the records of the sale.',
      citations: [...cite('onlineConsumption', '第十二条', '第十三条'), ...citeRegulationsAt(f.lawDate, '第十四条')],
    },
  ];
  if (category === 'false_advertising') {
    out.push({
      id: 'liability-live-stream-staff',
      kind: 'liability',
      title: '商家为自己直播间的虚假宣传负责',
      titleEn: 'A shop answers for false claims in its own live stream',
      text: '商家自己开设直播间卖货，其工作人员在直播中虚假宣传给你造成损害的，由商家承担赔偿责任。',
      textEn: 'Where a shop runs its own live-stream room, it must compensate you for harm caused by its staff’s false claims during the stream.',
      citations: cite('onlineConsumption', '第十一条'),
    });
  }
  if (sellerIdentifiable === false) {
    out.push({
      id: 'liability-live-stream-platform-unidentified',
      kind: 'liability',
      title: '平台给不出直播间运营者信息：找平台赔偿',
      titleEn: 'Platform cannot identify the room operator: claim from the platform',
      text: '直播平台不能提供直播间运营者的真实姓名或名称、地址和有效联系方式的，你可以要求直播平台赔偿，平台赔偿后再向运营者追偿。',
      textEn: 'If the live-stream platform cannot give the room operator’s real name, address and valid contact details, you can claim from the platform, which then recovers from the operator.',
      citations: [...cite('onlineConsumption', '第十四条'), ...cite('consumer', '第四十四条')],
    });
  }
  if (category === 'food_safety') {
    out.push({
      id: 'liability-live-stream-food-licence',
      kind: 'liability',
      title: '直播卖食品：平台审核不到位要连带',
      titleEn: 'Food in live streams: the platform must vet licences',
      text: '直播间销售需要食品经营许可的食品，直播平台没有尽到审核其经营资质的义务、使你受到损害的，与直播间运营者承担连带责任。',
      textEn: 'If the live-stream platform failed to check the food-business licence a room needs and you were harmed, the platform is jointly liable with the room operator.',
      citations: [...cite('onlineConsumption', '第十五条'), ...citeAt(f.lawDate, 'food', '第一百三十一条')],
    });
  }
  if (platformKnew === true) {
    out.push({
      id: 'liability-live-stream-platform-joint',
      kind: 'liability',
      title: '直播平台明知或应知而不作为：连带责任',
      titleEn: 'Live-stream platform knew and did nothing: joint liability',
      text: '直播平台知道或者应当知道直播间销售的商品不符合人身、财产安全要求，或有其他侵害消费者权益的行为，却没有采取必要措施的，与直播间运营者承担连带责任。',
      textEn: 'If the live-stream platform knew or should have known that goods sold in the room were unsafe or otherwise harmed consumers and took no necessary measures, it is jointly liable with the room operator.',
      citations: [...cite('onlineConsumption', '第十六条'), ...cite('ecommerce', '第三十八条')],
    });
  }
  if (STREAMER_PROMOTION.has(category)) {
    out.push({
      id: 'liability-live-stream-promoter',
      kind: 'liability',
      title: '明知仍推广的直播间运营者：连带责任',
      titleEn: 'A room operator who knowingly promotes: joint liability',
      text: '直播间运营者知道或者应当知道商品不符合人身、财产安全要求，或商家有其他侵害消费者权益的行为，仍然为其推广、给你造成损害的，与该商家承担连带责任。',
      textEn: 'A room operator who knew or should have known that the goods were unsafe or that the seller was otherwise harming consumers, and still promoted them, is jointly liable with that seller for your loss.',
      citations: [...cite('onlineConsumption', '第十七条'), ...cite('civil', '第一千一百六十八条')],
    });
  }
  return out;
}
