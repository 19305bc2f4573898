import type { Queryable } from '../../storage/index.js';
import { generateApiKey, hashApiKey, looksLikeApiKey, type ApiKeyScope } from '../apiKey.js';

export type ApiKeyInfo = {
  id: string;
  siteId: string;
  name: string;
  scope: ApiKeyScope;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

/** Creates a key and returns it in full: the only time it is ever shown. */
export async function createApiKey(db: Queryable, input: { siteId: string; name: string; scope: ApiKeyScope }): Promise<{ id: string; key: string }> {
  const { id, key, hash } = generateApiKey();
  await db.query('insert into api_keys (id, site_id, name, key_hash, scope) values ($1, $2, $3, $4, $5)', [id, input.siteId, input.name, hash, input.scope]);
  return { id, key };
}

export async function revokeApiKey(db: Queryable, id: string): Promise<boolean> {
  const result = await db.query('update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1', [id]);
  return (result.rowCount ?? 0) > 0;
}

export async function listApiKeys(db: Queryable, siteId?: string): Promise<ApiKeyInfo[]> {
  const result = await db.query<ApiKeyInfo>(
    `select id, site_id as "siteId", name, scope, created_at::text as "createdAt", revoked_at::text as "revokedAt", last_used_at::text as "lastUsedAt"
       from api_keys where ($1::text is null or site_id = $1) order by created_at`,
    [siteId ?? null],
  );
  return result.rows;
}

/** The site and scope of a presented key; undefined for a malformed, unknown or revoked key. */
export async function authenticateApiKey(db: Queryable, key: string): Promise<{ id: string; siteId: string; scope: ApiKeyScope } | undefined> {
  if (!looksLikeApiKey(key)) return undefined;
  const result = await db.query<{ id: string; siteId: string; scope: ApiKeyScope }>(
    `update api_keys set last_used_at = now()
      where key_hash = $1 and revoked_at is null
      returning id, site_id as "siteId", scope`,
    [hashApiKey(key)],
    'authenticate_api_key',
  );
  return result.rows[0];
}
