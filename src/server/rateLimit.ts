import { LRUCache } from 'lru-cache';

/**
 * A token bucket per key (client address and site): `perMinute` requests a minute, bursts up to
 * `burst`. Per instance and in memory: with N instances a client gets at most N times the rate,
 * which is fine for what it guards (minting tokens), and needs no shared store.
 */
export type RateCheck = { ok: true } | { ok: false; retryAfterSeconds: number };
export type RateLimiter = {
  take(key: string): RateCheck;
  /** Whether `take` would pass now, without using anything up. */
  peek(key: string): RateCheck;
};

export function makeRateLimiter(options: { perMinute: number; burst: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const perMs = options.perMinute / 60_000;
  // A bucket left alone for `refillMs` is full again, the same as no bucket: it expires then, so idle keys
  // cost no memory; under a flood of new keys the least recently used go first.
  const refillMs = Math.ceil(options.burst / perMs);
  const buckets = new LRUCache<string, { tokens: number; at: number }>({ max: maxKeys, ttl: refillMs, ttlResolution: 0, perf: { now } });
  const check = (key: string, consume: boolean): RateCheck => {
    const t = now();
    const found = buckets.get(key);
    const tokens = Math.min(options.burst, found ? found.tokens + (t - found.at) * perMs : options.burst);
    const ok = tokens >= 1;
    if (consume) {
      buckets.set(key, { tokens: ok ? tokens - 1 : tokens, at: t });
    }
    return ok ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  };
  return { take: (key) => check(key, true), peek: (key) => check(key, false) };
}

/**
 * Several limits at once (a conversation's, its client address's, its site's): the request passes
 * only when every bucket has room, and then takes from each; a refused request takes from none.
 */
export function takeAll(checks: [RateLimiter, string][]): RateCheck {
  let wait = 0;
  for (const [limiter, key] of checks) {
    const r = limiter.peek(key);
    if (!r.ok) wait = Math.max(wait, r.retryAfterSeconds);
  }
  if (wait > 0) return { ok: false, retryAfterSeconds: wait };
  for (const [limiter, key] of checks) limiter.take(key);
  return { ok: true };
}
