import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a conversation token grants: one conversation of one site, until `exp` (seconds since 1970). */
export type TokenClaims = { conversationId: string; siteId: string; locale: 'zh' | 'en'; exp: number };

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export type TokenSigner = {
  sign(claims: Omit<TokenClaims, 'exp'>, ttlSeconds: number): string;
  verify(token: string): TokenCheck;
  /**
   * A resume ticket: kept by the widget with its conversation, and exchanged at the site's token endpoint
   * (origin checked) for a new token of the same conversation once the hour-long token has expired.
   * It is never accepted as a token, nor a token as a ticket.
   */
  signResume(claims: Omit<TokenClaims, 'exp'>, ttlSeconds: number): string;
  verifyResume(ticket: string): TokenCheck;
};

// `dl1.` + base64url(JSON claims) + `.` + base64url(HMAC-SHA256): compact, and never mistaken for a site secret.
const PREFIX = 'dl1.';
// Resume tickets sign the prefix with the body, so no token signature can pass for a ticket's.
const RESUME_PREFIX = 'dlr1.';

const Claims = z.object({ c: z.string().min(1).max(100), s: z.string().min(1).max(60), l: z.enum(['zh', 'en']), e: z.number().int() });

export function looksLikeToken(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function makeTokenSigner(key: Buffer, now: () => number = Date.now): TokenSigner {
  const mac = (body: string) => createHmac('sha256', key).update(body).digest();
  const sign = (prefix: string, signed: (body: string) => string) => (claims: Omit<TokenClaims, 'exp'>, ttlSeconds: number) => {
    // `n`: a nonce, so two tickets issued in the same second differ (a resume ticket is used once).
    const body = Buffer.from(
      JSON.stringify({
        c: claims.conversationId,
        s: claims.siteId,
        l: claims.locale,
        e: Math.floor(now() / 1000) + ttlSeconds,
        n: randomBytes(6).toString('base64url'),
      }),
    ).toString('base64url');
    return `${prefix}${body}.${mac(signed(body)).toString('base64url')}`;
  };
  const verify =
    (prefix: string, signed: (body: string) => string) =>
    (token: string): TokenCheck => {
      if (!token.startsWith(prefix) || token.length > 1000) return { ok: false, reason: 'malformed' };
      const [body, signature, extra] = token.slice(prefix.length).split('.');
      if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
      const expected = mac(signed(body));
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
    };
  const asToken = (body: string) => body;
  const asTicket = (body: string) => `${RESUME_PREFIX}${body}`;
  return {
    sign: sign(PREFIX, asToken),
    verify: verify(PREFIX, asToken),
    signResume: sign(RESUME_PREFIX, asTicket),
    verifyResume: verify(RESUME_PREFIX, asTicket),
  };
}
