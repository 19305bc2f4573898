import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of the personal data a case or conversation keeps after consent (个人信息保护法
 * 第五十一条: encryption as a security measure): AES-256-GCM from node:crypto, one key ring.
 *
 * A sealed value is a string `wq:enc:1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`, so it fits any text or
 * json column and says which key sealed it: new writes use the newest key, older rows still open with
 * theirs, and `admin data reencrypt` rewrites them with the newest. Equality search (a case found by
 * number and phone) goes through a keyed hash (HMAC-SHA-256), never a plain or unkeyed one: without the
 * key, a table dump cannot be matched against a list of phone numbers.
 *
 * Each master key (32 random bytes) yields two keys by HKDF: one to encrypt, one to index.
 */

export const SEALED_PREFIX = 'wq:enc:1:';

export type DataKey = { id: string; encryptionKey: Buffer; indexKey: Buffer };

export type DataCipher = {
  /** The id of the key new writes use. */
  readonly currentKeyId: string;
  /** The text sealed with the newest key. */
  seal(plain: string): string;
  /** The plain text of a sealed value; a value that is not sealed comes back as it is (rows written before encryption). */
  open(value: string): string;
  /** Whether a value is sealed, and by which key. */
  keyIdOf(value: string): string | undefined;
  /** The keyed hash of a value for equality search, with the newest key. */
  index(value: string): string;
  /** The keyed hashes of a value under every key in the ring, newest first (for lookups across a rotation). */
  indexes(value: string): string[];
  /** Any JSON value with every sealed string in it opened. */
  openDeep<T>(value: T): T;
};

/** A key id: the first 8 hex digits of the key's SHA-256, so the same key always has the same id. */
export function keyIdOf(master: Buffer): string {
  return createHash('sha256').update(master).digest('hex').slice(0, 8);
}

function deriveKey(master: Buffer): DataKey {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { id: keyIdOf(master), encryptionKey: derive('weiquan data encryption'), indexKey: derive('weiquan blind index') };
}

/** Parses a key ring: base64 (or hex) 32-byte keys separated by commas, the newest first. Throws with the reason. */
export function parseKeyRing(text: string): Buffer[] {
  const keys = text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0)
    .map((k, i) => {
      const bytes = /^[0-9a-f]{64}$/i.test(k) ? Buffer.from(k, 'hex') : Buffer.from(k, 'base64');
      if (bytes.length !== 32) throw new Error(`key ${i + 1} of the ring is not 32 bytes of base64 or 64 hex digits (openssl rand -base64 32)`);
      return bytes;
    });
  if (keys.length === 0) throw new Error('the key ring is empty');
  const ids = keys.map(keyIdOf);
  if (new Set(ids).size !== ids.length) throw new Error('the key ring lists the same key twice');
  return keys;
}

export function generateMasterKey(): Buffer {
  return randomBytes(32);
}

export function makeDataCipher(masters: readonly Buffer[]): DataCipher {
  if (masters.length === 0) throw new Error('a data cipher needs at least one key');
  const keys = masters.map(deriveKey);
  const byId = new Map(keys.map((k) => [k.id, k]));
  const newest = keys[0]!;

  const keyIdOfValue = (value: string): string | undefined => {
    if (!value.startsWith(SEALED_PREFIX)) return undefined;
    const end = value.indexOf(':', SEALED_PREFIX.length);
    return end < 0 ? undefined : value.slice(SEALED_PREFIX.length, end);
  };

  const open = (value: string): string => {
    const id = keyIdOfValue(value);
    if (id === undefined) return value;
    const key = byId.get(id);
    if (!key) throw new Error(`a value is sealed with key ${id}, which is not in DATA_ENCRYPTION_KEY (keep retired keys in the ring until re-encrypted)`);
    const raw = Buffer.from(value.slice(SEALED_PREFIX.length + id.length + 1), 'base64url');
    if (raw.length < 28) throw new Error('a sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };

  const index = (key: DataKey, value: string) => createHmac('sha256', key.indexKey).update(value.normalize('NFC')).digest('hex');

  const openDeep = (value: unknown): unknown => {
    if (typeof value === 'string') return value.startsWith(SEALED_PREFIX) ? open(value) : value;
    if (Array.isArray(value)) return value.map(openDeep);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = openDeep(v);
      return out;
    }
    return value;
  };

  return {
    currentKeyId: newest.id,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', newest.encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${SEALED_PREFIX}${newest.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open,
    keyIdOf: keyIdOfValue,
    index: (value) => index(newest, value),
    indexes: (value) => keys.map((k) => index(k, value)),
    openDeep: <T>(value: T) => openDeep(value) as T,
  };
}
