import type { Sql } from './sql.js';

export type StoredActivity = { seq: number; activity: Record<string, unknown>; at: Date };

/**
 * `replyToFirst`: the activity answers the first item of the same append (its `replyToId` is set to
 * that item's id). `redacted`: what is stored instead while the conversation has no consent.
 */
export type AppendItem = { clientId: string; activity: Record<string, unknown>; replyToFirst?: boolean; redacted?: Record<string, unknown> };

/** `redacted`: the redacted version was stored (no consent). */
export type AppendedRow = { clientId: string; seq: number; at: Date; fresh: boolean; redacted: boolean };

/**
 * Appends activities in order, each once per client id: an id already in the log is not written
 * again, and its existing position is returned instead (`fresh: false`). When anything was
 * written, the same statement sends `NOTIFY channel, payload`, so other instances hear of it
 * exactly when it commits. Returns every item that is now in the log; an item missing from the
 * answer lost a race for its seq to a concurrent append and must be retried (../activityLog.ts).
 *
 * An item with a `redacted` version is stored as that unless the conversation's consent is given,
 * decided in the statement itself (within the turn's transaction it sees the turn's own consent).
 *
 * A turn's append runs in the same transaction as the engine's write of the turn (one commit, one
 * disk flush for both), so a failure of either leaves neither.
 */
export async function insertActivities(
  db: Sql,
  conversationId: string,
  items: AppendItem[],
  notify: { channel: string; payload: string },
): Promise<AppendedRow[]> {
  const result = await db.query<AppendedRow>(
    `with input as (
       select x.client_id, x.activity, x.reply, x.redacted, x.ord
         from rows from (jsonb_to_recordset($2::jsonb) as (client_id text, activity jsonb, reply boolean, redacted jsonb)) with ordinality as x(client_id, activity, reply, redacted, ord)
     ), consent as (
       select coalesce((select consent = 'given' from conversations where id = $1), false) as given
     ), existing as (
       select c.client_id, c.seq, c.at from channel_activities c
        where c.conversation_id = $1 and c.client_id in (select client_id from input)
     ), fresh as (
       select i.*, row_number() over (order by i.ord) as n from input i
        where not exists (select 1 from existing e where e.client_id = i.client_id)
     ), base as (
       select coalesce((select max(seq) from channel_activities where conversation_id = $1), 0) as seq
     ), first_item as (
       -- Where the first item is (or will be): replies point at it.
       select coalesce((select e.seq from existing e join input i on i.client_id = e.client_id where i.ord = 1),
                       (select b.seq + f.n from base b, fresh f where f.ord = 1)) as seq
     ), chosen as (
       select f.*, (f.redacted is not null and not (select given from consent)) as hide from fresh f
     ), inserted as (
       insert into channel_activities (conversation_id, seq, client_id, activity)
       select $1, (select seq from base) + f.n, f.client_id,
              case when f.reply then (case when f.hide then f.redacted else f.activity end) || jsonb_build_object('replyToId', $1 || '|' || lpad((select seq from first_item)::text, 7, '0'))
                   else (case when f.hide then f.redacted else f.activity end) end
         from chosen f
       on conflict do nothing
       returning client_id, seq, at, (select c.hide from chosen c where c.client_id = channel_activities.client_id) as hide
     ), notified as (
       select pg_notify($3, $4) from (select 1 from inserted limit 1) x
     )
     select client_id as "clientId", seq, at, false as fresh, false as redacted, (select count(*) from notified) as notified from existing
     union all
     select client_id, seq, at, true, hide, (select count(*) from notified) from inserted
     order by seq`,
    [
      conversationId,
      JSON.stringify(items.map((i) => ({ client_id: i.clientId, activity: i.activity, reply: i.replyToFirst === true, redacted: i.redacted ?? null }))),
      notify.channel,
      notify.payload,
    ],
    'weiquan_dl_insert_activities',
  );
  return result.rows.map((r) => ({ clientId: r.clientId, seq: r.seq, at: r.at, fresh: r.fresh, redacted: r.redacted === true }));
}

export async function selectActivitiesAfter(db: Sql, conversationId: string, afterSeq: number, limit: number): Promise<StoredActivity[]> {
  const result = await db.query<StoredActivity>(
    `select seq, activity, at from channel_activities where conversation_id = $1 and seq > $2 order by seq limit $3`,
    [conversationId, afterSeq, limit],
    'weiquan_dl_select_activities',
  );
  return result.rows;
}
