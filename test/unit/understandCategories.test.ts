import { describe, expect, it } from 'vitest';
import { understandOffline } from '../../src/engine/understand/index.js';
import { DisputeType } from '../../src/retrieval/knowledgeFiles.js';

const now = new Date('2026-11-28T10:00:00+08:00');

/** Clear messages: each should be classified right with confidence ≥ 0.6. */
const CLEAR: [DisputeType, string][] = [
  ['seven_day_return', '衣服收到了不喜欢，想七天无理由退货，商家不给退'],
  ['seven_day_return', '鞋子尺码不合适，吊牌都没拆，卖家说特价商品不退'],
  ['seven_day_return', '买错了，不想要了，能退吗'],
  ['quality_defect', '新买的洗衣机漏水，根本不能用'],
  ['quality_defect', '收到的杯子碎了，外包装破损'],
  ['quality_defect', '笔记本用了一周就黑屏死机'],
  ['counterfeit', '在得物买的球鞋鉴定为假，是高仿'],
  ['counterfeit', '这个口红不是正品，专柜查不到防伪码'],
  ['food_safety', '外卖里吃出了头发丝和苍蝇'],
  ['food_safety', '买的月饼发霉了，生产日期也看不清'],
  ['non_delivery', '快递丢了，物流一直不更新'],
  ['non_delivery', '显示签收了但我根本没收到包裹'],
  ['seller_cancelled', '双十一付了款，商家说缺货把我的订单取消了，这是砍单吧'],
  ['seller_cancelled', '商家一直不发货，还让我申请退款'],
  ['price_fraud', '商家先涨后降，原价是虚构的'],
  ['price_fraud', '下单时优惠券不能用，结算价和页面价不一样'],
  ['false_advertising', '主播说这个面霜能祛斑，用了根本没效果，虚假宣传'],
  ['false_advertising', '广告说纯棉，实际是化纤，夸大宣传'],
  ['unfair_terms', '店里写着最终解释权归商家所有'],
  ['unfair_terms', '店铺说一经售出概不退换，签收即视为认可质量'],
  ['after_sales', '空调坏了找售后维修，售后不理，一直拖着'],
  ['after_sales', '保修期内送去返修三次还是修不好'],
  ['after_sales', '退货寄回去半个月了，退款一直没到'],
  ['personal_info', '刚下单就接到骚扰电话，我的个人信息被泄露了'],
  ['personal_info', '骗子知道我的订单号和地址，信息泄露了'],
  ['unauthorized_payment', '我的支付宝被盗刷了三千块'],
  ['unauthorized_payment', '点了钓鱼链接，被自动扣费，我没授权'],
  ['product_injury', '电热水壶爆炸了，把我手烫伤了'],
  ['product_injury', '充电宝起火，孩子受伤住院'],
  ['prepaid_service', '办了健身卡，健身房跑路了'],
  ['prepaid_service', '给孩子报的培训班关门了，剩余课程的预付费用不退'],
  ['second_hand', '在闲鱼上买的二手相机，个人卖家说不退'],
  ['second_hand', '转转上买的二手手机和描述不一样'],
  ['quality_defect', 'the laptop I got is defective and stopped working'],
  ['counterfeit', 'the bag is a fake, not genuine'],
  ['food_safety', 'the milk was expired and my kid got sick'],
  ['non_delivery', 'my parcel never arrived'],
  ['unauthorized_payment', 'there is an unauthorized charge on my card'],
  ['product_injury', 'the charger exploded and I was burned'],
  ['prepaid_service', 'my gym closed down and kept my prepaid membership'],
];

describe('dispute category of a clear message', () => {
  it.each(CLEAR)('%s: %s', (type, message) => {
    const category = understandOffline(message, { now }).category;
    expect(category?.best).toBe(type);
    expect(category?.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('has at least two examples for every dispute type but other', () => {
    for (const type of DisputeType.options.filter((t) => t !== 'other')) {
      expect(CLEAR.filter(([t]) => t === type).length, type).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('confidence of vague messages', () => {
  it.each(['我买的东西有问题', '东西不太好用', '东西不好用', '商家态度很差', '快递到了'])('%s stays under 0.5 or finds nothing', (message) => {
    const category = understandOffline(message, { now }).category;
    expect(category?.confidence ?? 0).toBeLessThan(0.5);
  });

  it('offers at least three choices when unsure, the commonest disputes last', () => {
    const category = understandOffline('东西不好用', { now }).category!;
    expect(category.alternatives.length).toBeGreaterThanOrEqual(2);
    expect(category.alternatives.every((a) => a.score <= category.confidence)).toBe(true);
  });
});

describe('messages that point two ways', () => {
  it('opened, refused, and with a defect: the 7-day return first, the defect second', () => {
    const category = understandOffline('耳机有杂音，拆封了，商家说拆封不退', { now }).category!;
    expect(category.best).toBe('seven_day_return');
    expect(category.alternatives[0]?.type).toBe('quality_defect');
  });

  it('a seam that split, refused as "damage by the user": a quality defect', () => {
    const category = understandOffline('羽绒服穿了一次就开线了，商家说是人为损坏不给退', { now }).category!;
    expect(category.best).toBe('quality_defect');
    expect(category.alternatives[0]?.type).toBe('seven_day_return');
  });

  it('a food complaint that also hurt someone ranks both', () => {
    const category = understandOffline('吃了买的零食过敏住院了，发现已经过期', { now }).category!;
    expect([category.best, category.alternatives[0]?.type].sort()).toEqual(['food_safety', 'product_injury']);
  });

  it('alternatives are sorted and scored on the confidence scale', () => {
    const category = understandOffline('直播间买的假货，主播说是正品，用了还过敏', { now }).category!;
    const scores = category.alternatives.map((a) => a.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s >= 0 && s <= category.confidence)).toBe(true);
  });

  it('没收到退款 is after-sales, not non-delivery (the longer phrase wins)', () => {
    expect(understandOffline('没收到退款', { now }).category?.best).toBe('after_sales');
  });
});

describe('messages with no dispute', () => {
  it.each(['你好', '谢谢', '转人工', '11月3号'])('%s has no category', (message) => {
    expect(understandOffline(message, { now }).category).toBeUndefined();
  });
});
