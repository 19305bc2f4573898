import type { Sql } from './sql.js';

/** The site a conversation belongs to, or undefined when it has not been started. */
export async function selectConversationSite(db: Sql, conversationId: string): Promise<{ siteId: string | null } | undefined> {
  const result = await db.query<{ siteId: string | null }>(
    `select site_id as "siteId" from conversations where id = $1`,
    [conversationId],
    'weiquan_dl_conversation_site',
  );
  return result.rows[0];
}

/** Whether the consumer agreed to keeping personal data ('given'), declined, or was not asked yet. */
export async function selectConversationConsent(db: Sql, conversationId: string): Promise<string | undefined> {
  const result = await db.query<{ consent: string }>(`select consent from conversations where id = $1`, [conversationId], 'weiquan_dl_conversation_consent');
  return result.rows[0]?.consent;
}
