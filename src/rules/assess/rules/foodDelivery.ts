import { cite, citeAt } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 外卖: the restaurant answers as the trader and cannot plead that the order was cooked by someone else
 * (网络消费规定（一）第十九条; 网络餐饮服务食品安全监督管理办法 第十八条第（四）项, and 第四条: a physical outlet
 * and a food licence); the delivery platform is jointly liable when it failed to register the restaurant or
 * check its licence (规定（一）第十八条, 食品安全法 第六十二条、第一百三十一条, 办法 第八条), and pays when it
 * cannot name the restaurant (食品安全法 第一百三十一条第二款). The tenfold award comes from `foodDamages`.
 */
export function foodDelivery(f: Facts): Conclusion[] {
  return [
    {
      id: 'food-delivery-restaurant',
      kind: 'liability',
      title: '外卖商家承担经营者责任',
      titleEn: 'The restaurant is liable as the trader',
      text: '入网餐饮商家应当有实体门店和食品经营许可证，并在自己的加工区制作，不得把订单交给别人加工；外卖食品出问题的，由接单的商家承担责任，商家以“订单是委托别人做的”为由推脱，法院不支持。',
      textEn: 'A restaurant on a delivery platform must have a physical outlet and a food-business licence and cook in its own kitchen, not pass orders on to others; if the food harms you, the restaurant that took the order is liable, and "someone else cooked it" is no defence in court.',
      citations: [...cite('onlineConsumption', '第十九条'), ...cite('onlineCatering', '第四条', '第十八条')],
    },
    {
      id: 'food-delivery-platform',
      kind: 'liability',
      title: '外卖平台：审核不到位要连带，给不出商家信息要先赔',
      titleEn: 'The delivery platform: jointly liable if it failed to vet, pays if it cannot name the restaurant',
      text: '外卖平台应当对入网商家实名登记、审查食品经营许可证；没有做到、使你受到损害的，与商家承担连带责任。平台不能提供商家真实名称、地址和有效联系方式的，由平台赔偿，平台作出更有利于你的承诺的应当履行。请保留订单、餐品照片、就医记录，先在平台投诉，也可以向 12315 投诉。',
      textEn: 'The delivery platform must register restaurants under their real names and check their food licences; if it did not and you were harmed, it is jointly liable with the restaurant. If it cannot give the restaurant’s real name, address and valid contact details, it pays you itself, and any promise it made in your favour binds it. Keep the order, photos of the food and any medical records, complain on the platform first, and to 12315 if needed.',
      citations: [...cite('onlineConsumption', '第十八条'), ...citeAt(f.lawDate, 'food', '第六十二条', '第一百三十一条'), ...cite('onlineCatering', '第八条')],
    },
  ];
}
