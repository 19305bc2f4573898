import { describe, expect, it } from 'vitest';
import { makeTokenSigner } from '../../src/channels/directline/tokens.js';
import { sniffContentType } from '../../src/channels/directline/sniffContentType.js';
import { makeRateLimiter } from '../../src/server/rateLimit.js';

const claims = { conversationId: 'dl_abc', siteId: 'site_0123456789ab', locale: 'zh' as const };

describe('conversation tokens', () => {
  it('verify what they signed until they expire', () => {
    let now = 1_800_000_000_000;
    const signer = makeTokenSigner(Buffer.alloc(32, 1), () => now);
    const token = signer.sign(claims, 3600);
    expect(signer.verify(token)).toEqual({ ok: true, claims: { ...claims, exp: 1_800_003_600 } });
    now += 3600_000;
    expect(signer.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('reject another key, edited claims and garbage', () => {
    const signer = makeTokenSigner(Buffer.alloc(32, 1));
    const token = signer.sign(claims, 60);
    expect(makeTokenSigner(Buffer.alloc(32, 2)).verify(token)).toEqual({ ok: false, reason: 'bad_signature' });
    const [prefix, body, sig] = token.split('.');
    const edited = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('dl_abc', 'dl_xyz')).toString('base64url');
    expect(signer.verify(`${prefix}.${edited}.${sig}`)).toEqual({ ok: false, reason: 'bad_signature' });
    for (const bad of ['', 'dl1.', 'dl1.a', 'dl1.a.b.c', 'wqs_secret', `dl1.${'a'.repeat(2000)}.b`]) expect(signer.verify(bad).ok).toBe(false);
  });
});

describe('resume tickets', () => {
  it('verify what they signed until they expire, and are never taken for tokens or the other way round', () => {
    let now = 1_800_000_000_000;
    const signer = makeTokenSigner(Buffer.alloc(32, 1), () => now);
    const ticket = signer.signResume(claims, 30 * 24 * 3600);
    expect(ticket.startsWith('dlr1.')).toBe(true);
    expect(signer.verifyResume(ticket)).toEqual({ ok: true, claims: { ...claims, exp: 1_800_000_000 + 30 * 24 * 3600 } });
    expect(signer.verify(ticket).ok).toBe(false);
    const token = signer.sign(claims, 3600);
    expect(signer.verifyResume(token).ok).toBe(false);
    // The same body under the other prefix does not carry a valid signature either.
    expect(signer.verifyResume(`dlr1.${token.slice('dl1.'.length)}`)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(signer.verify(`dl1.${ticket.slice('dlr1.'.length)}`)).toEqual({ ok: false, reason: 'bad_signature' });
    now += 30 * 24 * 3600_000;
    expect(signer.verifyResume(ticket)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('evidence types by magic bytes', () => {
  it('recognises the accepted types and nothing else', () => {
    const b = (hex: string, tail = '') => Buffer.concat([Buffer.from(hex, 'hex'), Buffer.from(tail, 'latin1')]);
    expect(sniffContentType(b('ffd8ffe0'))).toBe('image/jpeg');
    expect(sniffContentType(b('89504e470d0a1a0a'))).toBe('image/png');
    expect(sniffContentType(Buffer.from('GIF89a'))).toBe('image/gif');
    expect(sniffContentType(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffContentType(Buffer.from('%PDF-1.4'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from('\x00\x00\x00\x18ftypmp42', 'latin1'))).toBe('video/mp4');
    expect(sniffContentType(Buffer.from('\x00\x00\x00\x14ftypqt  ', 'latin1'))).toBe('video/quicktime');
    expect(sniffContentType(b('1a45dfa3'))).toBe('video/webm');
    for (const other of ['MZ\x90\x00', 'PK\x03\x04', '<html>', '', '\xff\xd8']) expect(sniffContentType(Buffer.from(other, 'latin1'))).toBeUndefined();
  });
});

describe('rate limiter', () => {
  it('allows the burst, then one per interval, per key', () => {
    let now = 0;
    const limiter = makeRateLimiter({ perMinute: 6, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(limiter.take('b').ok).toBe(true);
    now += 10_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });
});
