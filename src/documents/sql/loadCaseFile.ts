import type { CaseRecord, CaseStatus } from '../../cases/caseRecord.js';
import type { Queryable } from '../../storage/index.js';
import type { CaseEventEntry, CaseFile, EvidenceFileEntry, HeldArticle } from '../model.js';
import { allCitations } from '../content/caseFacts.js';

type Row = {
  caseNo: string;
  status: CaseStatus;
  locale: 'zh' | 'en';
  filedOn: string;
  record: CaseRecord;
  conversationId: string;
  events: CaseEventEntry[];
};

const CASE_SELECT = `
  select k.case_no as "caseNo", k.status, v.locale, k.record, k.conversation_id as "conversationId",
         to_char(k.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "filedOn",
         coalesce((select jsonb_agg(jsonb_build_object('seq', e.seq, 'type', e.type, 'actor', e.actor, 'payload', e.payload,
                                                       'at', to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.USOF')) order by e.seq)
                     from case_events e where e.case_no = k.case_no), '[]'::jsonb) as events
    from cases k join conversations v on v.id = k.conversation_id`;

/** A case with what its documents need, only when it belongs to one of `sites` (undefined otherwise: a 404). */
export async function loadCaseFileForSites(db: Queryable, sites: readonly string[], caseNo: string): Promise<CaseFile | undefined> {
  const result = await db.query<Row>(`${CASE_SELECT} where k.case_no = $1 and v.site_id = any($2::text[])`, [caseNo, sites]);
  return result.rows[0] ? complete(db, result.rows[0]) : undefined;
}

/** The case filed from a conversation of `siteId`, if there is one. */
export async function loadCaseFileForConversation(db: Queryable, siteId: string, conversationId: string): Promise<CaseFile | undefined> {
  const result = await db.query<Row>(`${CASE_SELECT} where k.conversation_id = $1 and v.site_id = $2 and v.consent = 'given'`, [conversationId, siteId]);
  return result.rows[0] ? complete(db, result.rows[0]) : undefined;
}

async function complete(db: Queryable, row: Row): Promise<CaseFile> {
  const partial: CaseFile = { caseNo: row.caseNo, status: row.status, locale: row.locale, filedOn: row.filedOn, record: row.record, events: row.events, evidenceFiles: [], articles: new Map() };
  const cites = allCitations(partial);
  const [files, articles] = await Promise.all([
    db.query<EvidenceFileEntry>(
      `select original_name as name, sha256, size, content_type as "contentType", to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.USOF') as at
         from evidence_files where case_no = $1 or conversation_id = $2 order by created_at, id`,
      [row.caseNo, row.conversationId],
    ),
    // The version quoted is the one the engine quotes: the current one, else the newest we hold.
    db.query<HeldArticle>(
      `select distinct on (a.law_short, a.label) a.law_short as law, a.label as article, a.law_title as "lawTitle",
              to_char(a.version_date, 'YYYY-MM-DD') as "versionDate", a.is_current as "isCurrent", a.text
         from law_articles a join unnest($1::text[], $2::text[]) as c(law, label) on a.law_short = c.law and a.label = c.label
        order by a.law_short, a.label, a.is_current desc, a.version_date desc nulls last`,
      [cites.map((c) => c.law), cites.map((c) => c.article)],
    ),
  ]);
  return { ...partial, evidenceFiles: files.rows, articles: new Map(articles.rows.map((a) => [`${a.law}|${a.article}`, a])) };
}
