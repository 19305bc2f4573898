import { Router, type Request } from 'express';
import { z } from 'zod';
import { CaseStatus, type CaseDetail, type CaseFilter, type CasePage, type CaseSummary } from './caseApi.js';
import { AppError } from '../../errors.js';
import { requirePrincipal, type Authenticate } from '../auth/principal.js';

/** What the cases endpoints need; src/compose.ts binds these to the database. */
export type CasesApi = {
  authenticate: Authenticate;
  list(filter: CaseFilter, page: { limit: number; cursor?: string }): Promise<CasePage>;
  get(sites: readonly string[], caseNo: string): Promise<CaseDetail | undefined>;
  update(sites: readonly string[], caseNo: string, change: { status?: CaseStatus; note?: string }, actor: string): Promise<CaseDetail | undefined>;
};

/** `?status=open,negotiating` or `?status=open&status=negotiating`. */
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(20));
// Dates a case can have: the database refuses year 0 and far futures; no shopper's order is from then.
const date = z.iso
  .date({ error: 'must be a date like 2026-11-28' })
  .refine((d) => d >= '1970-01-01' && d <= '2199-12-31', 'must be a date between 1970-01-01 and 2199-12-31');

export const CaseListQuery = z.strictObject({
  status: list(CaseStatus).optional(),
  category: list(z.string().regex(/^[a-z_]{2,40}$/, 'must be a dispute type id like counterfeit')).optional(),
  platform: z.string().trim().min(1).max(40).optional(),
  from: date.optional(),
  to: date.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const CasePatchBody = z
  .strictObject({ status: CaseStatus.optional(), note: z.string().trim().min(1).max(4000).optional() })
  .refine((b) => b.status !== undefined || b.note !== undefined, 'send a status, a note or both');

const CaseNo = z.string().regex(/^WQ-\d{8}-[2-9A-HJKMNP-Z]{4}$/, 'must be a case number like WQ-20261128-7K3P');

const CSV_LIMIT = 10_000;

export function casesRouter(api: CasesApi): Router {
  const router = Router();
  // Case data: never kept by a browser or proxy cache.
  router.use(['/api/cases', '/api/cases.csv'], (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const filterOf = (req: Request, sites: string[]) => {
    const query = CaseListQuery.parse(req.query);
    if (query.from && query.to && query.from > query.to) throw new AppError('VALIDATION_FAILED', 'The request is not valid: from must not be after to.');
    const filter: CaseFilter = {
      sites,
      status: query.status,
      category: query.category,
      platform: query.platform,
      from: query.from,
      to: query.to,
      text: query.q,
    };
    return { filter, limit: query.limit, cursor: query.cursor };
  };

  router.get('/api/cases', async (req, res) => {
    const principal = await requirePrincipal(api.authenticate, req);
    const { filter, limit, cursor } = filterOf(req, principal.sites);
    res.json(await api.list(filter, { limit, cursor }));
  });

  router.get('/api/cases.csv', async (req, res) => {
    const principal = await requirePrincipal(api.authenticate, req);
    const { filter } = filterOf(req, principal.sites);
    const rows: CaseSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.list(filter, { limit: 200, cursor });
      rows.push(...page.cases);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < CSV_LIMIT);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="weiquan-cases.csv"');
    // A BOM, so spreadsheet programs read the Chinese text as UTF-8.
    res.send(`\uFEFF${toCsv(rows.slice(0, CSV_LIMIT))}`);
  });

  router.get('/api/cases/:caseNo', async (req, res) => {
    const principal = await requirePrincipal(api.authenticate, req);
    const found = await api.get(principal.sites, caseNoOf(req));
    if (!found) throw new AppError('NOT_FOUND', 'No such case.');
    res.json(found);
  });

  router.patch('/api/cases/:caseNo', async (req, res) => {
    const principal = await requirePrincipal(api.authenticate, req, true);
    if (!req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON (Content-Type: application/json).');
    const change = CasePatchBody.parse(req.body ?? {});
    const updated = await api.update(principal.sites, caseNoOf(req), change, principal.actor);
    if (!updated) throw new AppError('NOT_FOUND', 'No such case.');
    res.json(updated);
  });

  return router;
}

function caseNoOf(req: Request): string {
  const parsed = CaseNo.safeParse(req.params.caseNo);
  // A malformed number cannot name a case: the same 404 as an unknown one.
  if (!parsed.success) throw new AppError('NOT_FOUND', 'No such case.');
  return parsed.data;
}

const CSV_COLUMNS: [keyof CaseSummary, string][] = [
  ['caseNo', '案件编号 case number'],
  ['status', '状态 status'],
  ['category', '纠纷类型 dispute type'],
  ['platform', '平台 platform'],
  ['shopName', '店铺 shop'],
  ['product', '商品 product'],
  ['amountFen', '金额(元) amount (yuan)'],
  ['step', '进度 step'],
  ['createdAt', '创建时间 created'],
  ['updatedAt', '更新时间 updated'],
];

/** RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula. */
export function toCsv(rows: readonly CaseSummary[]): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.map(([, title]) => cell(title)).join(',')];
  for (const row of rows) {
    lines.push(CSV_COLUMNS.map(([key]) => cell(key === 'amountFen' && row.amountFen !== null ? (row.amountFen / 100).toFixed(2) : row[key])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
