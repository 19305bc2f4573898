import type { Queryable } from '../../storage/index.js';
import type { CaseRecord, CaseStatus } from '../caseRecord.js';
import type { PersonalSeal } from '../crypto/sealPersonal.js';

// Cases are filed and updated with the turn that changes them, in one statement with the dialog
// state (src/engine/sql/conversations.ts writeTurn); this file reads them.

export async function appendCaseEvent(db: Queryable, caseNo: string, type: string, actor: string, payload: unknown): Promise<void> {
  await db.query(
    `insert into case_events (case_no, seq, type, actor, payload)
     values ($1, coalesce((select max(seq) from case_events where case_no = $1), 0) + 1, $2, $3, $4)`,
    [caseNo, type, actor, JSON.stringify(payload)],
  );
}

export type StoredCase = {
  caseNo: string;
  conversationId: string;
  status: CaseStatus;
  category: string;
  record: CaseRecord;
  createdAt: string;
  updatedAt: string;
};

/** A case as stored, its personal data opened. */
export async function findCase(db: Queryable, seal: PersonalSeal, caseNo: string): Promise<StoredCase | undefined> {
  const result = await db.query<StoredCase>(
    `select case_no as "caseNo", conversation_id as "conversationId", status, category, record,
            created_at::text as "createdAt", updated_at::text as "updatedAt"
       from cases where case_no = $1`,
    [caseNo],
  );
  return result.rows[0] && { ...result.rows[0], record: seal.open(result.rows[0].record) };
}

/** A case found by its number and the phone number given on it; both must match. */
export async function findCaseByNumberAndPhone(db: Queryable, seal: PersonalSeal, caseNo: string, phone: string): Promise<StoredCase | undefined> {
  const result = await db.query<StoredCase>(
    `select case_no as "caseNo", conversation_id as "conversationId", status, category, record,
            created_at::text as "createdAt", updated_at::text as "updatedAt"
       from cases where case_no = $1 and phone_hash = any($2::text[])`,
    [caseNo, seal.phoneIndexes(phone)],
  );
  return result.rows[0] && { ...result.rows[0], record: seal.open(result.rows[0].record) };
}
