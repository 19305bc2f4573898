import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys for operators' integrations: `wqk_<id>_<secret>`. Only a SHA-256 of the whole key is
 * stored (the secret has 192 random bits, so a fast hash is enough; a slow one would only slow every
 * request). The id part lets the admin CLI and logs name a key without revealing it.
 */
export type ApiKeyScope = 'read' | 'read_write';

export function generateApiKey(): { id: string; key: string; hash: string } {
  const id = `key_${randomBytes(6).toString('hex')}`;
  const key = `wqk_${id.slice(4)}_${randomBytes(24).toString('base64url')}`;
  return { id, key, hash: hashApiKey(key) };
}

export const hashApiKey = (key: string): string => createHash('sha256').update(`weiquan:api-key:${key}`).digest('hex');

/** A cheap shape check before touching the database: anything else is rejected as malformed. */
export const looksLikeApiKey = (key: string): boolean => /^wqk_[0-9a-f]{12}_[A-Za-z0-9_-]{32}$/.test(key);
