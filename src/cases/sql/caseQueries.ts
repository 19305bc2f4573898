import type { Queryable } from '../../storage/index.js';
import type { CaseRecord, CaseStatus } from '../caseRecord.js';
import type { PersonalSeal } from '../crypto/sealPersonal.js';

/** Filters of the operators' case list; every one optional. Dates are YYYY-MM-DD, Asia/Shanghai. */
export type CaseFilter = {
  sites: readonly string[];
  status?: CaseStatus[];
  category?: string[];
  platform?: string;
  from?: string;
  to?: string;
  text?: string;
};

export type CaseSummary = {
  caseNo: string;
  siteId: string;
  status: CaseStatus;
  category: string;
  platform: string | null;
  shopName: string | null;
  product: string | null;
  amountFen: number | null;
  step: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CasePage = { cases: CaseSummary[]; nextCursor: string | null };

type Cursor = { u: string; c: string };
const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

/** Undefined for anything that is not a cursor we issued (the route turns that into a 400). */
export function decodeCursor(cursor: string): Cursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { u, c } = value as Record<string, unknown>;
    return typeof u === 'string' && typeof c === 'string' && !Number.isNaN(Date.parse(u)) ? { u, c } : undefined;
  } catch {
    return undefined;
  }
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const SUMMARY_COLUMNS = `k.case_no as "caseNo", v.site_id as "siteId", k.status, k.category,
  k.record->'parties'->>'platform' as platform, k.record->'parties'->>'shopName' as "shopName",
  k.record->'order'->>'product' as product, (k.record->'order'->>'amountFen')::bigint as "amountFen",
  k.record->>'step' as step, to_char(k.created_at, 'YYYY-MM-DD"T"HH24:MI:SS.USOF') as "createdAt",
  to_char(k.updated_at, 'YYYY-MM-DD"T"HH24:MI:SS.USOF') as "updatedAt"`;

/**
 * One page of cases, newest change first, keyset-paginated on (updated_at, case_no) so pages stay
 * stable while cases change. Only cases of conversations on `sites` are ever visible. The text
 * filter matches the case number and the plain parts of the record; a phone number matches the
 * case's keyed phone hash (the contact itself is sealed).
 */
export async function listCases(db: Queryable, seal: PersonalSeal, filter: CaseFilter, page: { limit: number; cursor?: Cursor }): Promise<CasePage> {
  const result = await db.query<CaseSummary & { updatedAtRaw: string }>(
    `select ${SUMMARY_COLUMNS}, k.updated_at::text as "updatedAtRaw"
       from cases k join conversations v on v.id = k.conversation_id
      where v.site_id = any($1::text[])
        and ($2::text[] is null or k.status = any($2))
        and ($3::text[] is null or k.category = any($3))
        and ($4::text is null or k.record->'parties'->>'platform' = $4)
        and ($5::date is null or k.created_at >= ($5::date at time zone 'Asia/Shanghai'))
        and ($6::date is null or k.created_at < (($6::date + 1) at time zone 'Asia/Shanghai'))
        and ($7::text is null or k.case_no ilike $7 or k.record::text ilike $7 or k.phone_hash = any($11::text[]))
        and ($8::timestamptz is null or (k.updated_at, k.case_no) < ($8::timestamptz, $9::text))
      order by k.updated_at desc, k.case_no desc
      limit $10`,
    [
      filter.sites,
      filter.status?.length ? filter.status : null,
      filter.category?.length ? filter.category : null,
      filter.platform ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.text ? `%${escapeLike(filter.text)}%` : null,
      page.cursor?.u ?? null,
      page.cursor?.c ?? null,
      page.limit + 1,
      filter.text && /^[\d\s+()-]{7,20}$/.test(filter.text.trim()) ? seal.phoneIndexes(filter.text) : [],
    ],
  );
  const rows = result.rows.slice(0, page.limit);
  const last = rows.at(-1);
  const nextCursor = result.rows.length > page.limit && last ? encodeCursor({ u: last.updatedAtRaw, c: last.caseNo }) : null;
  return {
    cases: rows.map(({ updatedAtRaw: _raw, ...summary }) => ({ ...summary, amountFen: summary.amountFen === null ? null : Number(summary.amountFen) })),
    nextCursor,
  };
}

export type CaseEvent = { seq: number; type: string; actor: string; payload: unknown; at: string };
export type CaseDetail = CaseSummary & { conversationId: string; record: CaseRecord; events: CaseEvent[] };

/** A case with its events, only when it belongs to one of `sites`; otherwise undefined (a 404, never a 403). */
export async function getCase(db: Queryable, seal: PersonalSeal, sites: readonly string[], caseNo: string): Promise<CaseDetail | undefined> {
  const result = await db.query<CaseDetail>(
    `select ${SUMMARY_COLUMNS}, k.conversation_id as "conversationId", k.record,
            coalesce((select jsonb_agg(jsonb_build_object('seq', e.seq, 'type', e.type, 'actor', e.actor, 'payload', e.payload,
                                                          'at', to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.USOF')) order by e.seq)
                        from case_events e where e.case_no = k.case_no), '[]'::jsonb) as events
       from cases k join conversations v on v.id = k.conversation_id
      where k.case_no = $1 and v.site_id = any($2::text[])`,
    [caseNo, sites],
  );
  const row = result.rows[0];
  return row ? { ...row, record: seal.open(row.record), amountFen: row.amountFen === null ? null : Number(row.amountFen) } : undefined;
}

/**
 * Changes a case's status and/or adds a note, recorded as events with the actor, in one statement.
 * Undefined when the case is not on `sites`.
 */
export async function updateCase(
  db: Queryable,
  seal: PersonalSeal,
  sites: readonly string[],
  caseNo: string,
  change: { status?: CaseStatus; note?: string },
  actor: string,
): Promise<CaseDetail | undefined> {
  const result = await db.query<{ caseNo: string }>(
    `with target as (
       select k.case_no, k.status from cases k join conversations v on v.id = k.conversation_id
        where k.case_no = $1 and v.site_id = any($2::text[]) for update of k
     ), updated as (
       update cases k set status = coalesce($3, k.status), updated_at = now()
         from target t where k.case_no = t.case_no
       returning k.case_no
     ), base as (
       select coalesce(max(seq), 0) as seq from case_events where case_no = (select case_no from target)
     ), events as (
       insert into case_events (case_no, seq, type, actor, payload)
       select t.case_no, b.seq + x.n, x.type, $5, x.payload
         from target t, base b,
              lateral (values
                (1, 'status_changed', jsonb_build_object('status', $3::text, 'from', t.status)),
                (case when $3::text is null or $3::text = t.status then 0 else 1 end + 1, 'note', jsonb_build_object('text', $4::text))
              ) as x(n, type, payload)
        where (x.type = 'status_changed' and $3::text is not null and $3::text is distinct from t.status)
           or (x.type = 'note' and $4::text is not null)
     )
     select case_no as "caseNo" from updated`,
    [caseNo, sites, change.status ?? null, change.note ?? null, actor],
  );
  if (!result.rows[0]) return undefined;
  return getCase(db, seal, sites, caseNo);
}
