import type { Queryable } from '../../storage/index.js';

export type SourceRow = { sourcePath: string; contentHash: string; retired: boolean };

export async function findSources(db: Queryable, kind: 'law' | 'plan'): Promise<Map<string, SourceRow>> {
  const result = await db.query<SourceRow>(
    `select source_path as "sourcePath", content_hash as "contentHash", retired_at is not null as retired
       from knowledge_sources where kind = $1`,
    [kind],
  );
  return new Map(result.rows.map((r) => [r.sourcePath, r]));
}

/** Inserts or refreshes a source; a re-added file comes back from retirement. */
export async function upsertSource(db: Queryable, source: { sourcePath: string; kind: 'law' | 'plan'; contentHash: string }): Promise<void> {
  await db.query(
    `insert into knowledge_sources (source_path, kind, content_hash) values ($1, $2, $3)
     on conflict (source_path) do update set content_hash = excluded.content_hash, ingested_at = now(), retired_at = null`,
    [source.sourcePath, source.kind, source.contentHash],
  );
}

export async function retireSources(db: Queryable, sourcePaths: string[]): Promise<number> {
  if (sourcePaths.length === 0) return 0;
  const result = await db.query('update knowledge_sources set retired_at = now() where source_path = any($1::text[]) and retired_at is null', [sourcePaths]);
  return result.rowCount;
}
