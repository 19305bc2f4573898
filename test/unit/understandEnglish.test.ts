import { describe, expect, it } from 'vitest';
import { type Intent, type Slots, understandOfflineSync } from '../../src/understanding/index.js';

const now = new Date('2026-11-28T10:00:00+08:00');

describe('English messages', () => {
  it.each<[string, Partial<Slots>]>([
    ['I bought a phone on JD for 2999 yuan', { platform: '京东', product: 'phone', amountFen: 299900 }],
    ['Ordered a jacket from Taobao on Nov 20, paid 459 RMB', { platform: '淘宝', product: 'jacket', orderDate: '2026-11-20', amountFen: 45900 }],
    ['It was delivered yesterday', { receivedDate: '2026-11-27' }],
    ['received it 2 days ago and I have not opened it', { receivedDate: '2026-11-26' }],
    ['I received the parcel last Friday', { receivedDate: '2026-11-27' }],
    ['the box was still sealed, never opened', { openedPackage: false }],
    ['I opened it and it is broken', { openedPackage: true }],
    ['my hand got burned and I went to hospital', { injured: true }],
    ['I want a refund and an apology', { wants: ['refund', 'apology'] }],
    ['my order number is 2345678901234', { orderNumber: '2345678901234' }],
    ['bought on Pinduoduo, cost ¥89', { platform: '拼多多', amountFen: 8900 }],
    ['I paid 1.2k for it on Douyin during a live stream', { platform: '抖音', amountFen: 120000, sellerType: 'live_stream' }],
    ['the seller ignores my messages', { sellerResponse: '不回复' }],
    ['My package says delivered but I never got it', { problem: 'My package says delivered; I never got it' }],
  ])('%s', (message, slots) => {
    expect(understandOfflineSync(message, { now }).slots).toMatchObject(slots);
  });

  it.each<[string, Intent]>([
    ['hi there', 'greeting'],
    ['I agree', 'consent_yes'],
    ['I do not agree', 'consent_no'],
    ['yes', 'yes'],
    ['no', 'no'],
    ['start over', 'restart'],
    ['go back', 'back'],
    ['never mind', 'cancel'],
    ['can I talk to a human agent', 'handoff'],
    ['Can the seller refuse a return for opened goods?', 'question'],
    ['actually it was Nov 3 when I received it', 'correction'],
    ['the seller refused', 'outcome_refused'],
    ['the seller agreed and I got my refund', 'outcome_agreed'],
    ['they have not replied for a week', 'outcome_no_reply'],
    ['thanks!', 'chitchat'],
  ])('%s → %s', (message, intent) => {
    const known: Partial<Slots> = { receivedDate: '2026-11-05' };
    expect(understandOfflineSync(message, { now, known }).intents).toContain(intent);
  });

  it('answers a date question in English', () => {
    expect(understandOfflineSync('Nov 3', { now, awaiting: 'receivedDate' }).slots).toEqual({ receivedDate: '2026-11-03' });
  });

  it('reports a future English date', () => {
    expect(understandOfflineSync('it arrived tomorrow', { now }).problems.map((p) => p.code)).toEqual(['future_date']);
  });
});
