import type { Sql } from './sql.js';

export type EvidenceRow = { id: string; conversationId: string; sha256: string; contentType: string; size: number; originalName: string; storagePath: string };

/** Records an uploaded file, linked to the conversation's case when one is filed. Returns the case number. */
export async function insertEvidence(db: Sql, e: EvidenceRow): Promise<{ caseNo: string | null }> {
  const result = await db.query<{ caseNo: string | null }>(
    `insert into evidence_files (id, conversation_id, case_no, sha256, content_type, size, original_name, storage_path)
     select $1, $2, (select case_no from cases where conversation_id = $2), $3, $4, $5, $6, $7
     on conflict (conversation_id, sha256) do nothing
     returning case_no as "caseNo"`,
    [e.id, e.conversationId, e.sha256, e.contentType, e.size, e.originalName, e.storagePath],
  );
  return { caseNo: result.rows[0]?.caseNo ?? null };
}

/** Whether any conversation's evidence is this content. */
export async function evidenceExists(db: Sql, sha256: string): Promise<boolean> {
  const result = await db.query(`select 1 from evidence_files where sha256 = $1 limit 1`, [sha256]);
  return result.rowCount > 0;
}
