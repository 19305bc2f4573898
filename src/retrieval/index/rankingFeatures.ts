import type { CorpusIndex } from './corpusIndex.js';
import type { LearnedStats } from './learnedStats.js';
import { routeLaws } from './lawRouter.js';
import { addBm25Scores, countTerms, makeScoreBuffer, resetScoreBuffer, touchedDocs, type ScoreBuffer, type WeightedTerm } from './bm25.js';
import { topByScores, topN } from './topN.js';
import { neighbourEvidence } from './neighbourVotes.js';
import { featureRows } from './featureRows.js';

export { FEATURES, type FeatureName } from './features.js';

/** BM25 for every field: the classic defaults; a grid over k1/b on body-only ranking did not beat them. */
export const BM25 = { k1: 1.2, b: 0.75 };

/**
 * How deep each source of candidates is read; together they hold ~92% of gold articles (5-fold CV,
 * random split) and ~88% on unseen topics (block split), ~800 articles a question.
 * Reading the expanded index 800 deep instead of 300 left R@10 and R@100 unchanged.
 * The 10 best chapters by chapter text (20 articles each) add ~1 point of block-split gold coverage.
 */
const DEPTH = {
  body: 500,
  expanded: 300,
  heading: 100,
  expansion: 100,
  memory: 100,
  lawsRouted: 3,
  perRoutedLaw: 50,
  chapters: 5,
  perChapter: 20,
  textChapters: 10,
  perTextChapter: 20,
};

export type QueryInput = {
  terms: readonly string[];
  /** Character bigrams of the normalized question. */
  bigrams: readonly string[];
  thesaurus: readonly WeightedTerm[];
  /** 1 for docs that may be returned (scope and corpus filters). */
  allowed: Uint8Array;
};

/** Candidate docs (one version per article) and their feature rows, `FEATURES.length` floats each. */
export type Candidates = { docs: number[]; rows: Float32Array };

export type FeatureBuffers = {
  chapterText: ScoreBuffer;
  body: ScoreBuffer;
  expanded: ScoreBuffer;
  heading: ScoreBuffer;
  translation: ScoreBuffer;
  thesaurus: ScoreBuffer;
};

export const makeFeatureBuffers = (corpus: CorpusIndex): FeatureBuffers => ({
  chapterText: makeScoreBuffer(corpus.chapterText.nDocs),
  body: makeScoreBuffer(corpus.docs.length),
  expanded: makeScoreBuffer(corpus.docs.length),
  heading: makeScoreBuffer(corpus.docs.length),
  translation: makeScoreBuffer(corpus.docs.length),
  thesaurus: makeScoreBuffer(corpus.docs.length),
});

/** Gathers candidate docs from every evidence source with their feature rows. */
export function collectCandidates(corpus: CorpusIndex, stats: LearnedStats, buffers: FeatureBuffers, query: QueryInput): Candidates {
  const { body, expanded, heading, translation, thesaurus } = buffers;
  for (const b of [body, expanded, heading, translation, thesaurus, buffers.chapterText]) resetScoreBuffer(b);
  const terms = countTerms(query.terms);
  addBm25Scores(corpus.body, terms, BM25, body);
  addBm25Scores(stats.expanded, terms, BM25, expanded);
  addBm25Scores(corpus.heading, terms, BM25, heading);
  addBm25Scores(corpus.body, translate(stats, query.terms), BM25, translation);
  addBm25Scores(corpus.body, query.thesaurus, BM25, thesaurus);
  const best = (b: ScoreBuffer, n: number) => topByScores(touchedDocs(b), b.scores, n, query.allowed);

  const pool = new Set<number>([
    ...best(body, DEPTH.body),
    ...best(expanded, DEPTH.expanded),
    ...best(heading, DEPTH.heading),
    ...best(translation, DEPTH.expansion),
    ...best(thesaurus, DEPTH.expansion),
  ]);
  addBm25Scores(corpus.chapterText, terms, BM25, buffers.chapterText);
  for (const chapter of topByScores(touchedDocs(buffers.chapterText), buffers.chapterText.scores, DEPTH.textChapters)) {
    for (const d of topByScores(corpus.chapterDocs[chapter] ?? [], body.scores, DEPTH.perTextChapter, body.seen)) pool.add(d);
  }
  const memory = memoryScores(stats, terms);
  const memoryEntries = [...memory];
  for (const i of topN(
    memoryEntries.map((_, i) => i),
    (i) => memoryEntries[i]?.[1] ?? 0,
    DEPTH.memory,
  )) {
    for (const d of corpus.keyDocs.get(memoryEntries[i]?.[0] ?? '') ?? []) pool.add(d);
  }
  const chapterMemory = chapterScores(stats, terms);
  for (const chapter of topN([...chapterMemory.keys()], (c) => chapterMemory.get(c) ?? 0, DEPTH.chapters)) {
    for (const d of topByScores(corpus.chapterDocs[chapter] ?? [], expanded.scores, DEPTH.perChapter, expanded.seen)) pool.add(d);
  }
  const neighbours = neighbourEvidence(corpus, stats, terms, countTerms(query.bigrams));
  for (const key of [...neighbours.articles.keys(), ...neighbours.byChars.keys()]) for (const d of corpus.keyDocs.get(key) ?? []) pool.add(d);
  const routes = routeLaws(stats.law, query.terms);
  for (const [law] of [...routes].sort((a, b) => b[1] - a[1]).slice(0, DEPTH.lawsRouted)) {
    for (const d of topByScores(corpus.lawDocs[corpus.lawIds.get(law) ?? -1] ?? [], body.scores, DEPTH.perRoutedLaw, body.seen)) pool.add(d);
  }
  const docs = onePerKey(
    corpus,
    [...pool].filter((d) => query.allowed[d] === 1),
    body,
  );
  return { docs, rows: featureRows(corpus, stats, buffers, docs, { memory, chapterMemory, neighbours, routes }) };
}

/**
 * Versions of one article collapse to one doc: the current version when the article still exists
 * (users should be shown the law in force), else the superseded version with the best body score.
 */
function onePerKey(corpus: CorpusIndex, docs: number[], body: ScoreBuffer): number[] {
  const byKey = new Map<string, number>();
  const rank = (d: number) => (corpus.current[d] ?? 0) * 1e9 + (body.scores[d] ?? 0);
  for (const d of docs) {
    const key = corpus.keys[d] ?? '';
    const prev = byKey.get(key);
    if (prev === undefined || rank(d) > rank(prev)) byKey.set(key, d);
  }
  // A current version may be missing from the pool (it scored lower than an old one): fetch it.
  for (const [key, d] of byKey) {
    if (corpus.current[d]) continue;
    const now = corpus.keyDocs.get(key)?.find((v) => corpus.current[v]);
    if (now !== undefined) byKey.set(key, now);
  }
  return [...byKey.values()];
}

/** Article terms the learned association table links to the question's terms, weights summed. */
function translate(stats: LearnedStats, terms: readonly string[]): WeightedTerm[] {
  const own = new Set(terms);
  const acc = new Map<string, number>();
  for (const u of own) for (const { term, weight } of stats.translation.get(u) ?? []) if (!own.has(term)) acc.set(term, (acc.get(term) ?? 0) + weight);
  return [...acc]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_TRANSLATED)
    .map(([term, weight]) => ({ term, weight }));
}

/** Strongest associated terms searched; a long question can link to 100+, whose postings cost more than they add. */
const MAX_TRANSLATED = 40;

/** BM25 of the question against each article's training questions (document expansion by past questions). */
function memoryScores(stats: LearnedStats, terms: readonly WeightedTerm[]): Map<string, number> {
  const buffer = makeScoreBuffer(stats.memory.nDocs);
  addBm25Scores(stats.memory, terms, BM25, buffer);
  return new Map(Array.from(touchedDocs(buffer), (i) => [stats.memoryKeys[i] ?? '', buffer.scores[i] ?? 0]));
}

/** BM25 of the question against each chapter's training questions, by chapter id. */
function chapterScores(stats: LearnedStats, terms: readonly WeightedTerm[]): Map<number, number> {
  const buffer = makeScoreBuffer(stats.chapterMemory.nDocs);
  addBm25Scores(stats.chapterMemory, terms, BM25, buffer);
  return new Map(Array.from(touchedDocs(buffer), (i) => [stats.chapterIds[i] ?? -1, buffer.scores[i] ?? 0]));
}
