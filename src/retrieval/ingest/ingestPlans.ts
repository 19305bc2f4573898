import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger.js';
import type { Db } from '../../storage/index.js';
import { findSources, retireSources, upsertSource } from '../sql/knowledgeSources.js';
import { replacePlanSections } from '../sql/planSections.js';
import type { PlanSection } from '../types.js';
import { parsePlan } from './parsePlan.js';

const PARSER_VERSION = 'plan-parser-2';

export type PlanIngestReport = { added: number; updated: number; unchanged: number; retired: number; sections: number };

export type PlanIngestOptions = {
  /** `default`: Weiquan's own plans in knowledge/plan/; `operator`: the operator's plan(s). */
  namespace: 'default' | 'operator';
  /** Retire plans of this namespace whose file is not among `files` (a removed default plan). */
  retireMissing: boolean;
  logger: Logger;
};

/**
 * Ingests plan files (Markdown or plain text, flattened or not), keyed by namespace and file name
 * (not by absolute path, so moving the checkout does not duplicate them). Idempotent by content hash.
 */
export async function ingestPlans(db: Db, files: string[], options: PlanIngestOptions): Promise<PlanIngestReport> {
  const known = await findSources(db, 'plan');
  const report: PlanIngestReport = { added: 0, updated: 0, unchanged: 0, retired: 0, sections: 0 };
  const seen = new Set<string>();
  for (const file of files) {
    const planId = path.basename(file).replace(/\.(md|markdown|txt)$/i, '');
    const sourcePath = `plan:${options.namespace}/${planId}`;
    seen.add(sourcePath);
    const content = await fs.readFile(file, 'utf8');
    const contentHash = createHash('sha256').update(PARSER_VERSION).update(content).digest('hex');
    const previous = known.get(sourcePath);
    if (previous && previous.contentHash === contentHash && !previous.retired) {
      report.unchanged += 1;
      continue;
    }
    const sections = planSections(content, planId, sourcePath);
    await db.withTransaction(async (tx) => {
      await upsertSource(tx, { sourcePath, kind: 'plan', contentHash });
      await replacePlanSections(tx, sourcePath, sections);
    });
    report.sections += sections.length;
    if (previous) report.updated += 1;
    else report.added += 1;
  }
  if (options.retireMissing) {
    const prefix = `plan:${options.namespace}/`;
    const gone = [...known.values()].filter((s) => !s.retired && s.sourcePath.startsWith(prefix) && !seen.has(s.sourcePath)).map((s) => s.sourcePath);
    report.retired = await retireSources(db, gone);
  }
  options.logger.info({ ...report, namespace: options.namespace }, 'knowledge.plans_ingested');
  return report;
}

/** A plan file's sections as stored and served. */
export function planSections(content: string, planId: string, sourcePath: string): PlanSection[] {
  const parsed = parsePlan(content, planId);
  return parsed.sections.map((s, i) => ({
    id: `${planId}#${i + 1}`,
    kind: 'plan',
    planId,
    planTitle: parsed.title,
    heading: s.heading,
    path: s.path,
    text: s.text,
    order: i + 1,
    sourcePath,
  }));
}

/** Plan files in a folder: .md, .markdown and .txt, sorted. */
export async function listPlanFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => []);
  return names
    .filter((n) => /\.(md|markdown|txt)$/i.test(n) && n !== 'README.md')
    .sort()
    .map((n) => path.join(dir, n));
}
