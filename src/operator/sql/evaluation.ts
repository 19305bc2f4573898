import type { Queryable } from '../../storage/index.js';

/**
 * The evaluation figures (seed plan 5.3(4), 6.3.3, 7.3.2), aggregated in PostgreSQL over the cases,
 * events and conversations of the given sites in a period [from, to] of China days (both inclusive).
 * Nothing here returns one shopper's identifiers: merchants, products and platforms are counted, and
 * question texts are only those kept with consent (the caller redacts identifiers before showing them).
 */
export type EvaluationFilter = { sites: readonly string[]; from: string; to: string };

export type Count = { key: string; count: number };
export type DayCount = { day: string; key: string; count: number };
export type Durations = { count: number; medianSeconds: number | null; p90Seconds: number | null };

export type EvaluationRows = {
  casesByDay: DayCount[];
  byCategory: Count[];
  byPlatform: Count[];
  byMerchant: Count[];
  byProduct: Count[];
  /** The furthest escalation step each case reached (open < negotiating < platform < external), and resolved ones apart. */
  stepReached: Count[];
  /** Outcomes recorded at each step (`negotiate: refused`). */
  stepOutcomes: { step: string; outcome: string; count: number }[];
  resolution: Durations;
  conversations: number;
  handoffs: number;
  queueWait: Durations & { timedOut: number; waiting: number };
  letters: Count[];
  questions: { answered: number; notCovered: number; lowConfidence: number };
  /** Questions by their kept text (consent given) or, without consent, by their hash; `text` null then. */
  questionGroups: { kind: 'notCovered' | 'lowConfidence'; text: string | null; hash: string | null; count: number }[];
};

const TZ = 'Asia/Shanghai';
// The period's bounds as instants: from the start of `from` to the end of `to` in China.
const PERIOD = `($2::date::timestamp at time zone '${TZ}') and (($3::date + 1)::timestamp at time zone '${TZ}')`;
const SITE_CASES = `cases k join conversations c on c.id = k.conversation_id where c.site_id = any($1::text[]) and k.created_at >= ${PERIOD.replace(' and ', ' and k.created_at < ')}`;

/** Every figure of the page in one round trip per group (a few small statements, each an index range). */
export async function selectEvaluation(db: Queryable, f: EvaluationFilter): Promise<EvaluationRows> {
  const args = [[...f.sites], f.from, f.to];
  const count = (expr: string, limit = 15) =>
    db
      .query<{ key: string; count: number }>(
        `select coalesce(nullif(trim(${expr}), ''), '') as key, count(*)::int as count from ${SITE_CASES} group by 1 order by 2 desc, 1 limit ${limit}`,
        args,
      )
      .then((r) => r.rows);
  const [casesByDay, byCategory, byPlatform, byMerchant, byProduct, steps, outcomes, resolution, conv, wait, letters, questions, groups] = await Promise.all([
    db
      .query<DayCount>(
        `select to_char(k.created_at at time zone '${TZ}', 'YYYY-MM-DD') as day, k.category as key, count(*)::int as count
           from ${SITE_CASES} group by 1, 2 order by 1, 2`,
        args,
      )
      .then((r) => r.rows),
    count('k.category', 40),
    count(`k.record #>> '{parties,platform}'`),
    count(`k.record #>> '{parties,shopName}'`),
    count(`k.record #>> '{order,product}'`),
    db
      .query<Count>(
        `with reached as (
           select k.case_no, k.status,
                  greatest(${rank('k.status')}, coalesce((select max(${rank("e.payload ->> 'status'")}) from case_events e where e.case_no = k.case_no), 0)) as r
             from ${SITE_CASES}
         )
         select case r when 4 then 'external' when 3 then 'platform' when 2 then 'negotiating' else 'open' end as key, count(*)::int as count
           from reached group by 1 order by min(r)`,
        args,
      )
      .then((r) => r.rows),
    db
      .query<{ step: string; outcome: string; count: number }>(
        `select o ->> 'step' as step, o ->> 'outcome' as outcome, count(*)::int as count
           from ${SITE_CASES.replace('where', ", jsonb_array_elements(coalesce(k.record -> 'outcomes', '[]'::jsonb)) o where")}
          group by 1, 2 order by 1, 3 desc`,
        args,
      )
      .then((r) => r.rows),
    db
      .query<Durations>(
        `with done as (
           select extract(epoch from (min(e.at) - k.created_at)) as s
             from ${SITE_CASES.replace('where', "join case_events e on e.case_no = k.case_no and e.payload ->> 'status' in ('resolved', 'closed') where")}
            group by k.case_no, k.created_at
         )
         select count(*)::int as count, percentile_cont(0.5) within group (order by s)::float8 as "medianSeconds",
                percentile_cont(0.9) within group (order by s)::float8 as "p90Seconds" from done`,
        args,
      )
      .then((r) => r.rows[0] ?? { count: 0, medianSeconds: null, p90Seconds: null }),
    db
      .query<{ conversations: number; handoffs: number }>(
        `select count(*)::int as conversations,
                count(*) filter (where exists (select 1 from conversation_events e where e.conversation_id = c.id and e.type = 'owner_changed' and e.payload ->> 'to' = 'waiting'))::int as handoffs
           from conversations c where c.site_id = any($1::text[]) and c.created_at >= ${PERIOD.replace(' and ', ' and c.created_at < ')}`,
        args,
      )
      .then((r) => r.rows[0] ?? { conversations: 0, handoffs: 0 }),
    db
      .query<Durations & { timedOut: number; waiting: number }>(
        `with asked as (
           select e.conversation_id, e.seq, e.at,
                  (select min(n.at) from conversation_events n where n.conversation_id = e.conversation_id and n.seq > e.seq
                      and n.type = 'owner_changed' and n.payload ->> 'to' = 'agent'
                      and not exists (select 1 from conversation_events m where m.conversation_id = e.conversation_id and m.seq > e.seq and m.seq < n.seq
                                        and m.type = 'owner_changed' and m.payload ->> 'from' = 'waiting')) as taken,
                  (select n.payload ->> 'to' from conversation_events n where n.conversation_id = e.conversation_id and n.seq > e.seq
                      and n.type = 'owner_changed' order by n.seq limit 1) as next_owner
             from conversation_events e join conversations c on c.id = e.conversation_id
            where c.site_id = any($1::text[]) and e.type = 'owner_changed' and e.payload ->> 'to' = 'waiting'
              and e.at >= ${PERIOD.replace(' and ', ' and e.at < ')}
         )
         select count(taken)::int as count,
                percentile_cont(0.5) within group (order by extract(epoch from taken - at)) filter (where taken is not null)::float8 as "medianSeconds",
                percentile_cont(0.9) within group (order by extract(epoch from taken - at)) filter (where taken is not null)::float8 as "p90Seconds",
                count(*) filter (where taken is null and next_owner is not null)::int as "timedOut",
                count(*) filter (where next_owner is null)::int as waiting
           from asked`,
        args,
      )
      .then((r) => r.rows[0] ?? { count: 0, medianSeconds: null, p90Seconds: null, timedOut: 0, waiting: 0 }),
    db
      .query<Count>(
        `select t.payload ->> 'to' as key, count(*)::int as count
           from turn_events t join conversations c on c.id = t.conversation_id
          where c.site_id = any($1::text[]) and t.type = 'state_entered' and t.payload ->> 'to' in ('negotiate', 'platform', 'external')
            and t.at >= ${PERIOD.replace(' and ', ' and t.at < ')}
          group by 1 order by 2 desc`,
        args,
      )
      .then((r) => r.rows),
    db
      .query<{ answered: number; notCovered: number; lowConfidence: number }>(
        `select count(*)::int as answered,
                count(*) filter (where ${NOT_COVERED})::int as "notCovered",
                count(*) filter (where ${LOW_CONFIDENCE})::int as "lowConfidence"
           from turn_events t join conversations c on c.id = t.conversation_id
          where c.site_id = any($1::text[]) and t.type = 'question_answered' and t.at >= ${PERIOD.replace(' and ', ' and t.at < ')}`,
        args,
      )
      .then((r) => r.rows[0] ?? { answered: 0, notCovered: 0, lowConfidence: 0 }),
    db
      .query<{ kind: 'notCovered' | 'lowConfidence'; text: string | null; hash: string | null; count: number }>(
        `select case when ${NOT_COVERED} then 'notCovered' else 'lowConfidence' end as kind,
                lower(trim(u.payload ->> 'text')) as text, case when u.payload ->> 'text' is null then u.payload ->> 'sha256' end as hash,
                count(*)::int as count
           from turn_events t join conversations c on c.id = t.conversation_id
           join turn_events u on u.conversation_id = t.conversation_id and u.turn_id = t.turn_id and u.type = 'user_message'
          where c.site_id = any($1::text[]) and t.type = 'question_answered' and (${NOT_COVERED} or ${LOW_CONFIDENCE})
            and t.at >= ${PERIOD.replace(' and ', ' and t.at < ')}
          group by 1, 2, 3 order by 4 desc, 2 nulls last limit 40`,
        args,
      )
      .then((r) => r.rows),
  ]);
  return {
    casesByDay,
    byCategory,
    byPlatform,
    byMerchant,
    byProduct,
    stepReached: steps,
    stepOutcomes: outcomes,
    resolution,
    conversations: conv.conversations,
    handoffs: conv.handoffs,
    queueWait: wait,
    letters,
    questions,
    questionGroups: groups,
  };
}

// An answer the plan and the law do not cover; an answer that cites no article ("low confidence": nothing held backs it).
const NOT_COVERED = `(t.payload ->> 'notCovered')::boolean`;
const LOW_CONFIDENCE = `(not (t.payload ->> 'notCovered')::boolean and json_array_length(coalesce(t.payload -> 'cited', '[]'::json)) = 0)`;

/** The escalation order of a case status: 1 open … 4 external; resolved/closed/awaiting_agent say nothing of the step. */
function rank(expr: string): string {
  return `(case ${expr} when 'negotiating' then 2 when 'platform' then 3 when 'external' then 4 else 1 end)`;
}
