import type { CorpusIndex } from './corpusIndex.js';
import type { LearnedStats } from './learnedStats.js';
import { addBm25Scores, makeScoreBuffer, touchedDocs, type WeightedTerm } from './bm25.js';
import { topByScores } from './topN.js';

/** Similar training questions consulted: enough to see a topic's usual 1–3 gold articles several times (not tuned). */
const NEIGHBOURS = 20;
/** Articles this close (in number, same law) to a neighbour's gold article share its vote, damped by distance. */
const NEAR = 3;

/** What the nearest training questions say about a new one, by article, neighbouring article, chapter and law. */
export type NeighbourEvidence = {
  articles: Map<string, number>;
  near: Map<string, number>;
  chapters: Map<number, number>;
  laws: Map<number, number>;
  /** Article votes of the nearest questions by character-bigram similarity. */
  byChars: Map<string, number>;
};

/**
 * kNN over training questions: each of the most similar questions (BM25) votes for its gold articles,
 * weighted by its similarity relative to the closest one and split across its golds.
 */
export function neighbourEvidence(
  corpus: CorpusIndex,
  stats: LearnedStats,
  terms: readonly WeightedTerm[],
  bigrams: readonly WeightedTerm[],
): NeighbourEvidence {
  const buffer = makeScoreBuffer(stats.questions.nDocs);
  addBm25Scores(stats.questions, terms, { k1: 1.2, b: 0.75 }, buffer);
  const nearest = topByScores(touchedDocs(buffer), buffer.scores, NEIGHBOURS);
  const top = buffer.scores[nearest[0] ?? 0] ?? 1;
  const evidence: NeighbourEvidence = {
    articles: new Map(),
    near: new Map(),
    chapters: new Map(),
    laws: new Map(),
    byChars: votesBy(stats, stats.questionBigrams, bigrams),
  };
  for (const q of nearest) {
    const golds = stats.questionGolds[q] ?? [];
    const vote = (buffer.scores[q] ?? 0) / top / golds.length;
    for (const key of golds) {
      evidence.articles.set(key, (evidence.articles.get(key) ?? 0) + vote);
      const anchor = newestVersion(corpus, key);
      if (anchor === undefined) continue;
      const chapter = corpus.docChapter[anchor] ?? -1;
      evidence.chapters.set(chapter, (evidence.chapters.get(chapter) ?? 0) + vote);
      const law = corpus.docLaw[anchor] ?? -1;
      evidence.laws.set(law, (evidence.laws.get(law) ?? 0) + vote);
    }
  }
  for (const [key, vote] of evidence.articles) addNear(corpus, key, vote, evidence.near);
  return evidence;
}

/** Neighbouring articles of a voted one: statutes put related rules next to each other. */
function addNear(corpus: CorpusIndex, key: string, vote: number, near: Map<string, number>): void {
  const anchor = newestVersion(corpus, key);
  const doc = anchor === undefined ? undefined : corpus.docs[anchor];
  if (anchor === undefined || doc?.kind !== 'law') return;
  for (const d of corpus.lawDocs[corpus.docLaw[anchor] ?? -1] ?? []) {
    const other = corpus.docs[d];
    if (other?.kind !== 'law' || corpus.current[d] !== corpus.current[anchor]) continue;
    const distance = Math.abs(other.number - doc.number);
    if (distance === 0 || distance > NEAR) continue;
    const k = corpus.keys[d] ?? '';
    near.set(k, Math.max(near.get(k) ?? 0, vote / distance));
  }
}

function newestVersion(corpus: CorpusIndex, key: string): number | undefined {
  const versions = corpus.keyDocs.get(key) ?? [];
  return versions.find((d) => corpus.current[d]) ?? versions[0];
}

/** Article votes of the nearest questions under one similarity. */
function votesBy(stats: LearnedStats, index: LearnedStats['questions'], terms: readonly WeightedTerm[]): Map<string, number> {
  const buffer = makeScoreBuffer(index.nDocs);
  addBm25Scores(index, terms, { k1: 1.2, b: 0.75 }, buffer);
  const nearest = topByScores(touchedDocs(buffer), buffer.scores, NEIGHBOURS);
  const top = buffer.scores[nearest[0] ?? 0] ?? 1;
  const votes = new Map<string, number>();
  for (const q of nearest) {
    const golds = stats.questionGolds[q] ?? [];
    for (const key of golds) votes.set(key, (votes.get(key) ?? 0) + (buffer.scores[q] ?? 0) / top / golds.length);
  }
  return votes;
}
