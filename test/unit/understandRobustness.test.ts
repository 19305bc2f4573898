import { describe, expect, it } from 'vitest';
import { type SlotName, understandOfflineSync } from '../../src/understanding/index.js';

const now = new Date('2026-11-28T10:00:00+08:00');

/**
 * Inputs that once made a regular expression backtrack for minutes (11111…x took 100 s at 31
 * characters). Each must finish well inside a second, whatever the bot asked.
 */
const HOSTILE = [
  '1'.repeat(40) + 'x',
  '1'.repeat(3000) + 'x',
  '一'.repeat(3000) + 'x',
  '1,000万'.repeat(300) + 'x',
  '花了' + ' '.repeat(3000) + 'x',
  '买了' + ' '.repeat(3000) + 'x',
  '上' + ' '.repeat(3000) + '周',
  'order' + ' '.repeat(3000) + 'x',
  'bought ' + 'a '.repeat(1500),
  '2026-11-'.repeat(400),
  '1/1/'.repeat(700),
  '，'.repeat(3000),
  '?'.repeat(3000) + 'x',
];
const AWAITING: (SlotName | undefined)[] = [undefined, 'amountFen', 'receivedDate', 'product'];

describe('hostile and odd input', () => {
  it.each(HOSTILE.map((s) => [JSON.stringify(s.slice(0, 12)), s.length, s] as const))('%s… (%i chars) is read quickly', (_label, _length, message) => {
    for (const awaiting of AWAITING) {
      const started = performance.now();
      understandOfflineSync(message, { now, ...(awaiting ? { awaiting } : {}) });
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it.each(['', '   ', '😀😀', '\n\n', '。。。'])('%j gives an empty understanding', (message) => {
    expect(understandOfflineSync(message, { now })).toEqual({ intents: [], slots: {}, problems: [] });
  });

  it('reads full-width digits and letters like half-width ones', () => {
    expect(understandOfflineSync('在ＪＤ花了２９９９元', { now }).slots).toMatchObject({ platform: '京东', amountFen: 299900 });
  });

  it('keeps the user’s own characters in free text after an emoji', () => {
    expect(understandOfflineSync('😀买了一台戴森吹风机', { now }).slots.product).toBe('戴森吹风机');
  });

  it('is pure: the same message and clock give the same answer', () => {
    const message = '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点';
    expect(understandOfflineSync(message, { now })).toEqual(understandOfflineSync(message, { now }));
  });
});
