import { describe, expect, it } from 'vitest';
import { makeRecentConversations, type RecentConversation } from '../../src/engine/recentConversations.js';
import { makeRateLimiter, takeAll } from '../../src/server/rateLimit.js';

const conversation = (version: number) => ({ version, locale: 'zh', snapshot: { value: 'x', context: {} } }) as unknown as RecentConversation;

describe('the recent-conversations cache', () => {
  it('keeps at most max entries and drops the least recently used first', () => {
    const recent = makeRecentConversations(2);
    recent.set('a', conversation(1));
    recent.set('b', conversation(1));
    expect(recent.get('a')?.version).toBe(1); // a is now the most recent
    recent.set('c', conversation(1));
    expect([recent.get('a') !== undefined, recent.get('b') !== undefined, recent.get('c') !== undefined]).toEqual([true, false, true]);
  });

  it('replaces and forgets', () => {
    const recent = makeRecentConversations(10);
    recent.set('a', conversation(1));
    recent.set('a', conversation(2));
    expect(recent.get('a')?.version).toBe(2);
    recent.forget('a');
    expect(recent.get('a')).toBeUndefined();
  });
});

describe('the rate limiter’s buckets', () => {
  it('a key idle for the refill time is full again (its bucket expired), never fuller than the burst', () => {
    let now = 1_000_000;
    const limiter = makeRateLimiter({ perMinute: 60, burst: 2, now: () => now });
    expect([limiter.take('a').ok, limiter.take('a').ok, limiter.take('a').ok]).toEqual([true, true, false]);
    now += 2_000;
    expect([limiter.take('a').ok, limiter.take('a').ok, limiter.take('a').ok]).toEqual([true, true, false]);
    now += 3_600_000;
    expect([limiter.take('a').ok, limiter.take('a').ok, limiter.take('a').ok]).toEqual([true, true, false]);
  });

  it('under a flood of new keys holds at most maxKeys, dropping the least recently used', () => {
    const now = 1_000_000;
    const limiter = makeRateLimiter({ perMinute: 1, burst: 1, now: () => now, maxKeys: 2 });
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('b').ok).toBe(true);
    expect(limiter.peek('a').ok).toBe(false);
    limiter.take('a'); // refused, but a is now the most recently used
    expect(limiter.take('c').ok).toBe(true); // b goes
    expect(limiter.peek('b').ok).toBe(true);
    expect(limiter.peek('a').ok).toBe(false);
  });

  it('takeAll takes from every bucket or from none', () => {
    const now = 0;
    const site = makeRateLimiter({ perMinute: 60, burst: 5, now: () => now });
    const client = makeRateLimiter({ perMinute: 60, burst: 1, now: () => now });
    expect(
      takeAll([
        [site, 's'],
        [client, 'c'],
      ]).ok,
    ).toBe(true);
    expect(
      takeAll([
        [site, 's'],
        [client, 'c'],
      ]),
    ).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect([1, 2, 3, 4].map(() => site.take('s').ok)).toEqual([true, true, true, true]);
    expect(site.take('s').ok).toBe(false);
  });
});
