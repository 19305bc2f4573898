import fs from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledgeFiles } from '../retrieval/knowledgeFiles.js';
import { LawAliasesFile } from '../retrieval/index/references/referenceFiles.js';
import { chinaDate } from '../retrieval/versions.js';
import type { Queryable } from '../storage/index.js';
import { auditPlan, type PlanAudit } from './planAudit.js';
import { findHeldArticles, findHeldLawNames } from './sql/heldLaws.js';

/** A plan file that cannot be audited: not there, empty, or not text. */
export class PlanFileError extends Error {}

/** Audits a plan's text against the laws held in the database and the knowledge files in `knowledgeDir`. */
export async function auditPlanText(db: Queryable, text: string, options: { knowledgeDir: string; on?: string }): Promise<PlanAudit> {
  if (!text.trim()) throw new PlanFileError('the plan is empty');
  if (text.includes('\u0000')) throw new PlanFileError('the plan is not a text file (Markdown or plain text)');
  const [files, aliasesRaw, lawNames] = await Promise.all([
    loadKnowledgeFiles(options.knowledgeDir),
    fs.readFile(path.join(options.knowledgeDir, 'lawAliases.json'), 'utf8'),
    findHeldLawNames(db),
  ]);
  const aliases = LawAliasesFile.parse(JSON.parse(aliasesRaw)).aliases;
  return auditPlan(text, {
    lawNames,
    aliases,
    repealed: files.repealed,
    renamed: files.renamed,
    articles: (laws) => findHeldArticles(db, laws),
    on: options.on ?? chinaDate(new Date()),
  });
}

export async function auditPlanFile(db: Queryable, file: string, options: { knowledgeDir: string; on?: string }): Promise<PlanAudit> {
  const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new PlanFileError(`cannot read ${file}: ${e.code ?? e.message}`);
  });
  return auditPlanText(db, text, options);
}
