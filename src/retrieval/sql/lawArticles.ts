import type { Queryable } from '../../storage/index.js';
import type { LawArticle } from '../types.js';

// Rows go in as one jsonb array per batch: a single round trip for thousands of articles, with
// Postgres doing the unpacking (jsonb_to_recordset) instead of thousands of placeholders.
const BATCH = 2000;

export async function replaceArticles(db: Queryable, sourcePath: string, articles: LawArticle[]): Promise<void> {
  await db.query('delete from law_articles where source_path = $1', [sourcePath]);
  for (let i = 0; i < articles.length; i += BATCH) {
    const rows = articles.slice(i, i + BATCH).map((a) => ({
      id: a.id,
      source_path: a.sourcePath,
      law_title: a.lawTitle,
      law_short: a.lawShort,
      part: a.part ?? null,
      version_date: a.versionDate,
      is_current: a.current,
      category: a.category,
      chapter_path: a.chapterPath,
      label: a.label,
      number: a.number,
      text: a.text,
    }));
    await db.query(
      `insert into law_articles (id, source_path, law_title, law_short, part, version_date, is_current, category, chapter_path, label, number, text)
       select id, source_path, law_title, law_short, part, version_date, is_current, category, chapter_path, label, number, text
         from jsonb_to_recordset($1::jsonb) as r(id text, source_path text, law_title text, law_short text, part text, version_date date,
              is_current boolean, category text, chapter_path jsonb, label text, number numeric, text text)`,
      [JSON.stringify(rows)],
    );
  }
}

/**
 * After any change, exactly the latest non-retired version of each law (and Civil Code book) is
 * current. Only rows whose flag actually changes are written, so a no-op ingest writes nothing.
 */
export async function refreshCurrentVersions(db: Queryable): Promise<number> {
  const result = await db.query(
    `with live as (
       select a.id, a.law_short, coalesce(a.part, '') as part, a.version_date
         from law_articles a join knowledge_sources s on s.source_path = a.source_path
        where s.retired_at is null
     ), latest as (
       select law_short, part, max(version_date) as version_date from live group by law_short, part
     )
     update law_articles a
        set is_current = (live.version_date is not distinct from latest.version_date)
       from live join latest using (law_short, part)
      where a.id = live.id
        and a.is_current is distinct from (live.version_date is not distinct from latest.version_date)`,
  );
  const retired = await db.query(
    `update law_articles a set is_current = false
       from knowledge_sources s
      where s.source_path = a.source_path and s.retired_at is not null and a.is_current`,
  );
  return result.rowCount + retired.rowCount;
}

type ArticleRow = Omit<LawArticle, 'kind' | 'number' | 'part'> & { number: string; part: string | null };

/** Articles of non-retired sources, optionally only those of the given laws. */
export async function findLiveArticles(db: Queryable, lawShorts?: readonly string[]): Promise<LawArticle[]> {
  const result = await db.query<ArticleRow>(
    `select a.id, a.law_title as "lawTitle", a.law_short as "lawShort", a.part, to_char(a.version_date, 'YYYY-MM-DD') as "versionDate",
            a.is_current as current, a.category, a.chapter_path as "chapterPath", a.label, a.number::text as number, a.text,
            a.source_path as "sourcePath"
       from law_articles a join knowledge_sources s on s.source_path = a.source_path
      where s.retired_at is null and ($1::text[] is null or a.law_short = any($1::text[]))
      order by a.source_path, a.number`,
    [lawShorts ? [...lawShorts] : null],
  );
  return result.rows.map((r) => ({ ...r, kind: 'law' as const, part: r.part ?? undefined, number: Number(r.number) }));
}
