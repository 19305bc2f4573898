import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a conversation token grants: one conversation of one site, until `exp` (seconds since 1970). */
export type TokenClaims = { conversationId: string; siteId: string; locale: 'zh' | 'en'; exp: number };

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export type TokenSigner = {
  sign(claims: Omit<TokenClaims, 'exp'>, ttlSeconds: number): string;
  verify(token: string): TokenCheck;
};

// `dl1.` + base64url(JSON claims) + `.` + base64url(HMAC-SHA256): compact, and never mistaken for a site secret.
const PREFIX = 'dl1.';

const Claims = z.object({ c: z.string().min(1).max(100), s: z.string().min(1).max(60), l: z.enum(['zh', 'en']), e: z.number().int() });

export function looksLikeToken(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function makeTokenSigner(key: Buffer, now: () => number = Date.now): TokenSigner {
  const mac = (body: string) => createHmac('sha256', key).update(body).digest();
  return {
    sign(claims, ttlSeconds) {
      const body = Buffer.from(JSON.stringify({ c: claims.conversationId, s: claims.siteId, l: claims.locale, e: Math.floor(now() / 1000) + ttlSeconds })).toString('base64url');
      return `${PREFIX}${body}.${mac(body).toString('base64url')}`;
    },
    verify(token) {
      if (!token.startsWith(PREFIX) || token.length > 1000) return { ok: false, reason: 'malformed' };
      const [body, signature, extra] = token.slice(PREFIX.length).split('.');
      if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
      const expected = mac(body);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
      let parsed: z.infer<typeof Claims>;
      try {
        parsed = Claims.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (parsed.e * 1000 <= now()) return { ok: false, reason: 'expired' };
      return { ok: true, claims: { conversationId: parsed.c, siteId: parsed.s, locale: parsed.l, exp: parsed.e } };
    },
  };
}
