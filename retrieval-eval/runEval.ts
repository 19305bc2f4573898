/**
 * `npm run kb:eval -- --set everyday [--check] [--show-held-out]`: everyday consumer questions (knowledge/eval/everyday.jsonl)
 * against the served answer; see everydayMain.ts.
 * `npm run kb:eval [-- --laws DIR --eval FILE --knowledge DIR --folds 5 --split random|block --disable a,b --linear --no-catalog --out FILE]`
 * Cross-validated quality of our retriever next to plain BM25, on the whole law corpus.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLawDirectory } from '../src/retrieval/ingest/readLawDirectory.js';
import { buildCorpusIndex, loadIndexResources } from '../src/retrieval/index/index.js';
import { articleKey } from '../src/retrieval/index/docFields.js';
import { makeBaselineBm25 } from './baselineBm25.js';
import { crossValidate } from './crossValidate.js';
import { goldKeys, readEvalSet, type EvalQuestion } from './evalSet.js';
import { meanMetrics, scoreRanking, type MetricSet } from './metrics.js';
import { parseArgs } from './parseArgs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const lawsDir = path.resolve(repoRoot, args.get('laws') ?? '../shared/laws');
const evalFile = path.resolve(repoRoot, args.get('eval') ?? '../shared/eval/stard-train.jsonl');
const knowledgeDir = path.resolve(repoRoot, args.get('knowledge') ?? 'knowledge');
const out = path.resolve(repoRoot, args.get('out') ?? 'reports/kb-eval.json');
const folds = Number(args.get('folds') ?? 5);
const split = args.get('split') === 'block' ? 'block' : 'random';
const disabled = new Set((args.get('disable') ?? '').split(',').filter(Boolean));
const boost = args.get('linear') !== 'true';
const log = (line: string) => process.stdout.write(`${line}\n`);

if (args.get('set') === 'everyday') {
  const { runEverydayEval } = await import('./everydayMain.js');
  process.exitCode = await runEverydayEval(args, repoRoot, log);
} else {
  await runStard();
}

async function runStard(): Promise<void> {
  const started = Date.now();
  const [articles, questions, loaded] = await Promise.all([readLawDirectory(lawsDir), readEvalSet(evalFile), loadIndexResources(knowledgeDir)]);
  // --no-catalog: leave out the hand-written catalog phrasings, to measure what they add.
  const resources = args.get('no-catalog') === 'true' ? { ...loaded, phrasings: new Map<string, string[]>() } : loaded;
  log(`corpus ${articles.length} articles, ${questions.length} questions (${questions.filter((q) => q.mission).length} mission)`);
  const corpus = buildCorpusIndex(articles, resources.tokenizer);
  log(`index built in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const baseline = makeBaselineBm25(articles);
  const baselineRankings = questions.map((q) => [
    ...new Set(baseline(q.query, 400).map((d) => articleKey(articles[d]?.lawShort ?? '', articles[d]?.label ?? ''))),
  ]);
  const cv = crossValidate(corpus, resources, questions, { folds, split, seed: 7, disabled, boost, depth: 100 });

  const summary = (rankings: string[][]) => ({
    all: summarize(questions, rankings, () => true),
    mission: summarize(questions, rankings, (q) => q.mission),
  });
  const report = {
    generatedAt: new Date().toISOString(),
    corpus: { articles: articles.length, lawsDir: path.relative(repoRoot, lawsDir) },
    evalFile: path.relative(repoRoot, evalFile),
    questions: questions.length,
    crossValidation: { folds, split, seed: 7, disabled: [...disabled], boostedTrees: boost, catalogPhrasings: resources.phrasings.size },
    ours: summary(cv.rankings),
    baseline: summary(baselineRankings),
    weights: cv.weights.map((w) => Object.fromEntries(w)),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  log('');
  log(`${folds}-fold cross-validation (${split} split)       R@1    R@5    R@10   R@100  MRR@10 nDCG@10`);
  for (const subset of ['all', 'mission'] as const) {
    log(row(`ours     ${subset}`, report.ours[subset]));
    log(row(`baseline ${subset}`, report.baseline[subset]));
  }
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nreport: ${path.relative(repoRoot, out)} (${report.seconds} s)`);
}

function summarize(qs: readonly EvalQuestion[], rankings: string[][], keep: (q: EvalQuestion) => boolean): MetricSet & { n: number } {
  const rows = qs.flatMap((q, i) => (keep(q) ? [scoreRanking(rankings[i] ?? [], goldKeys(q))] : []));
  return { n: rows.length, ...meanMetrics(rows) };
}

function row(name: string, m: MetricSet & { n: number }): string {
  const f = (x: number) => x.toFixed(3).padStart(6);
  return `${`${name} (n=${m.n})`.padEnd(40)} ${[m.r1, m.r5, m.r10, m.r100, m.mrr10, m.ndcg10].map(f).join(' ')}`;
}
