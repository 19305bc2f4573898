/**
 * A token bucket per key (client address and site): `perMinute` requests a minute, bursts up to
 * `burst`. Per instance and in memory: with N instances a client gets at most N times the rate,
 * which is fine for what it guards (minting tokens), and needs no shared store.
 */
export type RateLimiter = { take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } };

export function makeRateLimiter(options: { perMinute: number; burst: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const perMs = options.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        // Forget the oldest keys rather than grow without bound under a flood of addresses.
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value as string);
        b = { tokens: options.burst, at: t };
        buckets.set(key, b);
      }
      b.tokens = Math.min(options.burst, b.tokens + (t - b.at) * perMs);
      b.at = t;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
    },
  };
}
