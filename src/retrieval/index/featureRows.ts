import type { CorpusIndex } from './corpusIndex.js';
import type { LearnedStats } from './learnedStats.js';
import type { ScoreBuffer } from './bm25.js';
import type { NeighbourEvidence } from './neighbourVotes.js';
import { FEATURES, type FeatureName } from './features.js';
import type { FeatureBuffers } from './rankingFeatures.js';

export type Evidence = { memory: Map<string, number>; chapterMemory: Map<number, number>; neighbours: NeighbourEvidence; routes: Map<string, number> };

/** Floor for log P(law | question): laws never seen in training are unlikely, not impossible. */
const LOG_FLOOR = -30;

/**
 * One row per candidate. Text scores are divided by the best candidate's so they compare across
 * questions; `bodyLog` keeps the absolute strength. Plan sections have no law: they take the best
 * law's values of the law features, so they compete on text alone.
 */
export function featureRows(corpus: CorpusIndex, stats: LearnedStats, buffers: FeatureBuffers, docs: number[], ev: Evidence): Float32Array {
  const max = (b: ScoreBuffer) => docs.reduce((m, d) => Math.max(m, b.scores[d] ?? 0), 1e-6);
  const maxBody = max(buffers.body);
  const chapterText = (d: number) => buffers.chapterText.scores[corpus.docChapter[d] ?? -1] ?? 0;
  const maxChapterText = docs.reduce((m, d) => Math.max(m, chapterText(d)), 1e-6);
  const maxExpanded = max(buffers.expanded);
  const maxHeading = max(buffers.heading);
  const maxTranslation = max(buffers.translation);
  const maxThesaurus = max(buffers.thesaurus);
  const maxMemory = maxOf(ev.memory.values());
  const maxChapter = maxOf(ev.chapterMemory.values());
  const body = (d: number) => buffers.body.scores[d] ?? 0;
  // The strongest article of each law among the candidates: evidence the question is about that law at all.
  const lawBest = new Map<number, number>();
  for (const d of docs) lawBest.set(corpus.docLaw[d] ?? -1, Math.max(lawBest.get(corpus.docLaw[d] ?? -1) ?? 0, body(d)));
  const logPrior = (law: string) => Math.log(((stats.law.prior.get(law) ?? 0) + 0.1) / Math.max(1, stats.law.questions));
  const bestRoute = Math.max(LOG_FLOOR, maxOf(ev.routes.values(), -Infinity));
  const bestPrior = Math.max(logPrior(''), ...[...stats.law.prior.keys()].map(logPrior));
  const bestLawKnn = maxOf(ev.neighbours.laws.values());

  const n = FEATURES.length;
  const rows = new Float32Array(docs.length * n);
  docs.forEach((d, c) => {
    const key = corpus.keys[d] ?? '';
    const lawId = corpus.docLaw[d] ?? -1;
    const law = corpus.laws[lawId];
    const route = law === undefined ? bestRoute : Math.max(LOG_FLOOR, ev.routes.get(law) ?? LOG_FLOOR);
    const set = (feature: FeatureName, value: number) => (rows[c * n + (COLUMN.get(feature) ?? 0)] = value);
    set('body', body(d) / maxBody);
    set('bodyLog', Math.log1p(body(d)));
    // Rank within its own law: the best article of a law scores 1 however weak the law's match.
    set('bodyInLaw', body(d) / Math.max(1e-6, lawBest.get(lawId) ?? 0));
    // Its chapter's text as a whole against the question: the subject, when words spread over several articles.
    set('chapterText', chapterText(d) / maxChapterText);
    set('expanded', (buffers.expanded.scores[d] ?? 0) / maxExpanded);
    set('heading', (buffers.heading.scores[d] ?? 0) / maxHeading);
    set('translation', (buffers.translation.scores[d] ?? 0) / maxTranslation);
    set('thesaurus', (buffers.thesaurus.scores[d] ?? 0) / maxThesaurus);
    set('memory', (ev.memory.get(key) ?? 0) / maxMemory);
    set('chapterMemory', (ev.chapterMemory.get(corpus.docChapter[d] ?? -1) ?? 0) / maxChapter);
    set('knn', ev.neighbours.articles.get(key) ?? 0);
    set('knnChars', ev.neighbours.byChars.get(key) ?? 0);
    set('nearKnn', ev.neighbours.near.get(key) ?? 0);
    set('chapterKnn', ev.neighbours.chapters.get(corpus.docChapter[d] ?? -1) ?? 0);
    set('lawKnn', law === undefined ? bestLawKnn : (ev.neighbours.laws.get(lawId) ?? 0));
    set('lawRoute', route);
    set('lawProb', Math.exp(route));
    set('lawPrior', law === undefined ? bestPrior : logPrior(law));
    set('lawBest', (lawBest.get(lawId) ?? 0) / maxBody);
    set('popularity', Math.log1p(stats.popularity.get(key) ?? 0));
    set('current', corpus.current[d] ?? 0);
    set('length', Math.log1p(corpus.body.docLen[d] ?? 0));
  });
  return rows;
}

/** Feature name → column in a row. */
const COLUMN = new Map<FeatureName, number>(FEATURES.map((f, x) => [f, x]));

function maxOf(values: Iterable<number>, floor = 1e-6): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}
