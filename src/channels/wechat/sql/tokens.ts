import type { AppKind } from './apps.js';
import type { Sql, TxSql } from './sql.js';

export type TokenRow = { sealed: string | null; expiresAt: Date };

export async function selectToken(db: Sql, siteId: string, kind: AppKind): Promise<TokenRow | undefined> {
  const result = await db.query<TokenRow>(
    `select sealed, greatest(expires_at, 'epoch') as "expiresAt" from wechat_access_tokens where site_id = $1 and kind = $2`,
    [siteId, kind],
    'weiquan_wx_token',
  );
  return result.rows[0];
}

/**
 * Refreshes a site's access token with its row locked (select … for update): instances that need a
 * token at the same moment queue on the lock, and each after the first finds the fresh token and
 * calls nothing. `fetch` runs only when the token (still) expires within `marginSeconds`.
 */
export async function refreshTokenLocked(
  db: TxSql,
  siteId: string,
  kind: AppKind,
  marginSeconds: number,
  fetch: () => Promise<{ sealed: string; expiresInSeconds: number }>,
): Promise<{ sealed: string; expiresAt: Date; refreshed: boolean }> {
  return db.withTransaction(async (tx) => {
    await tx.query(`insert into wechat_access_tokens (site_id, kind) values ($1, $2) on conflict do nothing`, [siteId, kind]);
    const locked = await tx.query<TokenRow & { fresh: boolean }>(
      `select sealed, greatest(expires_at, 'epoch') as "expiresAt", expires_at > now() + make_interval(secs => $3) as fresh
       from wechat_access_tokens where site_id = $1 and kind = $2 for update`,
      [siteId, kind, marginSeconds],
    );
    const row = locked.rows[0];
    if (row?.fresh && row.sealed) return { sealed: row.sealed, expiresAt: row.expiresAt, refreshed: false };
    const got = await fetch();
    const saved = await tx.query<{ expiresAt: Date }>(
      `update wechat_access_tokens set sealed = $3, expires_at = now() + make_interval(secs => $4), refreshed_at = now()
       where site_id = $1 and kind = $2 returning expires_at as "expiresAt"`,
      [siteId, kind, got.sealed, got.expiresInSeconds],
    );
    return { sealed: got.sealed, expiresAt: saved.rows[0]!.expiresAt, refreshed: true };
  });
}

/** WeChat said the token is invalid (40001/42001): it is refreshed at the next call, unless a newer one was stored meanwhile. */
export async function expireToken(db: Sql, siteId: string, kind: AppKind, sealed: string): Promise<void> {
  await db.query(`update wechat_access_tokens set expires_at = '-infinity' where site_id = $1 and kind = $2 and sealed = $3`, [siteId, kind, sealed]);
}
