import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 以“标错价”为由砍单. The contract exists once the order is submitted (电子商务法 第四十九条, 民法典 第四百九十一条);
 * a unilateral cancellation is a breach (第五百七十七条, damages 第五百八十四条). The seller's possible
 * defence is 重大误解 (第一百四十七条): only a court or arbitration body can rescind, on the seller's
 * request within 90 days of knowing (第一百五十二条), with restitution and damages by the party at fault (第一百五十七条).
 */
export function priceErrorCancel(_f: Facts): Conclusion[] {
  return [
    {
      id: 'price-error-contract',
      kind: 'remedy',
      title: '下单成功合同就成立：商家不能单方砍单',
      titleEn: 'The contract exists once the order is placed: the seller may not cancel on its own',
      text: '商品信息符合要约条件的，你提交订单成功时合同就成立；“付款后合同不成立”“标错价不发货”之类的格式条款无效。商家以标错价为由单方取消订单，属于违约，你可以要求按订单价格发货，或者要求赔偿损失（包括合同履行后可以获得的利益）。',
      textEn: 'Where the listing amounts to an offer, the contract was formed when your order was submitted; standard terms such as "no contract even after payment" or "wrong prices are not honoured" are void. A seller that cancels on its own over a "wrong price" is in breach: you can demand delivery at the order price, or damages (including the benefit the contract would have brought).',
      citations: [...cite('ecommerce', '第四十九条'), ...cite('civil', '第四百九十一条', '第五百七十七条', '第五百八十四条')],
    },
    {
      id: 'price-error-defence',
      kind: 'warning',
      title: '商家可能主张“重大误解”：由法院决定',
      titleEn: 'The seller may plead a serious mistake: a court decides',
      text: '商家可能以重大误解为由要求撤销合同，但只能请求法院或仲裁机构撤销，不能自己宣布取消，而且须在知道误解之日起九十日内提出。价格明显异常（如远低于成本或市价、漏掉一位数）、你是否善意，是能否撤销的关键，最终由法院认定。合同被撤销的，双方返还，有过错的一方赔偿对方因此受到的损失。',
      textEn: 'The seller may ask to rescind the contract for a serious mistake, but only a court or arbitration body can rescind it (the seller cannot just declare it cancelled), and it must ask within 90 days of learning of the mistake. Whether the price was obviously wrong (far below cost or market, a missing digit) and whether you acted in good faith decide it, and a court has the last word. If rescinded, both sides give back what they got, and the party at fault compensates the other’s loss.',
      citations: cite('civil', '第一百四十七条', '第一百五十二条', '第一百五十七条'),
    },
  ];
}
