import type { Db, Queryable } from '../../storage/index.js';

/** How long personal data is kept (RETENTION_DAYS and RETENTION_UNCONSENTED_DAYS). */
export type RetentionPolicy = { closedCaseDays: number; unconsentedDays: number };

export type RetentionCounts = {
  /** Cases closed longer than the period: contact, order number and the consumer's own words removed. */
  casesAnonymised: number;
  /** Conversations with no case left to keep them, deleted whole. */
  conversationsDeleted: number;
  /** Conversations kept only as the anchor of an anonymised case: their content erased. */
  conversationsErased: number;
  turnEvents: number;
  processedTurns: number;
  channelActivities: number;
  evidenceFiles: number;
  notes: number;
};

export type RetentionResult =
  { ran: false; reason: 'another_instance' } | { ran: true; dryRun: boolean; counts: RetentionCounts; runId: number | null; evidence: string[] };

/** The advisory lock of the retention job: one run at a time across every instance on the database. */
const RETENTION_LOCK = 0x77715e01;

/**
 * One retention pass, in one transaction under a transaction-level advisory lock (another instance
 * already running it: nothing is done). A dry run does all of it and rolls back, so its counts are
 * exactly what a real run would do. Returns the evidence files (SHA-256) no row refers to any more:
 * the caller removes them from disk after the commit.
 *
 * - A case closed (resolved or closed) longer than `closedCaseDays` ago loses its personal data: contact,
 *   order number, the consumer's own words, notes, the dialog state kept on it, its phone index. Its
 *   statistics stay: type, status, amounts, dates, the rungs climbed and their outcomes, the remedies.
 * - A conversation idle longer than its period (`unconsentedDays` without consent, `closedCaseDays`
 *   with it) whose cases are all anonymised (or that has none) is erased: turn history, stored replies,
 *   the channel log, evidence and notes. With no case it is deleted outright; with one it stays as the
 *   case's anchor with an empty state (its version bumped, so no instance's cached copy is written back).
 */
export async function runRetention(db: Db, policy: RetentionPolicy, options: { dryRun: boolean; trigger: 'schedule' | 'admin' }): Promise<RetentionResult> {
  const rollback = new Error('dry run');
  let result: RetentionResult | undefined;
  try {
    await db.withTransaction(async (tx) => {
      const locked = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [RETENTION_LOCK]);
      if (!locked.rows[0]?.ok) {
        result = { ran: false, reason: 'another_instance' };
        return;
      }
      const { counts, evidence } = await retentionPass(tx, policy);
      if (options.dryRun) {
        result = { ran: true, dryRun: true, counts, runId: null, evidence: [] };
        throw rollback;
      }
      const run = await tx.query<{ id: string }>(
        `insert into retention_runs (dry_run, trigger, counts, finished_at) values (false, $1, $2, now()) returning id`,
        [options.trigger, JSON.stringify(counts)],
      );
      result = { ran: true, dryRun: false, counts, runId: Number(run.rows[0]?.id), evidence };
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result ?? { ran: false, reason: 'another_instance' };
}

async function retentionPass(tx: Queryable, policy: RetentionPolicy): Promise<{ counts: RetentionCounts; evidence: string[] }> {
  const cases = await tx.query<{ case_no: string }>(
    `update cases k
        set record = anonymisedRecord.record, phone_hash = null, snapshot = null, anonymised_at = now()
       from (select case_no, ${ANONYMISED_RECORD} as record from cases
              where anonymised_at is null and closed_at < now() - make_interval(days => $1::int)) anonymisedRecord
      where k.case_no = anonymisedRecord.case_no
      returning k.case_no`,
    [policy.closedCaseDays],
  );
  const caseNos = cases.rows.map((r) => r.case_no);
  const caseNotes = await tx.query(`update case_events set payload = payload - 'text' where case_no = any($1::text[]) and payload ? 'text'`, [caseNos]);
  const expired = await tx.query<{ id: string; has_case: boolean }>(
    `select c.id, exists (select 1 from cases k where k.conversation_id = c.id) as has_case
       from conversations c
      where c.updated_at < now() - make_interval(days => case when c.consent = 'given' then $1::int else $2::int end)
        and not exists (select 1 from cases k where k.conversation_id = c.id and k.anonymised_at is null)
        and (c.snapshot::text <> 'null' or exists (select 1 from turn_events e where e.conversation_id = c.id))
      for update of c skip locked`,
    [policy.closedCaseDays, policy.unconsentedDays],
  );
  const ids = expired.rows.map((r) => r.id);
  const erase = await eraseConversations(
    tx,
    ids,
    expired.rows.filter((r) => !r.has_case).map((r) => r.id),
  );
  return {
    counts: {
      casesAnonymised: caseNos.length,
      conversationsDeleted: erase.deleted,
      conversationsErased: ids.length - erase.deleted,
      turnEvents: erase.turnEvents,
      processedTurns: erase.processedTurns,
      channelActivities: erase.channelActivities,
      evidenceFiles: erase.evidenceFiles,
      notes: (caseNotes.rowCount ?? 0) + erase.notes,
    },
    evidence: erase.orphanedEvidence,
  };
}

/**
 * The record without what identifies anyone: contact, order number, the consumer's description of the
 * problem and of the seller's answer. Type, parties' business names, product, amounts, dates, evidence
 * kinds, remedies, deadlines, citations and outcomes stay, as statistics.
 */
export const ANONYMISED_RECORD = `(record || jsonb_build_object('contact', '{}'::jsonb)) #- '{order,orderNumber}' #- '{facts,problem}' #- '{facts,sellerResponse}'`;

export type Erased = {
  deleted: number;
  turnEvents: number;
  processedTurns: number;
  channelActivities: number;
  evidenceFiles: number;
  notes: number;
  /** SHA-256 of evidence files no row refers to any more (to remove from disk after the commit). */
  orphanedEvidence: string[];
};

/**
 * Erases what conversations `ids` hold: turn history, stored replies, channel log, evidence rows, notes;
 * the state is emptied and the version bumped. Those in `deleteIds` (no case refers to them) are then
 * deleted outright.
 */
export async function eraseConversations(tx: Queryable, ids: readonly string[], deleteIds: readonly string[]): Promise<Erased> {
  if (ids.length === 0) return { deleted: 0, turnEvents: 0, processedTurns: 0, channelActivities: 0, evidenceFiles: 0, notes: 0, orphanedEvidence: [] };
  const turnEvents = await tx.query('delete from turn_events where conversation_id = any($1::text[])', [ids]);
  const processed = await tx.query('delete from processed_turns where conversation_id = any($1::text[])', [ids]);
  const activities = await tx.query('delete from channel_activities where conversation_id = any($1::text[])', [ids]);
  const evidence = await tx.query<{ sha256: string }>('delete from evidence_files where conversation_id = any($1::text[]) returning sha256', [ids]);
  const notes = await tx.query(`update conversation_events set payload = payload - 'text' where conversation_id = any($1::text[]) and payload ? 'text'`, [ids]);
  await tx.query(`update conversations set snapshot = 'null'::json, consent = 'unknown', version = version + 1 where id = any($1::text[])`, [ids]);
  const deleted = await tx.query('delete from conversations where id = any($1::text[])', [deleteIds]);
  const shas = [...new Set(evidence.rows.map((r) => r.sha256))];
  const still = await tx.query<{ sha256: string }>('select distinct sha256 from evidence_files where sha256 = any($1::text[])', [shas]);
  const kept = new Set(still.rows.map((r) => r.sha256));
  return {
    deleted: deleted.rowCount ?? 0,
    turnEvents: turnEvents.rowCount ?? 0,
    processedTurns: processed.rowCount ?? 0,
    channelActivities: activities.rowCount ?? 0,
    evidenceFiles: evidence.rowCount ?? 0,
    notes: notes.rowCount ?? 0,
    orphanedEvidence: shas.filter((s) => !kept.has(s)),
  };
}
