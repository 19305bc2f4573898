import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Sealing of the WeChat credentials and access tokens at rest: AES-256-GCM with a key ring from
 * config (WECHAT_SECRETS_KEY: one or more base64 32-byte keys, the first seals, every one opens, so a
 * key is rotated by putting the new one first). The only module that knows the format
 * `v1.<key id>.<iv>.<tag>.<ciphertext>`; it can be switched to the shared data-encryption key ring.
 */
export type SecretBox = {
  seal(plaintext: string, context: string): string;
  /** Throws when no key of the ring opens it, or it was sealed for another context. */
  open(sealed: string, context: string): string;
};

export function parseSecretKeys(value: string): Buffer[] {
  return value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, 'base64'));
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** `context` (e.g. `wechat_apps:site_x:mp`) is bound as additional data: a sealed value moved to another row does not open. */
export function makeSecretBox(keys: readonly Buffer[]): SecretBox {
  if (keys.length === 0 || keys.some((k) => k.length !== 32)) throw new Error('WECHAT_SECRETS_KEY: every key must be 32 bytes, base64-encoded');
  const ring = new Map(keys.map((k) => [keyId(k), k]));
  const [first] = keys as [Buffer];
  const firstId = keyId(first);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', first, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', firstId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, id, iv, tag, body] = sealed.split('.');
      const key = id ? ring.get(id) : undefined;
      if (version !== 'v1' || !key || iv === undefined || tag === undefined || body === undefined)
        throw new Error('sealed with an unknown key or format (is WECHAT_SECRETS_KEY the key it was sealed with?)');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
