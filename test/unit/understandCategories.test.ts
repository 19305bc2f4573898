import { describe, expect, it } from 'vitest';
import { understandOfflineSync } from '../../src/understanding/index.js';
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
  // Takeaway food that is unsafe falls under the takeaway rules (网络餐饮服务食品安全监督管理办法): its own type since issue 12.
  ['food_delivery', '外卖里吃出了头发丝和苍蝇'],
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
  ['refund_after_return', '商家收到退货不退款'],
  ['refund_after_return', '衣服退回去了不退款，已经十几天了'],
  ['deposit_refund', '租的相机还回去了，押金一直没退'],
  ['deposit_refund', '退了共享充电宝，押金不退'],
  ['earnest_money', '买房车付了定金，商家违约却定金不退'],
  ['earnest_money', '婚庆付了定金，对方不干了，能要求双倍返还定金吗'],
  ['tied_sale', '下单时被默认勾选了运费险'],
  ['tied_sale', '下单时被搭售了一个会员'],
  ['review_manipulation', '我给了差评，商家删了我的差评'],
  ['review_manipulation', '商家打电话逼我删差评'],
  ['price_discrimination', '同一个酒店我老用户价格更贵，这是大数据杀熟'],
  ['price_discrimination', '同样的东西别人手机上更便宜，是杀熟吗'],
  ['auto_renewal', '视频会员自动续费了，我没同意'],
  ['auto_renewal', '连续包月取消不了，又自动扣了会员费'],
  ['minor_payment', '孩子玩游戏充了两千块'],
  ['minor_payment', '孩子偷偷充值了游戏'],
  ['price_error_cancel', '付款后商家说标错价，把订单取消了'],
  ['price_error_cancel', '商家以价格标错为由不发货'],
  ['account_banned', '账号被封了，里面还有余额提不出来'],
  ['account_banned', '平台无故封号，账户被冻结'],
  ['food_delivery', '点的外卖送错了，商家不管'],
  ['food_delivery', '外卖撒了一半，骑手不认'],
  ['travel_ticket', '订的酒店不让取消，钱也不退'],
  ['travel_ticket', '演唱会门票退不了'],
  ['service_contract', '装修公司偷工减料，墙面开裂'],
  ['service_contract', '家政保洁阿姨把东西弄坏了'],
  ['cosmetics_reaction', '用了面膜烂脸了'],
  ['cosmetics_reaction', '新买的化妆品过敏，烂脸了'],
  ['scam', '有个自称客服的人让我把验证码告诉他'],
  ['scam', '对方冒充客服，让我转账到安全账户'],
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
    const category = understandOfflineSync(message, { now }).category;
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
    const category = understandOfflineSync(message, { now }).category;
    expect(category?.confidence ?? 0).toBeLessThan(0.5);
  });

  it('offers at least three choices when unsure, the commonest disputes last', () => {
    const category = understandOfflineSync('东西不好用', { now }).category!;
    expect(category.alternatives.length).toBeGreaterThanOrEqual(2);
    expect(category.alternatives.every((a) => a.score <= category.confidence)).toBe(true);
  });
});

describe('messages that point two ways', () => {
  it('opened, refused, and with a defect: the 7-day return first, the defect second', () => {
    const category = understandOfflineSync('耳机有杂音，拆封了，商家说拆封不退', { now }).category!;
    expect(category.best).toBe('seven_day_return');
    expect(category.alternatives[0]?.type).toBe('quality_defect');
  });

  it('a seam that split, refused as "damage by the user": a quality defect', () => {
    const category = understandOfflineSync('羽绒服穿了一次就开线了，商家说是人为损坏不给退', { now }).category!;
    expect(category.best).toBe('quality_defect');
    expect(category.alternatives[0]?.type).toBe('seven_day_return');
  });

  it('a food complaint that also hurt someone ranks both', () => {
    const category = understandOfflineSync('吃了买的零食过敏住院了，发现已经过期', { now }).category!;
    expect([category.best, category.alternatives[0]?.type].sort()).toEqual(['food_safety', 'product_injury']);
  });

  it('alternatives are sorted and scored on the confidence scale', () => {
    const category = understandOfflineSync('直播间买的假货，主播说是正品，用了还过敏', { now }).category!;
    const scores = category.alternatives.map((a) => a.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s >= 0 && s <= category.confidence)).toBe(true);
  });

  it('没收到退款 is after-sales, not non-delivery (the longer phrase wins)', () => {
    expect(understandOfflineSync('没收到退款', { now }).category?.best).toBe('after_sales');
  });
});

describe('messages with no dispute', () => {
  it.each(['你好', '谢谢', '转人工', '11月3号'])('%s has no category', (message) => {
    expect(understandOfflineSync(message, { now }).category).toBeUndefined();
  });
});
