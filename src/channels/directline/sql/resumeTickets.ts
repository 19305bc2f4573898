import type { Sql } from './sql.js';

/**
 * Marks a resume ticket used. True the first time for a ticket, false ever after (a replayed or
 * concurrently exchanged ticket). Purges a few rows of tickets that have expired on the way.
 */
export async function useResumeTicket(db: Sql, ticketHash: Buffer, conversationId: string, expiresAtSeconds: number): Promise<boolean> {
  const result = await db.query(
    `with purge as (
       delete from channel_resume_tickets_used where ticket_hash in (select ticket_hash from channel_resume_tickets_used where expires_at < now() limit 100)
     )
     insert into channel_resume_tickets_used (ticket_hash, conversation_id, expires_at) values ($1, $2, to_timestamp($3))
     on conflict (ticket_hash) do nothing
     returning 1`,
    [ticketHash, conversationId, expiresAtSeconds],
    'weiquan_dl_use_resume_ticket',
  );
  return result.rowCount > 0;
}
