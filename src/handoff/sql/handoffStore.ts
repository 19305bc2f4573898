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
  const result = await db.query<QueueItem & { amountFen: string | null }>(
    `select c.id as "conversationId", c.site_id as "siteId", c.channel, c.owner, c.agent_id as "agentId", a.display_name as "agentName",
            coalesce(k.category, c.snapshot::jsonb #>> '{context,category}') as category,
            coalesce(k.record #>> '{order,amountFen}', c.snapshot::jsonb #>> '{context,slots,amountFen}') as "amountFen",
            k.case_no as "caseNo", c.handoff_reason as reason,
            (coalesce(k.category, c.snapshot::jsonb #>> '{context,category}') = any($3::text[])
              or coalesce((k.record #>> '{order,amountFen}')::bigint, 0) >= $4) as serious,
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
    [sites, agentId, SERIOUS_CATEGORIES, SERIOUS_AMOUNT_FEN],
  );
  return result.rows.map((r) => ({ ...r, amountFen: r.amountFen === null ? null : Number(r.amountFen) }));
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
  const result = await db.query<ConversationHead>(
    `select c.id, c.site_id as "siteId", c.channel, c.owner, c.agent_id as "agentId", a.display_name as "agentName",
            c.snapshot::jsonb ->> 'value' as stage, c.snapshot::jsonb #>> '{context,category}' as category,
            c.handoff_reason as "handoffReason", c.locale, c.version, c.consent,
            (select case_no from cases where conversation_id = c.id order by created_at desc limit 1) as "caseNo"
       from conversations c left join agents a on a.id = c.agent_id
      where c.id = $1 and c.site_id = any($2::text[])`,
    [id, sites],
  );
  return result.rows[0];
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

/** The consumer was told that nobody is free: once per waiting period (see the sweeper). */
export async function selectTimedOutWaiting(db: Queryable, olderThanSeconds: number): Promise<{ id: string; siteId: string; channel: string; locale: 'zh' | 'en' }[]> {
  const result = await db.query<{ id: string; siteId: string; channel: string; locale: 'zh' | 'en' }>(
    `update conversations set handoff_timed_out_at = now()
      where owner = 'waiting' and handoff_timed_out_at is null
        and handoff_requested_at < now() - make_interval(secs => $1)
      returning id, site_id as "siteId", channel, locale`,
    [olderThanSeconds],
  );
  return result.rows;
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
