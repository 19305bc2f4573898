import type { AppKind } from './sql/apps.js';
import type { TxSql } from './sql/sql.js';
import { expireToken, refreshTokenLocked, selectToken } from './sql/tokens.js';
import type { SecretBox } from './secretBox.js';

/** A token is refreshed this long before WeChat says it expires (tokens last 7200 s). */
export const REFRESH_MARGIN_SECONDS = 300;

export type AccessTokens = ReturnType<typeof makeAccessTokens>;

/**
 * Access tokens per site and app kind: kept in memory while fresh, shared across instances through
 * PostgreSQL (sealed), refreshed before expiry by one caller at a time (one promise per process, the
 * token row's lock across processes), so N concurrent turns cost one call to WeChat.
 */
export function makeAccessTokens(deps: {
  db: TxSql;
  box: SecretBox;
  /** Asks WeChat for a new token for this site's app. */
  fetchToken: (siteId: string, kind: AppKind) => Promise<{ token: string; expiresIn: number }>;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { token: string; sealed: string; expiresAt: number }>();
  const inflight = new Map<string, Promise<string>>();
  const context = (siteId: string, kind: AppKind) => `wechat_access_tokens:${siteId}:${kind}`;
  const fresh = (expiresAt: number) => expiresAt - REFRESH_MARGIN_SECONDS * 1000 > now();

  const load = async (siteId: string, kind: AppKind): Promise<string> => {
    const key = `${siteId}:${kind}`;
    const row = await selectToken(deps.db, siteId, kind);
    if (row?.sealed && fresh(row.expiresAt.getTime())) {
      const token = deps.box.open(row.sealed, context(siteId, kind));
      cache.set(key, { token, sealed: row.sealed, expiresAt: row.expiresAt.getTime() });
      return token;
    }
    let fetched: string | undefined;
    const result = await refreshTokenLocked(deps.db, siteId, kind, REFRESH_MARGIN_SECONDS, async () => {
      const got = await deps.fetchToken(siteId, kind);
      fetched = got.token;
      return { sealed: deps.box.seal(got.token, context(siteId, kind)), expiresInSeconds: got.expiresIn };
    });
    const token = fetched ?? deps.box.open(result.sealed, context(siteId, kind));
    cache.set(key, { token, sealed: result.sealed, expiresAt: result.expiresAt.getTime() });
    return token;
  };

  return {
    async get(siteId: string, kind: AppKind): Promise<string> {
      const key = `${siteId}:${kind}`;
      const cached = cache.get(key);
      if (cached && fresh(cached.expiresAt)) return cached.token;
      const running = inflight.get(key);
      if (running) return running;
      const promise = load(siteId, kind).finally(() => inflight.delete(key));
      inflight.set(key, promise);
      return promise;
    },
    /** WeChat refused `token` as invalid or expired: forget it here and in the database (unless already replaced). */
    async invalidate(siteId: string, kind: AppKind, token: string): Promise<void> {
      const key = `${siteId}:${kind}`;
      const cached = cache.get(key);
      if (cached?.token === token) {
        cache.delete(key);
        await expireToken(deps.db, siteId, kind, cached.sealed);
      } else if (!cached) {
        const row = await selectToken(deps.db, siteId, kind);
        if (row?.sealed && deps.box.open(row.sealed, context(siteId, kind)) === token) await expireToken(deps.db, siteId, kind, row.sealed);
      }
    },
    /** For a site whose app changed: the next call reads the database again. */
    forget(siteId: string, kind: AppKind): void {
      cache.delete(`${siteId}:${kind}`);
    },
  };
}
