import { summarizeSnapshot } from '../../engine/snapshotSummary.js';
import type { Db, Queryable } from '../../storage/index.js';

export type Owner = 'bot' | 'waiting' | 'agent' | 'closed';

export type QueueItem = {
  conversationId: string;
  siteId: string;
  channel: string;
  owner: 'waiting' | 'agent';
  agentId: string | null;
  agentName: string | null;
  category: string | null;
  amountFen: number | null;
  caseNo: string | null;
  reason: string | null;
  /** An injury, a personal-information leak or a large amount: shown first among equals. */
  serious: boolean;
  requestedAt: string | null;
  waitSeconds: number;
  lastMessage: string | null;
};

/** Large amount for the queue's "serious" flag: ¥5,000 and up. */
const SERIOUS_AMOUNT_FEN = 500_000;
const SERIOUS_CATEGORIES = ['product_injury', 'personal_info'];

const ISO = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MSOF')`;

/** Waiting conversations on `sites` (oldest first) and those `agentId` owns. */
export async function selectQueue(db: Queryable, sites: readonly string[], agentId: string): Promise<QueueItem[]> {
  const result = await db.query<
    Omit<QueueItem, 'category' | 'amountFen' | 'serious'> & { snapshot: unknown; caseCategory: string | null; caseAmountFen: string | null }
  >(
    `select c.id as "conversationId", c.site_id as "siteId", c.channel, c.owner, c.agent_id as "agentId", a.display_name as "agentName",
            c.snapshot, k.category as "caseCategory", k.record #>> '{order,amountFen}' as "caseAmountFen",
            k.case_no as "caseNo", c.handoff_reason as reason,
            ${ISO('c.handoff_requested_at')} as "requestedAt",
            greatest(0, extract(epoch from now() - coalesce(c.handoff_requested_at, c.updated_at)))::int as "waitSeconds",
            (select ca.activity->>'text' from channel_activities ca
              where ca.conversation_id = c.id and ca.activity->'from'->>'role' = 'user' and ca.activity ? 'text'
              order by ca.seq desc limit 1) as "lastMessage"
       from conversations c
       left join agents a on a.id = c.agent_id
       left join lateral (select case_no, category, record from cases where conversation_id = c.id order by created_at desc limit 1) k on true
      where c.site_id = any($1::text[]) and (c.owner = 'waiting' or (c.owner = 'agent' and c.agent_id = $2))
      order by c.handoff_requested_at nulls last
      limit 500`,
    [sites, agentId],
  );
  return result.rows.map(({ snapshot, caseCategory, caseAmountFen, ...row }) => {
    // The dialog's state is the engine's: it is read through the engine's accessor, not by JSON path.
    const dialog = summarizeSnapshot(snapshot);
    const category = caseCategory ?? dialog.category;
    const caseAmount = caseAmountFen === null ? null : Number(caseAmountFen);
    const serious = (category !== null && SERIOUS_CATEGORIES.includes(category)) || (caseAmount ?? 0) >= SERIOUS_AMOUNT_FEN;
    return { ...row, category, amountFen: caseAmount ?? dialog.amountFen, serious };
  });
}

export type ConversationHead = {
  id: string;
  siteId: string;
  channel: string;
  owner: Owner;
  agentId: string | null;
  agentName: string | null;
  stage: string | null;
  category: string | null;
  handoffReason: string | null;
  locale: 'zh' | 'en';
  version: number;
  consent: string;
  caseNo: string | null;
};

export async function selectConversationHead(db: Queryable, sites: readonly string[], id: string): Promise<ConversationHead | undefined> {
  const result = await db.query<Omit<ConversationHead, 'stage' | 'category'> & { snapshot: unknown }>(
    `select c.id, c.site_id as "siteId", c.channel, c.owner, c.agent_id as "agentId", a.display_name as "agentName", c.snapshot,
            c.handoff_reason as "handoffReason", c.locale, c.version, c.consent,
            (select case_no from cases where conversation_id = c.id order by created_at desc limit 1) as "caseNo"
       from conversations c left join agents a on a.id = c.agent_id
      where c.id = $1 and c.site_id = any($2::text[])`,
    [id, sites],
  );
  const found = result.rows[0];
  if (!found) return undefined;
  const { snapshot, ...head } = found;
  const { stage, category } = summarizeSnapshot(snapshot);
  return { ...head, stage, category };
}

/**
 * Takes a waiting conversation for `agentId`: one statement, so of two agents claiming at once
 * exactly one matches `owner = 'waiting'`. Bumps the version, so a turn computed from the old state
 * is written again from the new one (the engine's optimistic check).
 */
export async function claimConversation(db: Db, id: string, sites: readonly string[], agentId: string): Promise<boolean> {
  return db.withTransaction(async (tx) => {
    await tx.query(`select set_config('weiquan.actor', $1, true)`, [`agent:${agentId}`]);
    const result = await tx.query(
      `update conversations set owner = 'agent', agent_id = $2, version = version + 1, updated_at = now()
        where id = $1 and owner = 'waiting' and site_id = any($3::text[])`,
      [id, agentId, sites],
    );
    return (result.rowCount ?? 0) > 0;
  });
}

/**
 * Waiting conversations whose consumer must now be told that nobody is free: waiting longer than
 * `timeoutSeconds`, or longer than `offlineGraceSeconds` while no agent of their site has the console
 * open. Marked in the same statement, so each wait is announced once, whichever instance sweeps.
 */
export async function selectTimedOutWaiting(
  db: Queryable,
  timeoutSeconds: number,
  offlineGraceSeconds: number,
  /** Channels that can carry a message outside a turn; on others (Bot Framework) an agent hub has the wait. */
  channels: readonly string[] = ['directline'],
): Promise<{ id: string; siteId: string; channel: string; locale: 'zh' | 'en'; nobodyOnline: boolean }[]> {
  const result = await db.query<{ id: string; siteId: string; channel: string; locale: 'zh' | 'en'; nobodyOnline: boolean }>(
    `update conversations c set handoff_timed_out_at = now()
      where owner = 'waiting' and handoff_timed_out_at is null and channel = any($4::text[])
        and (handoff_requested_at < now() - make_interval(secs => $1)
             or (handoff_requested_at < now() - make_interval(secs => $2)
                 and not exists (select 1 from agent_presence p where c.site_id = any(p.sites) and p.seen_at > now() - make_interval(secs => $3))))
      returning id, site_id as "siteId", channel, locale, handoff_requested_at >= now() - make_interval(secs => $1) as "nobodyOnline"`,
    [timeoutSeconds, offlineGraceSeconds, PRESENCE_STALE_SECONDS, channels],
  );
  return result.rows;
}

/** A presence row not refreshed for this long is ignored (its instance is gone). */
export const PRESENCE_STALE_SECONDS = 90;

/** This instance's open console connections of one agent; zero removes the row. */
export async function writePresence(db: Queryable, instanceId: string, agent: { id: string; sites: string[] }, connections: number): Promise<void> {
  if (connections <= 0) {
    await db.query('delete from agent_presence where agent_id = $1 and instance_id = $2', [agent.id, instanceId]);
    return;
  }
  await db.query(
    `insert into agent_presence (agent_id, instance_id, sites, connections) values ($1, $2, $3, $4)
     on conflict (agent_id, instance_id) do update set sites = excluded.sites, connections = excluded.connections, seen_at = now()`,
    [agent.id, instanceId, agent.sites, connections],
  );
}

export async function refreshPresence(db: Queryable, instanceId: string): Promise<void> {
  await db.query('update agent_presence set seen_at = now() where instance_id = $1', [instanceId]);
}

export async function clearPresence(db: Queryable, instanceId: string): Promise<void> {
  await db.query('delete from agent_presence where instance_id = $1', [instanceId]);
}

export type TranscriptRow = { seq: number; activity: Record<string, unknown>; at: string };

/** The channel log of a conversation after `afterSeq` (Direct Line keeps every activity of both sides). */
export async function selectTranscript(db: Queryable, id: string, afterSeq = 0, limit = 1000): Promise<TranscriptRow[]> {
  const result = await db.query<TranscriptRow>(
    `select seq, activity, ${ISO('at')} as at from channel_activities where conversation_id = $1 and seq > $2 order by seq limit $3`,
    [id, afterSeq, limit],
  );
  return result.rows;
}

export type EvidenceRow = { id: string; name: string; contentType: string; size: number; sha256: string; storagePath: string };

export async function selectEvidence(db: Queryable, sites: readonly string[], conversationId: string): Promise<EvidenceRow[]> {
  const result = await db.query<EvidenceRow>(
    `select e.id, e.original_name as name, e.content_type as "contentType", e.size, e.sha256, e.storage_path as "storagePath"
       from evidence_files e join conversations c on c.id = e.conversation_id
      where e.conversation_id = $1 and c.site_id = any($2::text[]) order by e.created_at`,
    [conversationId, sites],
  );
  return result.rows;
}

export async function selectEvidenceFile(db: Queryable, sites: readonly string[], evidenceId: string): Promise<EvidenceRow | undefined> {
  const result = await db.query<EvidenceRow>(
    `select e.id, e.original_name as name, e.content_type as "contentType", e.size, e.sha256, e.storage_path as "storagePath"
       from evidence_files e join conversations c on c.id = e.conversation_id
      where e.id = $1 and c.site_id = any($2::text[])`,
    [evidenceId, sites],
  );
  return result.rows[0];
}

export type OwnerEvent = { seq: number; type: string; actor: string; payload: Record<string, unknown>; at: string };

export async function selectOwnerEvents(db: Queryable, id: string): Promise<OwnerEvent[]> {
  const result = await db.query<OwnerEvent>(
    `select seq, type, actor, payload, ${ISO('at')} as at from conversation_events where conversation_id = $1 order by seq`,
    [id],
  );
  return result.rows;
}

/** What an external agent hub (Bot Framework handoff protocol) is told about, and decides on, a conversation. */
export type HubHead = {
  owner: Owner;
  agentId: string | null;
  locale: 'zh' | 'en';
  consent: string;
  snapshot: unknown;
  category: string | null;
  caseNo: string | null;
  handoffReason: string | null;
  /** The stage the consumer was in when they last asked for a person (the engine's `handoff_requested` event). */
  stageBefore: string | null;
};

export async function selectHubHead(db: Queryable, id: string): Promise<HubHead | undefined> {
  const result = await db.query<Omit<HubHead, 'category'>>(
    `select c.owner, c.agent_id as "agentId", c.locale, c.consent, c.snapshot,
            (select case_no from cases where conversation_id = c.id order by created_at desc limit 1) as "caseNo",
            c.handoff_reason as "handoffReason",
            (select e.payload::jsonb ->> 'stage' from turn_events e
              where e.conversation_id = c.id and e.type = 'handoff_requested' order by e.seq desc limit 1) as "stageBefore"
       from conversations c where c.id = $1`,
    [id],
  );
  const found = result.rows[0];
  return found && { ...found, category: summarizeSnapshot(found.snapshot).category };
}

/** One engine turn as the transcript sees it: what the consumer said (as the engine kept it) and the bot's replies. */
export type TurnTranscriptRow = { turnId: string; at: string; said: unknown; replies: unknown };

/**
 * The last `limit` turns of a conversation, oldest first, from the engine's own record (every
 * channel's turns, unlike channel_activities which only Direct Line writes). `said` is the payload of
 * the turn's user message event: the text only where the consumer had consented, else its length and hash.
 */
export async function selectTurnTranscript(db: Queryable, id: string, limit = 200): Promise<TurnTranscriptRow[]> {
  const result = await db.query<TurnTranscriptRow>(
    `select t.turn_id as "turnId", ${ISO('t.at')} as at,
            (select e.payload from turn_events e where e.conversation_id = $1 and e.turn_id = t.turn_id
              and e.type in ('user_message', 'user_message_to_agent') order by e.seq limit 1) as said,
            (select p.replies from processed_turns p where p.conversation_id = $1 and p.turn_id = t.turn_id) as replies
       from (select turn_id, min(seq) as first, min(at) as at from turn_events where conversation_id = $1
              group by turn_id order by first desc limit $2) t
      order by t.first`,
    [id, limit],
  );
  return result.rows;
}

/**
 * An external hub accepted the handoff: the waiting conversation is the hub's (owner agent, no agent
 * of ours). The version bump makes a turn computed from the old state recompute (and be forwarded).
 */
export async function hubTakeConversation(db: Db, id: string, actor: string): Promise<boolean> {
  return db.withTransaction(async (tx) => {
    await tx.query(`select set_config('weiquan.actor', $1, true)`, [actor]);
    const result = await tx.query(
      `update conversations set owner = 'agent', agent_id = null, version = version + 1, updated_at = now() where id = $1 and owner = 'waiting'`,
      [id],
    );
    return (result.rowCount ?? 0) > 0;
  });
}

/**
 * The hub could not serve the conversation: it waits again (if the hub had taken it), and is marked
 * as told that nobody is free, so the timeout sweeper does not tell the consumer a second time.
 * False when the conversation is neither waiting nor the hub's.
 */
export async function hubReleaseConversation(db: Db, id: string, actor: string): Promise<boolean> {
  return db.withTransaction(async (tx) => {
    await tx.query(`select set_config('weiquan.actor', $1, true)`, [actor]);
    await tx.query(
      `update conversations set owner = 'waiting', version = version + 1, updated_at = now() where id = $1 and owner = 'agent' and agent_id is null`,
      [id],
    );
    // After the owner change: the trigger clears handoff_timed_out_at when a conversation starts waiting.
    const result = await tx.query(`update conversations set handoff_timed_out_at = now() where id = $1 and owner = 'waiting'`, [id]);
    return (result.rowCount ?? 0) > 0;
  });
}

/**
 * Whether turn `turnId` asked for a person and its `handoff.initiate` has not been delivered yet: a
 * channel's retry of that turn (its replies lost) signals the hub then, and only then.
 */
export async function selectInitiatePending(db: Queryable, id: string, turnId: string): Promise<boolean> {
  const result = await db.query<{ pending: boolean }>(
    `select exists (select 1 from turn_events where conversation_id = $1 and turn_id = $2 and type = 'handoff_requested')
            and not exists (select 1 from conversation_events where conversation_id = $1 and type = 'handoff_initiated' and payload ->> 'turnId' = $2) as pending`,
    [id, turnId],
  );
  return result.rows[0]?.pending === true;
}

/** `handoff.initiate` for turn `turnId` reached the channel: recorded, so a retry of the turn does not send it again. */
export async function insertInitiateDelivered(db: Queryable, id: string, turnId: string, channel: string): Promise<void> {
  await db.query(
    `insert into conversation_events (conversation_id, seq, type, actor, payload)
     values ($1, coalesce((select max(seq) from conversation_events where conversation_id = $1), 0) + 1, 'handoff_initiated', 'bot', $2)`,
    [id, JSON.stringify({ turnId, hub: `hub:${channel}` })],
  );
}

/** Whether the engine has already answered turn `turnId` (a hub's retried status finds its replies there). */
export async function selectTurnProcessed(db: Queryable, id: string, turnId: string): Promise<boolean> {
  const result = await db.query(`select 1 from processed_turns where conversation_id = $1 and turn_id = $2`, [id, turnId]);
  return (result.rowCount ?? 0) > 0;
}
