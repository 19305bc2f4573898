import type { CaseRecord, CaseStatus } from '../../cases/caseRecord.js';
import type { PersonalSeal } from '../../cases/crypto/sealPersonal.js';
import type { Queryable } from '../../storage/index.js';
import type { CaseEventEntry, CaseFile, EvidenceFileEntry, HeldArticle, QuoteArticle } from '../model.js';
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
export async function loadCaseFileForSites(
  db: Queryable,
  quote: QuoteArticle,
  seal: PersonalSeal,
  sites: readonly string[],
  caseNo: string,
): Promise<CaseFile | undefined> {
  const result = await db.query<Row>(`${CASE_SELECT} where k.case_no = $1 and v.site_id = any($2::text[])`, [caseNo, sites]);
  return result.rows[0] ? complete(db, quote, seal, result.rows[0]) : undefined;
}

/** The case filed from a conversation of `siteId`, if there is one. */
export async function loadCaseFileForConversation(
  db: Queryable,
  quote: QuoteArticle,
  seal: PersonalSeal,
  siteId: string,
  conversationId: string,
): Promise<CaseFile | undefined> {
  const result = await db.query<Row>(`${CASE_SELECT} where k.conversation_id = $1 and v.site_id = $2 and v.consent = 'given'`, [conversationId, siteId]);
  return result.rows[0] ? complete(db, quote, seal, result.rows[0]) : undefined;
}

async function complete(db: Queryable, quote: QuoteArticle, seal: PersonalSeal, stored: Row): Promise<CaseFile> {
  const row = { ...stored, record: seal.open(stored.record) };
  const lawsOn = row.record.order.orderDate ?? row.filedOn;
  const partial: CaseFile = {
    caseNo: row.caseNo,
    status: row.status,
    locale: row.locale,
    filedOn: row.filedOn,
    record: row.record,
    events: row.events,
    evidenceFiles: [],
    lawsOn,
    articles: new Map(),
  };
  const files = await db.query<EvidenceFileEntry>(
    `select original_name as name, sha256, size, content_type as "contentType", to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.USOF') as at
       from evidence_files where case_no = $1 or conversation_id = $2 order by created_at, id`,
    [row.caseNo, row.conversationId],
  );
  // Each cited article in the version in force on the date that matters, as the knowledge base quotes it.
  const articles = new Map<string, HeldArticle>();
  for (const c of allCitations(partial)) {
    const held = quote(c.law, c.article, lawsOn);
    if (held) articles.set(`${c.law}|${c.article}`, held);
  }
  return { ...partial, evidenceFiles: files.rows.map((f) => ({ ...f, name: seal.open(f.name) })), articles };
}
