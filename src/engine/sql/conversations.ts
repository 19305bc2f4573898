import type { Queryable } from '../../storage/index.js';

export type ConversationRow = {
  id: string;
  channel: string;
  locale: 'zh' | 'en';
  snapshot: unknown;
  version: number;
  owner: 'bot' | 'waiting' | 'agent' | 'closed';
  /** The agent who owns it, while `owner` is agent. */
  agentId: string | null;
  consent: string;
  /** The stored replies when this turn id was already processed (a client retry). */
  processedReplies: unknown[] | null;
};

/** The dialog state of the conversation a case belongs to, when number and phone both match. */
export async function findCaseConversation(
  db: Queryable,
  caseNo: string,
  phoneHashes: readonly string[],
): Promise<{ conversationId: string; snapshot: unknown } | undefined> {
  const result = await db.query<{ conversationId: string; snapshot: unknown }>(
    // A case the conversation has moved on from keeps the state it was left in; the current one is the conversation's.
    `select c.id as "conversationId", coalesce(k.snapshot, c.snapshot) as snapshot from cases k join conversations c on c.id = k.conversation_id
      where k.case_no = $1 and k.phone_hash = any($2::text[])`,
    [caseNo, phoneHashes],
  );
  return result.rows[0];
}

export async function readConversation(db: Queryable, id: string, turnId: string): Promise<ConversationRow | undefined> {
  const result = await db.query<ConversationRow>(
    `select c.id, c.channel, c.locale, c.snapshot, c.version, c.owner, c.agent_id as "agentId", c.consent,
            (select p.replies from processed_turns p where p.conversation_id = c.id and p.turn_id = $2) as "processedReplies"
       from conversations c where c.id = $1`,
    [id, turnId],
    'weiquan_read_conversation',
  );
  return result.rows[0];
}

export type TurnEvent = { type: string; payload: unknown };

/** One case as a turn leaves it: filed by this turn (`created`) or updated. */
export type CaseWrite = {
  caseNo: string;
  created: boolean;
  status: string;
  category: string;
  record: unknown;
  phoneHash: string | null;
  actor: string;
  /** The case event to record when it is not simply filed / status_changed / updated (closed, set_aside). */
  event?: { type: string; reason: string };
  /** The dialog state to keep on a case the conversation moves away from; omitted for its current case. */
  leftAt?: unknown;
};

export type TurnWrite = {
  id: string;
  channel: string;
  /** The site the conversation belongs to; written only when the conversation is created. */
  siteId: string | null;
  locale: 'zh' | 'en';
  machineId: string;
  machineVersion: number;
  /** The stored snapshot as JSON text (the engine keeps the same text for its next turn). */
  snapshot: string;
  /** The version the turn was computed from; -1 for a conversation that did not exist yet. */
  expectedVersion: number;
  consent: string;
  owner: string | undefined;
  turnId: string;
  events: TurnEvent[];
  /** The replies kept for client retries (sealed whole: a JSON string). */
  replies: unknown;
  /** The cases the turn filed or changed (a restart closes one; a new dispute files another). */
  cases: CaseWrite[];
  /** A case found by number and phone that this conversation takes over (a returning consumer). */
  adoptCaseNo?: string;
};

export type TurnWriteResult = { saved: false } | { saved: true; version: number };

/** unique_violation: a freshly drawn case number another conversation holds. */
const UNIQUE_VIOLATION = '23505';

/**
 * Writes a whole turn in one statement (one implicit transaction, one round trip): the snapshot,
 * guarded by the version the turn was computed from and by the turn id not being processed yet;
 * the cases, filed or updated; the append-only turn and case events; and the replies kept for
 * client retries. If another turn got there first, the turn id was already answered, or a freshly
 * drawn case number is taken, nothing is written and `saved` is false: the caller reads the
 * conversation again and recomputes (or returns the stored replies).
 */
export async function writeTurn(db: Queryable, w: TurnWrite): Promise<TurnWriteResult> {
  const cases = w.cases.map((c) => ({
    case_no: c.caseNo,
    created: c.created,
    status: c.status,
    category: c.category,
    record: c.record,
    phone_hash: c.phoneHash,
    actor: c.actor,
    event: c.event?.type ?? null,
    reason: c.event?.reason ?? null,
    left_at: c.leftAt ?? null,
    keep: c.leftAt !== undefined,
  }));
  try {
    const result = await db.query<{ version: number | null }>(
      WRITE_TURN,
      [
        w.id,
        w.channel,
        w.locale,
        w.machineId,
        w.machineVersion,
        w.snapshot,
        w.consent,
        w.owner ?? null,
        w.expectedVersion,
        w.turnId,
        JSON.stringify(w.events),
        JSON.stringify(w.replies),
        JSON.stringify(cases),
        w.adoptCaseNo ?? null,
        w.siteId,
      ],
      'weiquan_write_turn',
    );
    const version = result.rows[0]?.version;
    return typeof version === 'number' ? { saved: true, version } : { saved: false };
  } catch (error) {
    if (isUniqueViolation(error)) return { saved: false };
    throw error;
  }
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === UNIQUE_VIOLATION;
}

// The cases arrive as one json array ($13): a turn may close one case and file another. Read as jsonb, it
// is parsed once: read as json, each record (a jsonb column) was parsed a second time, about half the
// cost of the cases' part of the statement. `left_at` is a snapshot, read back through its zod schema,
// so the key order jsonb gives it does not matter.
const WRITE_TURN = `
  with fresh as (
    select not exists (select 1 from processed_turns where conversation_id = $1 and turn_id = $10) as ok
  ), conv as (
    insert into conversations as t (id, channel, locale, machine_id, machine_version, snapshot, consent, owner, site_id)
    select $1, $2, $3, $4, $5, $6, $7, coalesce($8, 'bot'), $15 where $9::int = -1
    on conflict (id) do nothing
    returning version
  ), updated as (
    update conversations
       set snapshot = $6, machine_version = $5, version = version + 1, consent = $7, owner = coalesce($8, owner), updated_at = now()
     where id = $1 and version = $9 and (select ok from fresh)
     returning version
  ), saved as (
    select version from conv union all select version from updated
  ), incoming as (
    select * from jsonb_to_recordset($13::jsonb) as x(case_no text, created boolean, status text, category text, record jsonb, phone_hash text, actor text, event text, reason text, left_at json, keep boolean)
     where exists (select 1 from saved)
  ), filed as (
    -- A case number drawn twice (one in about a million a day) fails on the primary key: the turn is recomputed.
    insert into cases (case_no, conversation_id, status, category, record, phone_hash)
    select case_no, $1, status, category, record, phone_hash from incoming where created
    returning case_no
  ), changed as (
    update cases k
       set status = x.status, category = x.category, record = x.record, phone_hash = coalesce(x.phone_hash, k.phone_hash),
           snapshot = case when x.keep then x.left_at else null end, updated_at = now()
      from incoming x
     where k.case_no = x.case_no and not x.created and k.conversation_id = $1
     returning k.case_no
  ), case_event as (
    insert into case_events (case_no, seq, type, actor, payload)
    select x.case_no, coalesce((select max(seq) from case_events e where e.case_no = x.case_no), 0) + 1,
           case when x.created then 'filed' when x.event is not null then x.event
                when p.status is distinct from x.status then 'status_changed' else 'updated' end,
           x.actor, jsonb_strip_nulls(jsonb_build_object('status', x.status, 'from', p.status, 'reason', x.reason))
      -- The status before this statement (every part of it reads the same snapshot), looked up by key:
      -- a join with the json rows, which the planner guesses at 100, scanned the whole cases table.
      from incoming x left join lateral (select k.status from cases k where k.case_no = x.case_no and not x.created) p on true
     where x.case_no in (select case_no from filed union all select case_no from changed)
  ), events as (
    insert into turn_events (conversation_id, seq, turn_id, type, payload)
    select $1, coalesce((select max(seq) from turn_events where conversation_id = $1), 0) + e.ord, $10, e.type, e.payload
      from rows from (json_to_recordset($11::json) as (type text, payload json)) with ordinality as e(type, payload, ord)
     where exists (select 1 from saved)
  ), processed as (
    insert into processed_turns (conversation_id, turn_id, replies)
    select $1, $10, $12 where exists (select 1 from saved)
  ), adopted as (
    update cases set conversation_id = $1, snapshot = null, updated_at = now()
     where case_no = $14 and exists (select 1 from saved)
     returning case_no
  ), adoption_event as (
    insert into case_events (case_no, seq, type, actor, payload)
    select a.case_no, coalesce((select max(seq) from case_events e where e.case_no = a.case_no), 0) + 1, 'resumed', 'consumer', jsonb_build_object('conversationId', $1::text)
      from adopted a
  )
  select (select version from saved limit 1) as version`;

/**
 * A consumer's message while an agent owns the conversation: kept in the turn history for the agent
 * (and processed once per turn id), with no dialog step and no reply. The snapshot is not touched.
 */
export async function recordForwardedTurn(db: Queryable, w: { id: string; turnId: string; event: TurnEvent }): Promise<void> {
  await db.query(
    `with fresh as (
       insert into processed_turns (conversation_id, turn_id, replies) values ($1, $2, '[]') on conflict do nothing returning 1
     )
     insert into turn_events (conversation_id, seq, turn_id, type, payload)
     select $1, coalesce((select max(seq) from turn_events where conversation_id = $1), 0) + 1, $2, $3, $4
      where exists (select 1 from fresh)`,
    [w.id, w.turnId, w.event.type, JSON.stringify(w.event.payload)],
    'weiquan_record_forwarded_turn',
  );
}
