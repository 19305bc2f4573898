import { describe, expect, it } from 'vitest';
import { type SlotName, understandOfflineSync } from '../../src/understanding/index.js';

const now = new Date('2026-11-28T10:00:00+08:00');
const read = (message: string, awaiting?: SlotName, known = {}) => understandOfflineSync(message, { now, known, ...(awaiting ? { awaiting } : {}) });

describe('what the dialog transcripts showed', () => {
  it('dates 去年双十一 in last year and 双十一抢的 as the order date', () => {
    expect(read('去年双十一在京东买的洗衣机').slots.orderDate).toBe('2025-11-11');
    expect(read('双十一在京东抢了一台空调').slots.orderDate).toBe('2026-11-11');
  });

  it('keeps a day a few days ahead in the future instead of reading it as last year', () => {
    expect(read('12月5号收到的').problems.map((p) => p.code)).toEqual(['future_date']);
    expect(read('12月25号', 'receivedDate').slots.receivedDate).toBe('2025-12-25');
  });

  it('does not take a date answer for the product it was asked for', () => {
    expect(read('11月22号收到的', 'product').slots).toEqual({ receivedDate: '2026-11-22' });
  });

  it('takes no product from 下单买了一件, 点完 or evidence that was 拍了', () => {
    expect(read('10月20号在抖音下单买了一件羽绒服').slots.product).toBe('羽绒服');
    expect(read('我在美团点完外卖').slots.product).toBe('外卖');
    expect(read('有聊天记录，还拍了视频').slots.product).toBeUndefined();
  });

  it('does not take a problem word for the platform asked for', () => {
    expect(read('假货', 'platform').slots.platform).toBeUndefined();
  });

  it('reads a story with a rhetorical question as no question', () => {
    expect(read('唯品会上一件大衣标原价1999现价699，这不是虚构原价吗').intents).not.toContain('question');
    expect(read('这不是违法吗？').intents).toContain('question');
    expect(read('我买的手机坏了，这不是质量问题吗，能退吗？').intents).toContain('question');
  });

  it.each(['不记得了', '真想不起来了', '跳过', '不方便说'])('%s is a dont_know', (message) => {
    expect(read(message, 'receivedDate').intents).toContain('dont_know');
  });

  it.each(['没有', '不知道怎么回事就坏了'])('%s is no dont_know', (message) => {
    expect(read(message).intents).not.toContain('dont_know');
  });

  it.each([
    ['平台也不管', 'outcome_refused'],
    ['跟商家说了，他说快递签收了就不归他管', 'outcome_refused'],
    ['平台客服让我自己去找快递，等于没管', 'outcome_refused'],
    ['商家说让我自己去找厂家售后', 'outcome_refused'],
    ['商家不给我退款', 'outcome_refused'],
    ['还在等商家回复', 'outcome_no_reply'],
    ['12315受理了，调解后商家给我退款了', 'outcome_agreed'],
  ])('%s → %s', (message, intent) => {
    expect(read(message, 'sellerResponse').intents).toContain(intent);
  });

  it.each([
    ['我在京东买了个吹风机，用了两次就不出热风了', 'quality_defect'],
    ['京东买的空气炸锅第一次用就冒烟了', 'quality_defect'],
    ['拼多多买的水果烂了一半', 'food_safety'],
    ['我的支付宝昨天被盗刷了1200', 'unauthorized_payment'],
  ])('%s → %s', (message, type) => {
    expect(read(message).category?.best).toBe(type);
  });

  it('reads 被盗刷了1200 as the amount and 支付宝 as the platform', () => {
    expect(read('我的支付宝昨天被盗刷了1200').slots).toMatchObject({ platform: '支付宝', amountFen: 120000 });
  });

  it('takes 可以，同意 as consent', () => {
    expect(read('可以，同意').intents).toContain('consent_yes');
  });

  it('reads bare answers for the 12315 details through understanding, with the detail awaited', () => {
    const answer = (text: string, awaiting: SlotName) => read(text, awaiting).slots;
    expect(answer('李娜', 'complainantName')).toMatchObject({ complainantName: '李娜' });
    expect(answer('我住在杭州市西湖区文三路90号', 'address')).toMatchObject({ address: '杭州市西湖区文三路90号' });
    expect(answer('跳过', 'address').address).toBeUndefined();
    expect(answer('13800138000', 'complainantName').complainantName).toBeUndefined();
    expect(answer('商家地址是广东省广州市白云区机场路88号2楼', 'shopAddress')).toMatchObject({ shopAddress: '广东省广州市白云区机场路88号2楼' });
    expect(answer('投诉需要写地址吗？', 'address').address).toBeUndefined();
  });
});
