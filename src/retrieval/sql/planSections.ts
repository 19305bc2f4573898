import type { Queryable } from '../../storage/index.js';
import type { PlanSection } from '../types.js';

export async function replacePlanSections(db: Queryable, sourcePath: string, sections: PlanSection[]): Promise<void> {
  await db.query('delete from plan_sections where source_path = $1', [sourcePath]);
  if (sections.length === 0) return;
  await db.query(
    `insert into plan_sections (id, source_path, plan_id, plan_title, heading, path, text, ord)
     select id, source_path, plan_id, plan_title, heading, path, text, ord
       from jsonb_to_recordset($1::jsonb) as r(id text, source_path text, plan_id text, plan_title text, heading text, path jsonb, text text, ord integer)`,
    [
      JSON.stringify(
        sections.map((s) => ({
          id: s.id,
          source_path: sourcePath,
          plan_id: s.planId,
          plan_title: s.planTitle,
          heading: s.heading,
          path: s.path,
          text: s.text,
          ord: s.order,
        })),
      ),
    ],
  );
}

export async function findLivePlanSections(db: Queryable): Promise<PlanSection[]> {
  const result = await db.query<Omit<PlanSection, 'kind'>>(
    `select p.id, p.plan_id as "planId", p.plan_title as "planTitle", p.heading, p.path, p.text, p.ord as "order", p.source_path as "sourcePath"
       from plan_sections p join knowledge_sources s on s.source_path = p.source_path
      where s.retired_at is null
      order by p.plan_id, p.ord`,
  );
  return result.rows.map((r) => ({ ...r, kind: 'plan' as const }));
}
