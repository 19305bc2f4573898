import type { Sql } from './sql.js';

export type AppKind = 'mp' | 'kf';
export type AppRow = {
  siteId: string;
  kind: AppKind;
  appId: string;
  sealed: string;
  previousSealed: string | null;
  previousUntil: Date | null;
  updatedAt: Date;
};

const COLUMNS = `site_id as "siteId", kind, app_id as "appId", sealed, previous_sealed as "previousSealed", previous_until as "previousUntil", updated_at as "updatedAt"`;

export async function selectApp(db: Sql, siteId: string, kind: AppKind): Promise<AppRow | undefined> {
  const result = await db.query<AppRow>(`select ${COLUMNS} from wechat_apps where site_id = $1 and kind = $2`, [siteId, kind], 'weiquan_wx_app');
  return result.rows[0];
}

/**
 * Sets a site's app. The credentials it replaces stay accepted for callbacks until `previousUntil`
 * (WeChat's console and ours are never changed in the same instant).
 */
export async function upsertApp(
  db: Sql,
  row: { siteId: string; kind: AppKind; appId: string; sealed: string; previousSealed: string | null; graceSeconds: number },
): Promise<AppRow> {
  const result = await db.query<AppRow>(
    `insert into wechat_apps as a (site_id, kind, app_id, sealed) values ($1, $2, $3, $4)
     on conflict (site_id, kind) do update set
       app_id = excluded.app_id,
       sealed = excluded.sealed,
       previous_sealed = $6,
       previous_until = now() + make_interval(secs => $5),
       updated_at = now()
     returning ${COLUMNS}`,
    [row.siteId, row.kind, row.appId, row.sealed, row.graceSeconds, row.previousSealed],
  );
  // The access token belongs to the old secret: the next call fetches one for the new.
  await db.query(`update wechat_access_tokens set expires_at = '-infinity' where site_id = $1 and kind = $2`, [row.siteId, row.kind]);
  return result.rows[0]!;
}
