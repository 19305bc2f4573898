import { describe, expect, it } from 'vitest';
import { type SellerType, type SlotName, type Slots, type Want, understandOfflineSync } from '../../src/understanding/index.js';

const now = new Date('2026-11-28T10:00:00+08:00');
const slotsOf = (message: string, awaiting?: SlotName) => understandOfflineSync(message, { now, ...(awaiting ? { awaiting } : {}) }).slots;

describe('platform, by name or nickname', () => {
  it.each([
    ['在淘宝买的', '淘宝'],
    ['某宝上买的', '淘宝'],
    ['TB买的', '淘宝'],
    ['taobao', '淘宝'],
    ['天猫旗舰店', '天猫'],
    ['京东买的', '京东'],
    ['狗东上买的', '京东'],
    ['JD', '京东'],
    ['拼多多', '拼多多'],
    ['PDD上买的', '拼多多'],
    ['多多买的', '拼多多'],
    ['抖音直播间买的', '抖音'],
    ['Douyin', '抖音'],
    ['快手小店', '快手'],
    ['小红书上', '小红书'],
    ['唯品会', '唯品会'],
    ['闲鱼', '闲鱼'],
    ['得物', '得物'],
    ['美团外卖点的', '美团'],
    ['饿了么', '饿了么'],
    ['苏宁买的空调', '苏宁易购'],
    ['当当网买的书', '当当'],
    ['亚马逊', '亚马逊'],
    ['微信小程序里买的', '微信小程序'],
    ['朋友圈微商', '微商'],
    ['I bought it on Amazon', '亚马逊'],
  ])('%s → %s', (message, platform) => {
    expect(slotsOf(message).platform).toBe(platform);
  });

  it.each(['多多少少有点问题', '我们家很多人', '快手快脚地拆了'])('%s names no platform', (message) => {
    expect(slotsOf(message).platform).toBeUndefined();
  });

  it('prefers where it was bought over a platform merely compared with', () => {
    expect(slotsOf('比淘宝贵，是在京东买的').platform).toBe('京东');
  });

  it('takes an unknown platform as said when the bot asked for it', () => {
    expect(slotsOf('网易严选', 'platform').platform).toBe('网易严选');
  });
});

describe('seller type', () => {
  it.each<[string, SellerType]>([
    ['京东自营的', 'platform_self_operated'],
    ['天猫超市买的牛奶', 'platform_self_operated'],
    ['不是自营的，是第三方店铺', 'third_party'],
    ['华为官方旗舰店', 'third_party'],
    ['在直播间买的', 'live_stream'],
    ['主播带货推荐的', 'live_stream'],
    ['闲鱼上的个人卖家', 'individual_second_hand'],
    ['转转上买的二手手机', 'individual_second_hand'],
    ['from a live stream', 'live_stream'],
  ])('%s → %s', (message, sellerType) => {
    expect(slotsOf(message).sellerType).toBe(sellerType);
  });
});

describe('product and shop', () => {
  it.each([
    ['买了个2999的手机', '手机'],
    ['在拼多多买的鞋是假的', '鞋'],
    ['买了一台戴森吹风机用了三天就坏了', '戴森吹风机'],
    ['京东买的华为手机', '华为手机'],
    ['孩子喝的奶粉过期了', '奶粉'],
    ['入手了一双运动鞋', '运动鞋'],
    ['I bought a laptop from JD', 'laptop'],
  ])('%s → %s', (message, product) => {
    expect(slotsOf(message).product).toBe(product);
  });

  it.each(['我买的东西有问题', '买了三天就坏了', '10月30号买的11月3号收到的', '手机号13812345678'])('%s names no product', (message) => {
    expect(slotsOf(message).product).toBeUndefined();
  });

  it.each([
    ['店铺叫“小王数码”', '小王数码'],
    ['店名是小王数码', '小王数码'],
    ['在京东华为官方旗舰店买的', '华为官方旗舰店'],
    ['一家叫优品生活的店', '优品生活'],
  ])('%s → shop %s', (message, shopName) => {
    expect(slotsOf(message).shopName).toBe(shopName);
  });

  it('takes the answer to 店铺名 as the shop name', () => {
    expect(slotsOf('叫小王数码', 'shopName').shopName).toBe('小王数码');
  });
});

describe('wants', () => {
  it.each<[string, Want[]]>([
    ['我想退货退款', ['return', 'refund']],
    ['要求退一赔三', ['refund', 'punitive']],
    ['能不能换一个新的', ['exchange']],
    ['希望商家给我维修', ['repair']],
    ['我要求赔偿并道歉', ['compensation', 'apology']],
    ['申请假一赔十', ['punitive']],
    ['我不想退货，只想换货', ['exchange']],
    ['I want a refund', ['refund']],
  ])('%s → %j', (message, wants) => {
    expect(slotsOf(message).wants).toEqual(wants);
  });

  it.each(['商家不给退货', '卖家拒绝退款', '店铺承诺假一赔十'])('%s asks for nothing', (message) => {
    expect(slotsOf(message).wants).toBeUndefined();
  });

  it('takes a bare remedy as the answer to 你希望怎么处理', () => {
    expect(slotsOf('退款', 'wants').wants).toEqual(['refund']);
  });
});

describe('yes/no facts', () => {
  it.each<[string, Partial<Slots>]>([
    ['拆封了', { openedPackage: true }],
    ['已经拆开用过了', { openedPackage: true }],
    ['还没拆封', { openedPackage: false }],
    ['全新未拆', { openedPackage: false }],
    ['手被烫伤了', { injured: true }],
    ['人没事，没受伤', { injured: false }],
    ['吃了以后拉肚子', { isFood: true, injured: true }],
  ])('%s → %j', (message, expected) => {
    expect(slotsOf(message)).toMatchObject(expected);
  });

  it.each<[string, SlotName, Partial<Slots>]>([
    ['是的', 'openedPackage', { openedPackage: true }],
    ['没有', 'openedPackage', { openedPackage: false }],
    ['有', 'injured', { injured: true }],
    ['不是', 'isFood', { isFood: false }],
  ])('%s answering %s → %j', (message, awaiting, expected) => {
    expect(slotsOf(message, awaiting)).toEqual(expected);
  });

  it('ignores yes/no when the bot asked something else', () => {
    expect(slotsOf('是的', 'amountFen')).toEqual({});
  });
});

describe('order number and phone', () => {
  it('finds both in one message', () => {
    expect(slotsOf('订单号是 2345678901234567，手机号13812345678')).toEqual({ orderNumber: '2345678901234567', phone: '13812345678' });
  });

  it.each([
    ['订单编号：JD20261103001', 'JD20261103001'],
    ['order number 2345678901234', '2345678901234'],
  ])('%s → %s', (message, orderNumber) => {
    expect(slotsOf(message).orderNumber).toBe(orderNumber);
  });

  it('does not take a tracking number for the order number', () => {
    expect(slotsOf('快递单号SF1234567890').orderNumber).toBeUndefined();
  });

  it.each([
    ['我的电话是138 0013 8000', '13800138000'],
    ['+86 139-1234-5678', '13912345678'],
  ])('%s → %s', (message, phone) => {
    expect(slotsOf(message).phone).toBe(phone);
  });

  it('takes a bare number as the order number when asked for it', () => {
    expect(slotsOf('2345678901234', 'orderNumber')).toEqual({ orderNumber: '2345678901234' });
  });
});
