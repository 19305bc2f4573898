import { describe, expect, it } from 'vitest';
import { understandOfflineSync } from '../../src/understanding/index.js';

const now = new Date('2026-11-28T10:00:00+08:00');

describe('understandOfflineSync: the examples the dialog relies on', () => {
  it('reads the whole story of a phone with a bright spot that the seller will not take back', () => {
    const u = understandOfflineSync('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退', { now });
    expect(u.slots).toMatchObject({
      platform: '京东',
      amountFen: 299900,
      orderDate: '2026-10-30',
      receivedDate: '2026-11-03',
      product: '手机',
      openedPackage: true,
    });
    expect(u.slots.problem).toMatch(/亮点|屏幕/);
    expect(u.slots.sellerResponse).toContain('拆封不退');
    expect(u.category?.best).toBe('seven_day_return');
    expect(u.category?.alternatives[0]?.type).toBe('quality_defect');
    expect(u.category?.confidence).toBeGreaterThanOrEqual(0.6);
    expect(u.intents).toEqual(expect.arrayContaining(['provide_info', 'outcome_refused']));
    expect(u.problems).toEqual([]);
  });

  it('reads fake shoes from Pinduoduo for 599 yuan as counterfeit', () => {
    const u = understandOfflineSync('在拼多多买的鞋是假的，599块', { now });
    expect(u.category?.best).toBe('counterfeit');
    expect(u.category?.confidence).toBeGreaterThanOrEqual(0.6);
    expect(u.slots).toMatchObject({ platform: '拼多多', amountFen: 59900, product: '鞋' });
  });

  it('reads expired infant formula as food safety', () => {
    const u = understandOfflineSync('孩子喝的奶粉过期了，80元买的', { now });
    expect(u.category?.best).toBe('food_safety');
    expect(u.slots).toMatchObject({ isFood: true, amountFen: 8000, product: '奶粉' });
  });

  it('takes 不对，是11月3号收到的 as a correction of the received date', () => {
    const u = understandOfflineSync('不对，是11月3号收到的', { now, known: { receivedDate: '2026-11-04' } });
    expect(u.intents).toContain('correction');
    expect(u.slots.receivedDate).toBe('2026-11-03');
  });

  it('hands off on 转人工', () => {
    expect(understandOfflineSync('转人工', { now }).intents).toEqual(['handoff']);
  });

  it('flags 明天收到的 as a date in the future, with a Chinese re-ask', () => {
    const u = understandOfflineSync('明天收到的', { now });
    expect(u.slots.receivedDate).toBeUndefined();
    expect(u.problems).toEqual([expect.objectContaining({ slot: 'receivedDate', code: 'future_date', message: expect.stringContaining('签收日期') })]);
  });

  it('reads the same story told in English', () => {
    const u = understandOfflineSync(
      'I bought a phone on JD for 2999 yuan on Oct 30, received Nov 3, the screen has a dead pixel and the seller refuses a return',
      { now },
    );
    expect(u.slots).toMatchObject({ platform: '京东', amountFen: 299900, orderDate: '2026-10-30', receivedDate: '2026-11-03', product: 'phone' });
    expect(u.slots.problem).toContain('dead pixel');
    expect(u.slots.sellerResponse).toBe('拒绝');
    expect([u.category?.best, u.category?.alternatives[0]?.type].sort()).toEqual(['quality_defect', 'seven_day_return']);
  });

  it('keeps a vague complaint under 0.5 and still offers three choices', () => {
    const u = understandOfflineSync('我买的东西有问题', { now });
    expect(u.category?.confidence).toBeLessThan(0.5);
    expect(u.category?.alternatives.length).toBeGreaterThanOrEqual(2);
    const scores = [u.category!.confidence, ...u.category!.alternatives.map((a) => a.score)];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds no category, slots or intents in a message about nothing', () => {
    // Keyboard mash is no English either: it switches no language.
    expect(understandOfflineSync('asdfgh', { now })).toEqual({ intents: [], slots: {}, problems: [] });
  });
});
