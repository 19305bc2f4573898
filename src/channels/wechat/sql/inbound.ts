import type { Sql } from './sql.js';
import type { AppKind } from './apps.js';

export type InboundClaim =
  | { kind: 'new' }
  /** Another delivery of the same message is working on it (since `claimedAt`). */
  | { kind: 'running'; claimedAt: Date }
  /** Handled, the replies given as `answered`. */
  | { kind: 'done'; answered: Answered };

export type Answered = 'passive' | 'custom' | 'none';

/**
 * Claims a callback message for this delivery: the first delivery inserts the row, a retry finds it.
 * A claim older than `staleSeconds` still 'running' (its process died) is taken over.
 */
export async function claimInbound(
  db: Sql,
  key: { siteId: string; kind: AppKind; msgKey: string; conversationId: string },
  staleSeconds: number,
): Promise<InboundClaim> {
  const inserted = await db.query(
    `insert into wechat_inbound (site_id, kind, msg_key, conversation_id) values ($1, $2, $3, $4) on conflict do nothing`,
    [key.siteId, key.kind, key.msgKey, key.conversationId],
    'weiquan_wx_claim',
  );
  if (inserted.rowCount === 1) return { kind: 'new' };
  const taken = await db.query(
    `update wechat_inbound set claimed_at = now()
     where site_id = $1 and kind = $2 and msg_key = $3 and status = 'running' and claimed_at < now() - make_interval(secs => $4)`,
    [key.siteId, key.kind, key.msgKey, staleSeconds],
  );
  if (taken.rowCount === 1) return { kind: 'new' };
  const row = await db.query<{ status: 'running' | 'done'; answered: Answered; claimedAt: Date }>(
    `select status, answered, claimed_at as "claimedAt" from wechat_inbound where site_id = $1 and kind = $2 and msg_key = $3`,
    [key.siteId, key.kind, key.msgKey],
  );
  const found = row.rows[0];
  if (!found) return { kind: 'new' };
  return found.status === 'done' ? { kind: 'done', answered: found.answered } : { kind: 'running', claimedAt: found.claimedAt };
}

export async function completeInbound(db: Sql, key: { siteId: string; kind: AppKind; msgKey: string }, answered: Answered): Promise<void> {
  await db.query(
    `update wechat_inbound set status = 'done', answered = $4, done_at = now() where site_id = $1 and kind = $2 and msg_key = $3`,
    [key.siteId, key.kind, key.msgKey, answered],
    'weiquan_wx_complete',
  );
}

/** Gives a claim up (the turn failed): WeChat's next retry runs it again. */
export async function releaseInbound(db: Sql, key: { siteId: string; kind: AppKind; msgKey: string }): Promise<void> {
  await db.query(`delete from wechat_inbound where site_id = $1 and kind = $2 and msg_key = $3 and status = 'running'`, [key.siteId, key.kind, key.msgKey]);
}

export async function selectInbound(db: Sql, key: { siteId: string; kind: AppKind; msgKey: string }): Promise<InboundClaim | undefined> {
  const row = await db.query<{ status: 'running' | 'done'; answered: Answered; claimedAt: Date }>(
    `select status, answered, claimed_at as "claimedAt" from wechat_inbound where site_id = $1 and kind = $2 and msg_key = $3`,
    [key.siteId, key.kind, key.msgKey],
  );
  const found = row.rows[0];
  if (!found) return undefined;
  return found.status === 'done' ? { kind: 'done', answered: found.answered } : { kind: 'running', claimedAt: found.claimedAt };
}
