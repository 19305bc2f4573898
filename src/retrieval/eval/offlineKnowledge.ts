import fs from 'node:fs/promises';
import path from 'node:path';
import { planSections, listPlanFiles } from '../ingest/ingestPlans.js';
import { listLawFiles, lawsToArticles } from '../ingest/readLawDirectory.js';
import { parseLawFile } from '../ingest/parseLawFile.js';
import { buildKnowledgeIndex, loadIndexResources } from '../index/index.js';
import { loadKnowledgeFiles } from '../knowledgeFiles.js';
import { makeKnowledge, type Knowledge } from '../makeKnowledge.js';
import { isServed, oneCopyEach, servingLawShorts } from '../servingSet.js';
import type { KnowledgeDoc } from '../types.js';

/**
 * The served knowledge (serving laws, the default plan and any operator plans) built from the files,
 * without a database: what the service answers from, for evaluations and tests. Only the files of served
 * laws are parsed, so it builds in seconds.
 */
export async function loadOfflineKnowledge(opts: { lawsDir: string; knowledgeDir: string; operatorPlans?: string[] }): Promise<Knowledge> {
  const files = await loadKnowledgeFiles(opts.knowledgeDir);
  const serving = servingLawShorts(files.servingLaws);
  // A file is named after its law (消费者权益保护法(2013-10-25).md; 民法典/合同编.md): parse only the served ones.
  const wanted = (await listLawFiles(opts.lawsDir)).filter((f) => {
    const base = path.basename(f).replace(/\(\d{4}-\d{2}-\d{2}\)\.md$|\.md$/, '');
    return serving.has(base) || f.startsWith('民法典/');
  });
  const laws = await Promise.all(wanted.map(async (f) => parseLawFile(f, await fs.readFile(path.join(opts.lawsDir, f), 'utf8'))));
  const articles = lawsToArticles(laws).filter((a) => isServed(files.servingLaws, a.lawShort, a.part));
  const plans = [
    ...(await listPlanFiles(path.join(opts.knowledgeDir, 'plan'))).map((f) => ({ f, ns: 'default' })),
    ...(opts.operatorPlans ?? []).map((f) => ({ f, ns: 'operator' })),
  ];
  const sections = (
    await Promise.all(
      plans.map(async ({ f, ns }) => {
        const planId = path.basename(f).replace(/\.(md|markdown|txt)$/i, '');
        return planSections(await fs.readFile(f, 'utf8'), planId, `plan:${ns}/${planId}`);
      }),
    )
  ).flat();
  const docs: KnowledgeDoc[] = oneCopyEach([...articles, ...sections]);
  const resources = await loadIndexResources(opts.knowledgeDir);
  return makeKnowledge(buildKnowledgeIndex(docs, resources, serving), docs, files, 'serving', resources.tokenizer);
}
