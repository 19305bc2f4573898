import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Evaluation, EvaluationChart, EvaluationTable } from '../../operator/evaluation.js';
import type { EvaluationFilter } from '../../operator/sql/evaluation.js';
import { requirePrincipal, type Authenticate } from '../auth/principal.js';

/** What the evaluation endpoints need; src/main.ts binds them to the database. */
export type EvaluationApi = {
  authenticate: Authenticate;
  evaluate(filter: EvaluationFilter): Promise<Evaluation>;
  table(evaluation: Evaluation, chart: EvaluationChart): EvaluationTable;
  csv(table: EvaluationTable): string;
  charts: readonly EvaluationChart[];
};

const date = z.iso
  .date({ error: 'must be a date like 2026-11-28' })
  .refine((d) => d >= '2000-01-01' && d <= '2199-12-31', 'must be a date between 2000-01-01 and 2199-12-31');

const Query = z.strictObject({
  site: z
    .string()
    .regex(/^[a-z0-9_]{3,40}$/, 'must be a site id')
    .optional(),
  from: date.optional(),
  to: date.optional(),
  chart: z.string().optional(),
});

const MAX_DAYS = 366;

/**
 * GET /api/evaluation?site=&from=&to= (the figures of the evaluation page) and
 * GET /api/evaluation.csv?chart=…: one chart's data. A key or an agent sees only its own sites.
 */
export function evaluationRouter(api: EvaluationApi): Router {
  const router = Router();
  router.use(['/api/evaluation', '/api/evaluation.csv'], (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const filterOf = async (req: Request) => {
    const principal = await requirePrincipal(api.authenticate, req);
    const query = Query.parse(req.query);
    // Another site's figures do not exist for this caller: the same 404 as an unknown site.
    if (query.site && !principal.sites.includes(query.site)) throw new AppError('NOT_FOUND', 'No such site.');
    const to = query.to ?? chinaToday();
    const from = query.from ?? addDays(to, -29);
    if (from > to) throw new AppError('VALIDATION_FAILED', 'The request is not valid: from must not be after to.');
    if (addDays(from, MAX_DAYS) <= to) throw new AppError('VALIDATION_FAILED', `The request is not valid: the period is at most ${MAX_DAYS} days.`);
    return { filter: { sites: query.site ? [query.site] : principal.sites, from, to }, chart: query.chart };
  };

  router.get('/api/evaluation', async (req, res) => {
    const { filter } = await filterOf(req);
    res.json(await api.evaluate(filter));
  });

  router.get('/api/evaluation.csv', async (req, res) => {
    const { filter, chart } = await filterOf(req);
    const which = api.charts.find((c) => c === chart);
    if (!which) throw new AppError('VALIDATION_FAILED', `The request is not valid: chart must be one of ${api.charts.join(', ')}.`);
    const table = api.table(await api.evaluate(filter), which);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="weiquan-${which}-${filter.from}-${filter.to}.csv"`);
    res.send(api.csv(table));
  });
  return router;
}

function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
