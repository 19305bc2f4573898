import { describe, expect, it } from 'vitest';
import { understandOfflineSync } from '../../src/understanding/index.js';

const now = new Date('2026-11-28T10:00:00+08:00');

describe('money said with a price word or a currency', () => {
  it.each([
    ['2999元', 299900],
    ['2999块', 299900],
    ['80块钱', 8000],
    ['¥2,999', 299900],
    ['￥2999.00', 299900],
    ['RMB 2999', 299900],
    ['人民币2999元', 299900],
    ['两千九百九十九块', 299900],
    ['花了两千九', 290000],
    ['花了2.9k', 290000],
    ['付了3千', 300000],
    ['花了1万2', 1200000],
    ['花了五百', 50000],
    ['花了599', 59900],
    ['599 yuan', 59900],
    ['paid 2999 rmb', 299900],
    ['一百五十元', 15000],
    ['5块5', 550],
    ['9.9元包邮', 990],
    ['买了个2999的手机', 299900],
    ['1299买的耳机', 129900],
    ['售价：1999', 199900],
    ['一共花了三千二百块', 320000],
    ['两千多块钱', 200000],
  ])('%s → %i fen', (message, fen) => {
    expect(understandOfflineSync(message, { now }).slots.amountFen).toBe(fen);
  });
});

describe('a bare number when the bot asked how much was paid', () => {
  it.each([
    ['2999', 299900],
    ['两千九', 290000],
    ['2.9k', 290000],
    ['3千', 300000],
    ['1万2', 1200000],
    ['五百', 50000],
    ['大概3000左右', 300000],
    ['1,299.50', 129950],
    ['11.11', 1111],
  ])('%s → %i fen', (message, fen) => {
    expect(understandOfflineSync(message, { now, awaiting: 'amountFen' }).slots.amountFen).toBe(fen);
  });
});

describe('numbers that are not the amount paid', () => {
  it.each([
    '买了2个',
    '等了3天',
    '用了一个月',
    '一块手表',
    '第2次',
    '打了7折',
    '100美元',
    'paid 100 USD',
    '运费10元',
    '商家只愿意补偿50元',
    '优惠券20元没用上',
    '2斤苹果',
    '11月3号收到',
    '订单号是2345678901234567',
    '电话13812345678',
    'iphone 15',
    '一直没回',
    '原价999',
    '去医院花了500',
  ])('%s', (message) => {
    expect(understandOfflineSync(message, { now }).slots.amountFen).toBeUndefined();
  });

  it('picks the price over the shipping fee in one message', () => {
    expect(understandOfflineSync('运费10元，衣服花了199', { now }).slots.amountFen).toBe(19900);
  });

  it('picks what was paid over the struck-through 原价', () => {
    expect(understandOfflineSync('原价999，活动价499买的', { now }).slots.amountFen).toBe(49900);
  });

  it('does not read 一直没收到 as an amount even when asked for one', () => {
    const u = understandOfflineSync('一直没收到', { now, awaiting: 'amountFen' });
    expect(u.slots.amountFen).toBeUndefined();
    expect(u.problems).toEqual([]);
  });
});

describe('amounts that cannot be right', () => {
  it.each([
    ['0元', 'zero_amount'],
    ['花了-50元', 'negative_amount'],
    ['花了一亿元', 'implausible_amount'],
    ['¥20,000,000', 'implausible_amount'],
  ])('%s → %s', (message, code) => {
    const u = understandOfflineSync(message, { now });
    expect(u.slots.amountFen).toBeUndefined();
    expect(u.problems).toEqual([expect.objectContaining({ slot: 'amountFen', code })]);
    expect(u.problems[0]?.message).toContain('金额');
  });

  it('a zero typed as the answer is a zero amount', () => {
    expect(understandOfflineSync('0', { now, awaiting: 'amountFen' }).problems.map((p) => p.code)).toEqual(['zero_amount']);
  });

  it('ten million yuan is still plausible, a fen more is not', () => {
    expect(understandOfflineSync('¥10,000,000', { now }).slots.amountFen).toBe(1_000_000_000);
    expect(understandOfflineSync('¥10,000,000.01', { now }).problems.map((p) => p.code)).toEqual(['implausible_amount']);
  });

  it('says it could not read an amount answer', () => {
    expect(understandOfflineSync('很多钱', { now, awaiting: 'amountFen' }).problems).toEqual([
      expect.objectContaining({ slot: 'amountFen', code: 'unparseable' }),
    ]);
  });
});
