import type { Queryable } from '../../storage/index.js';

/** Records that the question was asked for a resolved case; false when it already was (asked once per case). */
export async function markSatisfactionAsked(db: Queryable, caseNo: string, conversationId: string): Promise<boolean> {
  const result = await db.query(
    `insert into satisfaction_ratings (case_no, conversation_id)
     select $1, $2 where exists (select 1 from cases where case_no = $1 and conversation_id = $2)
     on conflict (case_no) do nothing returning case_no`,
    [caseNo, conversationId],
  );
  return result.rowCount > 0;
}

/**
 * Stores the answer to an open question of this conversation, while the conversation is still at its
 * resolved step (a digit typed later for another question is not a rating). Returns the case, or undefined.
 */
export async function answerSatisfaction(
  db: Queryable,
  conversationId: string,
  score: number,
  comment: string | null,
): Promise<{ caseNo: string; locale: 'zh' | 'en' } | undefined> {
  const result = await db.query<{ caseNo: string; locale: 'zh' | 'en' }>(
    `update satisfaction_ratings s set score = $2, comment = $3, answered_at = now()
       from conversations c
      where s.conversation_id = $1 and c.id = s.conversation_id and s.answered_at is null
        and c.snapshot::jsonb ->> 'value' = 'resolved' and c.owner = 'bot'
        and s.asked_at > now() - interval '7 days'
      returning s.case_no as "caseNo", c.locale`,
    [conversationId, score, comment],
  );
  return result.rows[0];
}

export type SatisfactionRows = {
  count: number;
  average: number | null;
  byScore: { key: string; count: number }[];
  comments: { score: number; text: string; at: string }[];
};

/** Ratings answered in the period [from, to] (China days) on the given sites. */
export async function selectSatisfaction(db: Queryable, f: { sites: readonly string[]; from: string; to: string }): Promise<SatisfactionRows> {
  const where = `from satisfaction_ratings s join conversations c on c.id = s.conversation_id
    where c.site_id = any($1::text[]) and s.answered_at >= ($2::date::timestamp at time zone 'Asia/Shanghai')
      and s.answered_at < (($3::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const args = [[...f.sites], f.from, f.to];
  const [summary, byScore, comments] = await Promise.all([
    db.query<{ count: number; average: number | null }>(`select count(*)::int as count, avg(s.score)::float8 as average ${where}`, args),
    db.query<{ key: string; count: number }>(`select s.score::text as key, count(*)::int as count ${where} group by 1 order by 1`, args),
    db.query<{ score: number; text: string; at: string }>(
      `select s.score, s.comment as text, to_char(s.answered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as at ${where} and s.comment is not null
        order by s.answered_at desc limit 20`,
      args,
    ),
  ]);
  return { count: summary.rows[0]?.count ?? 0, average: summary.rows[0]?.average ?? null, byScore: byScore.rows, comments: comments.rows };
}
