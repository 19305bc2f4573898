import path from 'node:path';
import type { Logger } from '../../logger.js';
import type { Db } from '../../storage/index.js';
import { loadKnowledgeFiles } from '../knowledgeFiles.js';
import { isServed } from '../servingSet.js';
import { ingestLaws, type IngestReport } from './ingestLaws.js';
import { ingestPlans, listPlanFiles, type PlanIngestReport } from './ingestPlans.js';

export type KnowledgeIngestOptions = {
  lawsDir: string;
  /** `serving`: store only the laws of knowledge/servingLaws.json; `all`: every law in lawsDir. */
  corpus: 'serving' | 'all';
  knowledgeDir: string;
  /** The operator's own plan file(s), kept next to Weiquan's default plan. */
  operatorPlans: string[];
  logger: Logger;
};

export type KnowledgeIngestReport = { laws: IngestReport; defaultPlans: PlanIngestReport; operatorPlans: PlanIngestReport };

/** Laws, Weiquan's default plans (knowledge/plan/) and the operator's plans, each idempotently. */
export async function ingestKnowledge(db: Db, options: KnowledgeIngestOptions): Promise<KnowledgeIngestReport> {
  const { servingLaws } = await loadKnowledgeFiles(options.knowledgeDir);
  const laws = await ingestLaws(db, {
    dir: options.lawsDir,
    include: options.corpus === 'all' ? undefined : (law) => isServed(servingLaws, law.shortTitle, law.part),
    logger: options.logger,
  });
  const defaultPlans = await ingestPlans(db, await listPlanFiles(path.join(options.knowledgeDir, 'plan')), {
    namespace: 'default',
    retireMissing: true,
    logger: options.logger,
  });
  const operatorPlans = await ingestPlans(db, options.operatorPlans, { namespace: 'operator', retireMissing: false, logger: options.logger });
  return { laws, defaultPlans, operatorPlans };
}
