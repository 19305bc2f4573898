import { randomInt } from 'node:crypto';
import type { Queryable } from '../../storage/index.js';
import { hashPhone, makeCaseNo, type CaseRecord, type CaseStatus } from '../caseRecord.js';

export type FileCaseInput = { conversationId: string; status: CaseStatus; record: CaseRecord; today: string; actor: string };
export type FiledCase = { caseNo: string; created: boolean; status: CaseStatus };


/**
 * Files or updates the conversation's case and records what changed as an event, in one round trip.
 * Idempotent: the conversation id is unique on cases, so a retried or concurrent turn updates the
 * one case. A freshly drawn case number already in use is skipped by the insert's guard and drawn
 * again; the conflict that guard cannot see (another transaction inserting the same number at the
 * same instant, about one in a million per day) fails the turn, which the client retries.
 */
export async function fileCase(db: Queryable, input: FileCaseInput): Promise<FiledCase> {
  const phoneHash = input.record.contact.phone ? hashPhone(input.record.contact.phone) : null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const caseNo = makeCaseNo(input.today, randomInt);
    const result = await db.query<{ caseNo: string; created: boolean; previous: string | null }>(
      `with previous as (select status from cases where conversation_id = $2),
       filed as (
         insert into cases as c (case_no, conversation_id, status, category, record, phone_hash)
         select $1, $2, $3, $4, $5, $6
          where exists (select 1 from previous) or not exists (select 1 from cases where case_no = $1)
         on conflict (conversation_id) do update
           set status = excluded.status, category = excluded.category, record = excluded.record,
               phone_hash = coalesce(excluded.phone_hash, c.phone_hash), updated_at = now()
         returning c.case_no, (xmax = 0) as created
       ), event as (
         insert into case_events (case_no, seq, type, actor, payload)
         select f.case_no, coalesce((select max(seq) from case_events where case_no = f.case_no), 0) + 1,
                case when f.created then 'filed' when (select status from previous) is distinct from $3 then 'status_changed' else 'updated' end,
                $7, jsonb_build_object('status', $3::text, 'from', (select status from previous))
           from filed f
       )
       select case_no as "caseNo", created, (select status from previous) as previous from filed`,
      [caseNo, input.conversationId, input.status, input.record.category, JSON.stringify(input.record), phoneHash, input.actor],
    );
    const row = result.rows[0];
    if (row) return { caseNo: row.caseNo, created: row.created, status: input.status };
  }
  throw new Error('could not draw a free case number after 5 attempts');
}

export async function appendCaseEvent(db: Queryable, caseNo: string, type: string, actor: string, payload: unknown): Promise<void> {
  await db.query(
    `insert into case_events (case_no, seq, type, actor, payload)
     values ($1, coalesce((select max(seq) from case_events where case_no = $1), 0) + 1, $2, $3, $4)`,
    [caseNo, type, actor, JSON.stringify(payload)],
  );
}

export type StoredCase = { caseNo: string; conversationId: string; status: CaseStatus; category: string; record: CaseRecord; createdAt: string; updatedAt: string };

export async function findCase(db: Queryable, caseNo: string): Promise<StoredCase | undefined> {
  const result = await db.query<StoredCase>(
    `select case_no as "caseNo", conversation_id as "conversationId", status, category, record,
            created_at::text as "createdAt", updated_at::text as "updatedAt"
       from cases where case_no = $1`,
    [caseNo],
  );
  return result.rows[0];
}

/** A case found by its number and the phone number given on it; both must match. */
export async function findCaseByNumberAndPhone(db: Queryable, caseNo: string, phone: string): Promise<StoredCase | undefined> {
  const result = await db.query<StoredCase>(
    `select case_no as "caseNo", conversation_id as "conversationId", status, category, record,
            created_at::text as "createdAt", updated_at::text as "updatedAt"
       from cases where case_no = $1 and phone_hash = $2`,
    [caseNo, hashPhone(phone)],
  );
  return result.rows[0];
}
