import type { Queryable } from '../../storage/index.js';

export type ConversationRow = {
  id: string;
  channel: string;
  locale: 'zh' | 'en';
  snapshot: unknown;
  version: number;
  owner: 'bot' | 'waiting' | 'agent' | 'closed';
  consent: string;
  /** The stored replies when this turn id was already processed (a client retry). */
  processedReplies: unknown[] | null;
};

/** The dialog state of the conversation a case belongs to, when number and phone both match. */
export async function findCaseConversation(db: Queryable, caseNo: string, phoneHash: string): Promise<{ conversationId: string; snapshot: unknown } | undefined> {
  const result = await db.query<{ conversationId: string; snapshot: unknown }>(
    `select c.id as "conversationId", c.snapshot from cases k join conversations c on c.id = k.conversation_id
      where k.case_no = $1 and k.phone_hash = $2`,
    [caseNo, phoneHash],
  );
  return result.rows[0];
}

export async function readConversation(db: Queryable, id: string, turnId: string): Promise<ConversationRow | undefined> {
  const result = await db.query<ConversationRow>(
    `select c.id, c.channel, c.locale, c.snapshot, c.version, c.owner, c.consent,
            (select p.replies from processed_turns p where p.conversation_id = c.id and p.turn_id = $2) as "processedReplies"
       from conversations c where c.id = $1`,
    [id, turnId],
    'weiquan_read_conversation',
  );
  return result.rows[0];
}

export type TurnEvent = { type: string; payload: unknown };

export type CaseWrite = {
  caseNo: string;
  status: string;
  category: string;
  record: unknown;
  phoneHash: string | null;
  actor: string;
};

export type TurnWrite = {
  id: string;
  channel: string;
  locale: 'zh' | 'en';
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
  /** The version the turn was computed from; -1 for a conversation that did not exist yet. */
  expectedVersion: number;
  consent: string;
  owner: string | undefined;
  turnId: string;
  events: TurnEvent[];
  replies: unknown[];
  /** The conversation's case as it now stands, when the turn filed or changed it. */
  filedCase: CaseWrite | undefined;
  /** A case found by number and phone that this conversation takes over (a returning consumer). */
  adoptCaseNo?: string;
};

export type TurnWriteResult = { saved: false } | { saved: true; caseCreated: boolean };

/**
 * Writes a whole turn in one statement (one implicit transaction, one round trip): the snapshot,
 * guarded by the version the turn was computed from; the case, upserted on the conversation; the
 * append-only turn and case events; and the replies kept for client retries. If another turn got
 * there first, or a freshly drawn case number is taken, nothing is written and `saved` is false:
 * the caller recomputes the turn from the new state.
 */
export async function writeTurn(db: Queryable, w: TurnWrite): Promise<TurnWriteResult> {
  const c = w.filedCase;
  const result = await db.query<{ saved: number; caseCreated: boolean | null }>(
    `with case_ok as (
       select $13::text is null
           or not exists (select 1 from cases where case_no = $13 and conversation_id <> $1) as ok
     ), conv as (
       insert into conversations as t (id, channel, locale, machine_id, machine_version, snapshot, consent, owner)
       select $1, $2, $3, $4, $5, $6, $7, coalesce($8, 'bot') where (select ok from case_ok) and $9::int = -1
       on conflict (id) do nothing
       returning id
     ), updated as (
       update conversations
          set snapshot = $6, machine_version = $5, version = version + 1, consent = $7, owner = coalesce($8, owner), updated_at = now()
        where id = $1 and version = $9 and (select ok from case_ok)
        returning id
     ), saved as (
       select id from conv union all select id from updated
     ), previous_case as (
       select status from cases where conversation_id = $1
     ), filed as (
       insert into cases as k (case_no, conversation_id, status, category, record, phone_hash)
       select $13, $1, $14, $15, $16, $17 where $13::text is not null and exists (select 1 from saved)
       on conflict (conversation_id) do update
         set status = excluded.status, category = excluded.category, record = excluded.record,
             phone_hash = coalesce(excluded.phone_hash, k.phone_hash), updated_at = now()
       returning k.case_no, (xmax = 0) as created
     ), case_event as (
       insert into case_events (case_no, seq, type, actor, payload)
       select f.case_no, coalesce((select max(seq) from case_events e where e.case_no = f.case_no), 0) + 1,
              case when f.created then 'filed' when (select status from previous_case) is distinct from $14 then 'status_changed' else 'updated' end,
              $18, jsonb_build_object('status', $14::text, 'from', (select status from previous_case))
         from filed f
     ), events as (
       insert into turn_events (conversation_id, seq, turn_id, type, payload)
       select $1, coalesce((select max(seq) from turn_events where conversation_id = $1), 0) + e.ord, $10, e.type, e.payload
         from rows from (jsonb_to_recordset($11::jsonb) as (type text, payload jsonb)) with ordinality as e(type, payload, ord)
        where exists (select 1 from saved)
     ), processed as (
       insert into processed_turns (conversation_id, turn_id, replies)
       select $1, $10, $12 where exists (select 1 from saved)
     ), adopted as (
       update cases set conversation_id = $1, updated_at = now()
        where case_no = $19 and exists (select 1 from saved)
        returning case_no
     ), adoption_event as (
       insert into case_events (case_no, seq, type, actor, payload)
       select a.case_no, coalesce((select max(seq) from case_events e where e.case_no = a.case_no), 0) + 1, 'resumed', 'consumer', jsonb_build_object('conversationId', $1::text)
         from adopted a
     )
     select (select count(*)::int from saved) as saved, (select created from filed) as "caseCreated"`,
    [
      w.id, w.channel, w.locale, w.machineId, w.machineVersion, JSON.stringify(w.snapshot), w.consent, w.owner ?? null, w.expectedVersion,
      w.turnId, JSON.stringify(w.events), JSON.stringify(w.replies),
      c?.caseNo ?? null, c?.status ?? null, c?.category ?? null, c ? JSON.stringify(c.record) : null, c?.phoneHash ?? null, c?.actor ?? 'bot',
      w.adoptCaseNo ?? null,
    ],
    'weiquan_write_turn',
  );
  const row = result.rows[0];
  return row?.saved === 1 ? { saved: true, caseCreated: row.caseCreated === true } : { saved: false };
}
