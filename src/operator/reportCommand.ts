import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Queryable } from '../storage/index.js';
import { makeEvaluation } from './evaluation.js';
import { renderReport } from './report.js';
import { auditPlanFile } from './runPlanAudit.js';

export const REPORT_USAGE = `npm run -s admin -- report --site ID --month YYYY-MM [--out FILE]
                                  the month's evaluation report (HTML): figures, top problems, top merchants
                                  and plan revision suggestions (plan audit, questions not covered)
`;

const Args = z.object({
  site: z.string({ error: '--site is required' }).min(1, '--site is required'),
  month: z.string({ error: '--month is required' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, '--month must look like 2026-11'),
  out: z.string().min(1).optional(),
});

export type ReportDeps = {
  db: Queryable;
  out: { write(text: string): void };
  findSite(id: string): Promise<{ id: string; name: string } | undefined>;
  knowledgeDir: string;
  /** The plan the report audits: the operator's PLAN_FILE, else Weiquan's default plan. */
  planFile: string;
  now(): Date;
};

/** `report …`: returns the exit code (2 for usage errors, 1 for an unknown site). Writes nothing but the report. */
export async function runReportCommand(argv: string[], deps: ReportDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { site: { type: 'string' }, month: { type: 'string' }, out: { type: 'string' } },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success || positionals.length > 0) {
    deps.out.write(
      `error: ${parsed.success ? `unexpected argument "${positionals[0] ?? ''}"` : (parsed.error.issues[0]?.message ?? 'invalid arguments')}\n\n${REPORT_USAGE}`,
    );
    return 2;
  }
  const { site: siteId, month, out } = parsed.data;
  const site = await deps.findSite(siteId);
  if (!site) {
    deps.out.write(`error: no site "${siteId}" (npm run -s admin -- sites list)\n`);
    return 1;
  }
  const [year, monthNumber] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year ?? 2000, monthNumber ?? 1, 0)).getUTCDate();
  const now = deps.now();
  const [evaluation, audit] = await Promise.all([
    makeEvaluation({ db: deps.db }).evaluate({ sites: [site.id], from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }),
    auditPlanFile(deps.db, deps.planFile, { knowledgeDir: deps.knowledgeDir, on: chinaDate(now) }),
  ]);
  const html = renderReport({
    site,
    month,
    evaluation,
    audit: { ...audit, file: path.basename(deps.planFile) },
    generatedAt: `${chinaDate(now)} ${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}（北京时间）`,
  });
  if (!out) {
    deps.out.write(html);
    return 0;
  }
  // Written whole or not at all: a second run replaces the file with the same report.
  const tmp = `${out}.${process.pid}.tmp`;
  await fs.writeFile(tmp, html, 'utf8');
  await fs.rename(tmp, out);
  deps.out.write(`report written to ${out}: ${evaluation.cases} cases, ${audit.findings.length} plan findings\n`);
  return 0;
}

function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
