import type { Queryable } from '../../storage/index.js';
import type { Site } from '../types.js';

type SiteRow = { id: string; name: string; allowed_origins: string[]; locale: 'zh' | 'en'; model_enabled: boolean; secret_rotated_at: Date; created_at: Date };

const COLUMNS = 'id, name, allowed_origins, locale, model_enabled, secret_rotated_at, created_at';

const toSite = (r: SiteRow): Site => ({
  id: r.id,
  name: r.name,
  allowedOrigins: r.allowed_origins,
  locale: r.locale,
  modelEnabled: r.model_enabled,
  secretRotatedAt: r.secret_rotated_at,
  createdAt: r.created_at,
});

export async function insertSite(
  db: Queryable,
  s: { id: string; name: string; allowedOrigins: string[]; locale: 'zh' | 'en'; secretHash: string; modelEnabled?: boolean },
): Promise<Site> {
  const result = await db.query<SiteRow>(
    `insert into sites (id, name, allowed_origins, locale, secret_hash, model_enabled) values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
    [s.id, s.name, s.allowedOrigins, s.locale, s.secretHash, s.modelEnabled ?? true],
  );
  return toSite(result.rows[0] as SiteRow);
}

/** Creates the site if it is missing, and keeps its origins as given (the demo site follows PORT). */
export async function upsertSiteOrigins(
  db: Queryable,
  s: { id: string; name: string; allowedOrigins: string[]; locale: 'zh' | 'en'; secretHash: string },
): Promise<Site> {
  const result = await db.query<SiteRow>(
    `insert into sites (id, name, allowed_origins, locale, secret_hash) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set allowed_origins = excluded.allowed_origins
     returning ${COLUMNS}`,
    [s.id, s.name, s.allowedOrigins, s.locale, s.secretHash],
  );
  return toSite(result.rows[0] as SiteRow);
}

export async function selectSites(db: Queryable): Promise<Site[]> {
  const result = await db.query<SiteRow>(`select ${COLUMNS} from sites order by created_at, id`);
  return result.rows.map(toSite);
}

export async function selectSite(db: Queryable, id: string): Promise<Site | undefined> {
  const result = await db.query<SiteRow>(`select ${COLUMNS} from sites where id = $1`, [id], 'weiquan_select_site');
  const row = result.rows[0];
  return row ? toSite(row) : undefined;
}

export async function selectSiteBySecretHash(db: Queryable, secretHash: string): Promise<Site | undefined> {
  const result = await db.query<SiteRow>(`select ${COLUMNS} from sites where secret_hash = $1`, [secretHash]);
  const row = result.rows[0];
  return row ? toSite(row) : undefined;
}

export async function updateSiteSecret(db: Queryable, id: string, secretHash: string): Promise<Site | undefined> {
  const result = await db.query<SiteRow>(`update sites set secret_hash = $2, secret_rotated_at = now() where id = $1 returning ${COLUMNS}`, [id, secretHash]);
  const row = result.rows[0];
  return row ? toSite(row) : undefined;
}

/** Every origin some site allows: what a CORS preflight (which carries no credentials) is checked against. */
export async function selectAllOrigins(db: Queryable): Promise<string[]> {
  const result = await db.query<{ origin: string }>(`select distinct unnest(allowed_origins) as origin from sites`);
  return result.rows.map((r) => r.origin);
}

export async function updateSiteModel(db: Queryable, id: string, enabled: boolean): Promise<Site | undefined> {
  const result = await db.query<SiteRow>(`update sites set model_enabled = $2 where id = $1 returning ${COLUMNS}`, [id, enabled]);
  const row = result.rows[0];
  return row ? toSite(row) : undefined;
}

/** Whether the site lets its conversations reach the model (undefined: no such site). */
export async function selectSiteModel(db: Queryable, id: string): Promise<boolean | undefined> {
  const result = await db.query<{ model_enabled: boolean }>(`select model_enabled from sites where id = $1`, [id], 'weiquan_select_site_model');
  return result.rows[0]?.model_enabled;
}
