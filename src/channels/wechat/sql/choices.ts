import type { Choice } from '../render.js';
import type { Sql } from './sql.js';

export async function selectChoices(db: Sql, conversationId: string): Promise<Choice[]> {
  const result = await db.query<{ choices: Choice[] }>(`select choices from wechat_choices where conversation_id = $1`, [conversationId], 'weiquan_wx_choices');
  return result.rows[0]?.choices ?? [];
}

/** The choices a turn offered (an empty list clears the last ones: "2" then means the text 2). */
export async function saveChoices(db: Sql, conversationId: string, choices: readonly Choice[]): Promise<void> {
  await db.query(
    `insert into wechat_choices (conversation_id, choices) values ($1, $2::jsonb)
     on conflict (conversation_id) do update set choices = excluded.choices, updated_at = now()`,
    [conversationId, JSON.stringify(choices)],
    'weiquan_wx_save_choices',
  );
}

/** The conversation's consent, as the engine keeps it (images are evidence: kept only after consent). */
export async function selectConsent(db: Sql, conversationId: string): Promise<string | undefined> {
  const result = await db.query<{ consent: string }>(`select consent from conversations where id = $1`, [conversationId], 'weiquan_wx_consent');
  return result.rows[0]?.consent;
}
