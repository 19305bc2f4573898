import type { Sql, TxSql } from './sql.js';

/**
 * Runs `fn` with the site's kf cursor row locked (one sync per site and account at a time, across
 * instances): `fn` gets the stored cursor and returns the one to store.
 */
export async function withKfCursor(
  db: TxSql,
  siteId: string,
  openKfId: string,
  fn: (cursor: string | undefined, save: (cursor: string) => Promise<void>) => Promise<string | undefined>,
): Promise<void> {
  await db.withTransaction(async (tx) => {
    await tx.query(`insert into wecom_kf_cursors (site_id, open_kfid) values ($1, $2) on conflict do nothing`, [siteId, openKfId]);
    const row = await tx.query<{ cursor: string | null }>(`select cursor from wecom_kf_cursors where site_id = $1 and open_kfid = $2 for update`, [
      siteId,
      openKfId,
    ]);
    // Through the locking transaction (another connection would wait on our own lock). The messages a
    // page held are de-duplicated by msgid besides, so a page read again after a crash runs no turn twice.
    const save = async (cursor: string) => {
      await tx.query(`update wecom_kf_cursors set cursor = $3, updated_at = now() where site_id = $1 and open_kfid = $2`, [siteId, openKfId, cursor]);
    };
    const next = await fn(row.rows[0]?.cursor ?? undefined, save);
    if (next !== undefined) await save(next);
  });
}

export async function sessionTaken(db: Sql, conversationId: string): Promise<boolean> {
  const result = await db.query(`select 1 from wecom_kf_sessions where conversation_id = $1 and taken_at is not null`, [conversationId], 'weiquan_wk_taken');
  return result.rowCount > 0;
}

/**
 * The shop's staff took the session (taken) or it went back to the bot or ended (not taken). A taken
 * conversation is also the agent hub's in our records (owner 'agent', no agent of ours), unless one of
 * our agents holds it; giving it back returns it to the bot.
 */
export async function markSessionTaken(db: TxSql, siteId: string, conversationId: string, taken: boolean): Promise<void> {
  await db.withTransaction(async (tx) => {
    await tx.query(
      `insert into wecom_kf_sessions (conversation_id, site_id, taken_at) values ($1, $2, case when $3 then now() end)
       on conflict (conversation_id) do update set taken_at = case when $3 then coalesce(wecom_kf_sessions.taken_at, now()) end, updated_at = now()`,
      [conversationId, siteId, taken],
    );
    await tx.query(`select set_config('weiquan.actor', 'hub:wecom', true)`);
    if (taken)
      await tx.query(
        `update conversations set owner = 'agent', agent_id = null, version = version + 1, updated_at = now() where id = $1 and owner in ('bot', 'waiting')`,
        [conversationId],
      );
    else
      await tx.query(
        `update conversations set owner = 'bot', version = version + 1, updated_at = now() where id = $1 and owner = 'agent' and agent_id is null`,
        [conversationId],
      );
  });
}
