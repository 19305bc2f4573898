import type { Queryable } from '../../storage/index.js';

/** A law we hold: its short title (the key every citation uses) and full title. */
export type HeldLawName = { lawShort: string; lawTitle: string };

/** The current version of an article we hold. */
export type HeldArticleRow = {
  lawShort: string;
  label: string;
  number: number;
  part: string | null;
  versionDate: string | null;
  current: boolean;
  text: string;
};

/** Every law of a non-retired source, once. */
export async function findHeldLawNames(db: Queryable): Promise<HeldLawName[]> {
  const result = await db.query<HeldLawName>(
    `select distinct a.law_short as "lawShort", a.law_title as "lawTitle"
       from law_articles a join knowledge_sources s on s.source_path = a.source_path
      where s.retired_at is null`,
  );
  return result.rows;
}

/** Every stored version of the articles of the given laws (non-retired sources), current first. */
export async function findHeldArticles(db: Queryable, lawShorts: readonly string[]): Promise<HeldArticleRow[]> {
  if (lawShorts.length === 0) return [];
  const result = await db.query<HeldArticleRow>(
    `select a.law_short as "lawShort", a.label, a.number::float8 as number, a.part, to_char(a.version_date, 'YYYY-MM-DD') as "versionDate", a.is_current as current, a.text
       from law_articles a join knowledge_sources s on s.source_path = a.source_path
      where s.retired_at is null and a.law_short = any($1::text[])
      order by a.is_current desc, a.version_date desc nulls last`,
    [[...lawShorts]],
  );
  return result.rows;
}
