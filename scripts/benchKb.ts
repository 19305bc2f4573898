/**
 * `npm run bench:kb [-- --laws DIR --eval FILE]`: index build time, peak RSS and per-query latency of the
 * in-memory retriever over the whole law corpus, with the shipped model (knowledge/retrievalModel.json).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLawDirectory } from '../src/retrieval/ingest/readLawDirectory.js';
import { buildKnowledgeIndex, loadIndexResources } from '../src/retrieval/index/index.js';
import { readEvalSet } from '../retrieval-eval/evalSet.js';
import { parseArgs } from '../retrieval-eval/parseArgs.js';
import type { SearchOptions } from '../src/retrieval/types.js';
import { loadKnowledgeFiles } from '../src/retrieval/knowledgeFiles.js';
import { makeKnowledge } from '../src/retrieval/makeKnowledge.js';
import { servingLawShorts } from '../src/retrieval/servingSet.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const lawsDir = path.resolve(repoRoot, args.get('laws') ?? process.env.LAWS_DIR ?? '../shared/laws');
const evalFile = path.resolve(repoRoot, args.get('eval') ?? '../shared/eval/stard-train.jsonl');
const knowledgeDir = path.resolve(repoRoot, args.get('knowledge') ?? 'knowledge');
const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

let t = performance.now();
const articles = await readLawDirectory(lawsDir);
const readMs = performance.now() - t;
t = performance.now();
const resources = await loadIndexResources(knowledgeDir);
const resourcesMs = performance.now() - t;
t = performance.now();
const files = await loadKnowledgeFiles(knowledgeDir);
const index = buildKnowledgeIndex(articles, resources, servingLawShorts(files.servingLaws));
const buildMs = performance.now() - t;
const questions = await readEvalSet(evalFile);

log(`corpus: ${articles.length} articles from ${lawsDir} (read + parse ${seconds(readMs)})`);
log(`load resources (jieba + dictionary, opencc, thesaurus, model): ${seconds(resourcesMs)}`);
log(`build index: ${seconds(buildMs)}   (resources + build: ${seconds(resourcesMs + buildMs)})`);

// The first searches run before V8 has optimized the scoring loops (30–45 ms each); a server warms up
// once at start, so latency is measured after 100 warm-up questions and the cold figure reported apart.
const cold = performance.now();
index.search(questions[0]?.query ?? '退货', { k: 10, scope: 'law', corpus: 'all' });
log(`first (cold) query: ${(performance.now() - cold).toFixed(1)} ms`);
for (const q of questions.slice(0, 100)) index.search(q.query, { k: 10, scope: 'law', corpus: 'all' });

for (const options of [
  { k: 10, scope: 'law', corpus: 'all' },
  { k: 100, scope: 'law', corpus: 'all' },
  { k: 10, scope: 'all', corpus: 'serving' },
] satisfies SearchOptions[]) {
  const times: number[] = [];
  for (const q of questions) {
    const start = performance.now();
    index.search(q.query, options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(1);
  log(
    `query k=${options.k} scope=${options.scope} corpus=${options.corpus}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms over ${times.length} questions`,
  );
}
// The whole answer (search of the serving laws, catalog match, plan section, quotes), as the API and the dialog's side questions run it.
const knowledge = makeKnowledge(index, articles, files, 'serving', resources.tokenizer);
const answerTimes: number[] = [];
for (const q of questions) {
  const start = performance.now();
  knowledge.answer({ question: q.query });
  answerTimes.push(performance.now() - start);
}
answerTimes.sort((a, b) => a - b);
const answerAt = (p: number) => (answerTimes[Math.min(answerTimes.length - 1, Math.floor(p * answerTimes.length))] ?? 0).toFixed(1);
log(`answer (serving laws): p50 ${answerAt(0.5)} ms, p99 ${answerAt(0.99)} ms, max ${answerAt(1)} ms over ${answerTimes.length} questions`);
log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
