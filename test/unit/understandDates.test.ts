import { describe, expect, it } from 'vitest';
import { understandOfflineSync } from '../../src/understanding/index.js';

/** A Saturday: 2026-11-28 10:00 in Shanghai. */
const now = new Date('2026-11-28T10:00:00+08:00');
const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);

describe('dates said as an answer to 什么时候收到的', () => {
  it.each([
    ['2026年11月3日', '2026-11-03'],
    ['二〇二六年十一月三号', '2026-11-03'],
    ['26年11月3号', '2026-11-03'],
    ['11月3号', '2026-11-03'],
    ['11月3日', '2026-11-03'],
    ['十一月三号', '2026-11-03'],
    ['11/3', '2026-11-03'],
    ['11-3', '2026-11-03'],
    ['2026-11-03', '2026-11-03'],
    ['2026/11/3', '2026-11-03'],
    ['10.30号', '2026-10-30'],
    ['昨天', '2026-11-27'],
    ['前天', '2026-11-26'],
    ['大前天', '2026-11-25'],
    ['今天', '2026-11-28'],
    ['三天前', '2026-11-25'],
    ['3天前', '2026-11-25'],
    ['两周前', '2026-11-14'],
    ['一个月前', '2026-10-28'],
    ['上周五', '2026-11-20'],
    ['这周一', '2026-11-23'],
    ['本周三', '2026-11-25'],
    ['上礼拜三', '2026-11-18'],
    ['上上周日', '2026-11-15'],
    ['星期天', '2026-11-22'],
    ['周六', '2026-11-28'],
    ['上个月10号', '2026-10-10'],
    ['本月5号', '2026-11-05'],
    ['这个月三号', '2026-11-03'],
    ['3号', '2026-11-03'],
    ['去年11月3号', '2025-11-03'],
    ['12月25号', '2025-12-25'],
    ['Nov 3', '2026-11-03'],
    ['November 3rd, 2026', '2026-11-03'],
    ['3 November', '2026-11-03'],
    ['yesterday', '2026-11-27'],
    ['the day before yesterday', '2026-11-26'],
    ['2 days ago', '2026-11-26'],
    ['a week ago', '2026-11-21'],
    ['last Friday', '2026-11-27'],
    ['this Monday', '2026-11-23'],
    ['11.11', '2026-11-11'],
    ['双11', '2026-11-11'],
    ['双十二', '2025-12-12'],
    ['618大促', '2026-06-18'],
  ])('%s → %s', (message, iso) => {
    const u = understandOfflineSync(message, { now, awaiting: 'receivedDate' });
    expect(u.slots.receivedDate).toBe(iso);
    expect(u.problems).toEqual([]);
  });
});

describe('dates across month and year boundaries', () => {
  it.each([
    ['11月3号', '2027-01-05', '2026-11-03'],
    ['12月31号', '2027-01-01', '2026-12-31'],
    ['1月1号', '2027-01-01', '2027-01-01'],
    ['昨天', '2027-01-01', '2026-12-31'],
    ['三天前', '2026-03-02', '2026-02-27'],
    ['上个月10号', '2027-01-15', '2026-12-10'],
    ['上个月31号', '2026-05-10', '2026-04-31:invalid'],
    ['31号', '2026-12-05', '2026-10-31'],
    ['2月29号', '2026-03-10', '2024-02-29'],
    ['上周五', '2027-01-04', '2027-01-01'],
    ['周一', '2026-11-23', '2026-11-23'],
    ['last Friday', '2026-11-27', '2026-11-20'],
    ['一个月前', '2026-03-31', '2026-02-28'],
  ])('%s said on %s → %s', (message, today, expected) => {
    const u = understandOfflineSync(message, { now: at(today), awaiting: 'receivedDate' });
    if (expected.endsWith(':invalid')) expect(u.problems.map((p) => p.code)).toEqual(['invalid_date']);
    else expect(u.slots.receivedDate).toBe(expected);
  });

  it('counts the day in Shanghai, not in UTC: 01:00 on Nov 28 in Shanghai is still Nov 27 in UTC', () => {
    const u = understandOfflineSync('昨天收到的', { now: new Date('2026-11-27T17:00:00Z') });
    expect(u.slots.receivedDate).toBe('2026-11-27');
  });
});

describe('which slot a date belongs to', () => {
  it.each([
    ['10月30号买的11月3号收到的', { orderDate: '2026-10-30', receivedDate: '2026-11-03' }],
    ['收到是11月3号，下单是10月30号', { orderDate: '2026-10-30', receivedDate: '2026-11-03' }],
    ['上个月10号下单，本月5号收到', { orderDate: '2026-10-10', receivedDate: '2026-11-05' }],
    ['昨天买的，今天到货', { orderDate: '2026-11-27', receivedDate: '2026-11-28' }],
    ['我是11月3号下的单', { orderDate: '2026-11-03' }],
    ['上周五签收的', { receivedDate: '2026-11-20' }],
    ['前天送到的', { receivedDate: '2026-11-26' }],
    ['11月3号付款，一直没发货', { orderDate: '2026-11-03' }],
    ['昨天点的外卖里有虫子', { orderDate: '2026-11-27' }],
    ['ordered on Nov 1 and it was delivered yesterday', { orderDate: '2026-11-01', receivedDate: '2026-11-27' }],
  ])('%s', (message, expected) => {
    const { orderDate, receivedDate } = understandOfflineSync(message, { now }).slots;
    expect({ orderDate, receivedDate }).toEqual({ orderDate: undefined, receivedDate: undefined, ...expected });
  });

  it('a verb beats the awaited slot: 11月3号收到的 is the received date even when the bot asked for the order date', () => {
    expect(understandOfflineSync('11月3号收到的', { now, awaiting: 'orderDate' }).slots).toEqual({ receivedDate: '2026-11-03' });
  });

  it('leaves a date with no verb and no question alone', () => {
    expect(understandOfflineSync('11月3号', { now }).slots).toEqual({});
  });

  it('does not take a date for 申请退货 as the order or received date', () => {
    expect(understandOfflineSync('11月20号申请退货', { now }).slots.orderDate).toBeUndefined();
  });
});

describe('things that are not dates', () => {
  it.each(['等了2-3天', '每周三', '一周三次', '3号线', '然后天气变了', '一月一次', '15/20'])('%s', (message) => {
    const u = understandOfflineSync(message, { now, awaiting: 'receivedDate' });
    expect(u.slots.receivedDate).toBeUndefined();
  });
});

describe('dates that cannot be right', () => {
  it.each([
    ['明天收到的', 'receivedDate', 'future_date'],
    ['下周一收到', 'receivedDate', 'future_date'],
    ['2027年1月1日买的', 'orderDate', 'future_date'],
    ['2月30号收到的', 'receivedDate', 'invalid_date'],
    ['13月5号买的', 'orderDate', 'invalid_date'],
    ['11月5号买的，11月3号收到的', 'receivedDate', 'before_order'],
  ])('%s → %s %s', (message, slot, code) => {
    const u = understandOfflineSync(message, { now });
    expect(u.problems).toEqual([expect.objectContaining({ slot, code })]);
    expect(u.problems[0]?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(u.problems[0]?.messageEn).toMatch(/[a-z]/);
    expect(u.slots[slot as 'orderDate' | 'receivedDate']).toBeUndefined();
  });

  it('checks a new received date against the order date known from an earlier turn', () => {
    const u = understandOfflineSync('11月1号收到的', { now, known: { orderDate: '2026-11-05' } });
    expect(u.problems).toEqual([expect.objectContaining({ slot: 'receivedDate', code: 'before_order' })]);
    expect(u.problems[0]?.message).toContain('2026-11-05');
  });

  it('checks a new order date against the known received date', () => {
    const u = understandOfflineSync('11月10号买的', { now, known: { receivedDate: '2026-11-05' } });
    expect(u.problems).toEqual([expect.objectContaining({ slot: 'orderDate', code: 'after_received' })]);
  });

  it('says it could not read a date answer that has numbers in it', () => {
    const u = understandOfflineSync('大概月中吧', { now, awaiting: 'receivedDate' });
    expect(u.problems).toEqual([expect.objectContaining({ slot: 'receivedDate', code: 'unparseable' })]);
  });

  it('does not complain when the user says they do not remember', () => {
    expect(understandOfflineSync('不记得了', { now, awaiting: 'receivedDate' }).problems).toEqual([]);
  });
});
