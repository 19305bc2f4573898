import { createHash, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

/**
 * The WeChat / WeCom callback crypto (WXBizMsgCrypt): SHA-1 signatures over the sorted strings, and
 * the AES-256-CBC envelope keyed by the EncodingAESKey (random(16) · length(4, big-endian) · message ·
 * receiver id, PKCS#7 to 32 bytes), through `@wecom/crypto`. Verified against the official sample
 * vectors in test/unit/wechatCrypto.test.ts.
 */

/** An EncodingAESKey: 43 letters and digits (WeChat's alphabet), the base64 of 32 bytes without its padding. */
export function isEncodingAesKey(key: string): boolean {
  return /^[A-Za-z0-9]{43}$/.test(key) && Buffer.from(`${key}=`, 'base64').length === 32;
}

/** `signature` of a plaintext callback (and of the URL check): sha1 over sort(token, timestamp, nonce). */
export function plainSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/** `msg_signature` of a safe-mode callback or reply: sha1 over sort(token, timestamp, nonce, encrypted). */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return getSignature(token, timestamp, nonce, encrypted);
}

/** Constant-time comparison of two hex signatures (a wrong length is simply unequal). */
export function sameSignature(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected.toLowerCase());
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Opens an envelope: the message, or undefined when it does not decrypt, is malformed, or was sealed
 * for another receiver (the AppID / CorpID at its end must be ours).
 */
export function openEnvelope(aesKey: string, receiverId: string, encrypted: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted) || encrypted.length % 4 !== 0) return undefined;
  try {
    const opened = decrypt(aesKey, encrypted);
    if (opened.id !== receiverId) return undefined;
    return opened.message;
  } catch {
    return undefined;
  }
}

/** Seals a message for WeChat (a passive reply in safe mode, or the simulator's requests). */
export function sealEnvelope(aesKey: string, receiverId: string, message: string): string {
  return encrypt(aesKey, message, receiverId);
}
