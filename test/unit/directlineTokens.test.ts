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

describe('evidence types by content (file-type)', () => {
  const b = (hex: string, tail = '') => Buffer.concat([Buffer.from(hex.replace(/\s/g, ''), 'hex'), Buffer.from(tail, 'latin1')]);
  /** An ISO-BMFF file's first box: size, "ftyp", the major brand, a minor version and compatible brands. */
  const ftyp = (major: string, compatible: string) => {
    const body = Buffer.from(`ftyp${major}\x00\x00\x00\x00${compatible}`, 'latin1');
    const size = Buffer.alloc(4);
    size.writeUInt32BE(body.length + 4);
    return Buffer.concat([size, body, Buffer.alloc(64)]);
  };
  /** An EBML header whose DocType is `docType` (webm or matroska). */
  const ebml = (docType: string) => {
    const fields = Buffer.concat([
      b('4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08'),
      b(`4282 ${(0x80 + docType.length).toString(16)}`, docType),
      b('4287 81 04 4285 81 02'),
    ]);
    return Buffer.concat([b(`1a45dfa3 ${(0x80 + fields.length).toString(16)}`), fields, Buffer.alloc(32)]);
  };

  it.each([
    ['JPEG', b('ffd8ffe0 0010', 'JFIF\x00'), 'image/jpeg'],
    ['PNG', b('89504e470d0a1a0a 0000000d', 'IHDR'), 'image/png'],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif'],
    ['WebP', Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'), 'image/webp'],
    ['PDF', Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1'), 'application/pdf'],
    ['MP4', ftyp('isom', 'isomiso2avc1mp41'), 'video/mp4'],
    ['MP4 (mp42)', ftyp('mp42', 'mp42isom'), 'video/mp4'],
    ['MOV', ftyp('qt  ', 'qt  '), 'video/quicktime'],
    ['HEIC photo (an ftyp box, not a video)', ftyp('heic', 'mif1heic'), 'image/heic'],
    ['AVIF photo', ftyp('avif', 'mif1avifmiaf'), 'image/avif'],
    ['WebM', ebml('webm'), 'video/webm'],
  ])('%s is %s', async (_name, head, type) => {
    expect(await sniffContentType(head)).toBe(type);
  });

  it.each([
    ['an executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1')],
    ['a zip', b('504b0304 1400 0000 0800')],
    ['HTML', Buffer.from('<html><script>alert(1)</script>')],
    ['nothing', Buffer.alloc(0)],
    ['a cut-off JPEG', b('ffd8')],
    ['a Matroska video (not WebM)', ebml('matroska')],
    ['an M4A song', ftyp('M4A ', 'M4A mp42isom')],
  ])('%s is refused', async (_name, head) => {
    expect(await sniffContentType(head)).toBeUndefined();
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
