import type { Tokenizer } from '../tokenize/index.js';
import type { CorpusIndex } from './corpusIndex.js';
import { buildInvertedIndex, docTermIds, makeIndexBuilder, type InvertedIndex } from './invertedIndex.js';
import type { WeightedTerm } from './bm25.js';
import type { RetrievalModel } from './retrievalModel.js';
import { addToRouter, makeLawRouter, type LawRouter } from './lawRouter.js';
import type { Phrasings } from './catalogPhrasings.js';

/** The model's questions turned into the structures the features read. Cheap: ~1k short questions. */
export type LearnedStats = {
  /** BM25 index over training questions (kNN feature), parallel to `questionGolds`. */
  questions: InvertedIndex;
  questionGolds: string[][];
  /** The same questions as character bigrams: similarity that does not depend on word segmentation. */
  questionBigrams: InvertedIndex;
  /** BM25 index whose docs are articles, each the concatenation of the questions it answers. */
  memory: InvertedIndex;
  memoryKeys: string[];
  /**
   * Article bodies expanded with the training questions they answer (document expansion): one BM25
   * index over both, so a question scores against the statute's words and past askers' words at once.
   */
  expanded: InvertedIndex;
  /** BM25 index whose docs are chapters, each the concatenation of the questions its articles answer. */
  chapterMemory: InvertedIndex;
  chapterIds: number[];
  /** How many training questions each article answers. */
  popularity: Map<string, number>;
  law: LawRouter;
  translation: Map<string, WeightedTerm[]>;
  weights: Map<string, number>;
};

/** `phrasings`: hand-written everyday descriptions per article, added to the expanded bodies with the questions. */
export function makeLearnedStats(model: RetrievalModel, tokenizer: Tokenizer, corpus: CorpusIndex, phrasings: Phrasings = new Map()): LearnedStats {
  const questionTerms = model.questions.map((q) => tokenizer.tokenize(q.text));
  const memory = new Map<string, string[]>();
  const popularity = new Map<string, number>();
  const law = makeLawRouter();
  model.questions.forEach((q, i) => {
    const terms = questionTerms[i] ?? [];
    for (const key of q.golds) {
      popularity.set(key, (popularity.get(key) ?? 0) + 1);
      const asked = memory.get(key);
      if (asked) asked.push(...terms);
      else memory.set(key, [...terms]);
    }
    addToRouter(law, terms, [...new Set(q.golds.map((k) => k.slice(0, k.lastIndexOf('|'))))]);
  });
  const memoryKeys = [...memory.keys()];
  const chapters = new Map<number, string[]>();
  for (const [key, asked] of memory) {
    const versions = corpus.keyDocs.get(key) ?? [];
    const anchor = versions.find((d) => corpus.current[d]) ?? versions[0];
    if (anchor === undefined) continue;
    const chapter = corpus.docChapter[anchor] ?? -1;
    const terms = chapters.get(chapter);
    if (terms) terms.push(...asked);
    else chapters.set(chapter, [...asked]);
  }
  const chapterIds = [...chapters.keys()];
  return {
    questions: buildInvertedIndex(questionTerms),
    questionGolds: model.questions.map((q) => q.golds),
    questionBigrams: buildInvertedIndex(model.questions.map((q) => charBigrams(tokenizer.normalize(q.text)))),
    memory: buildInvertedIndex(memoryKeys.map((k) => memory.get(k) ?? [])),
    memoryKeys,
    expanded: expandBodies(corpus, memory, tokenizePhrasings(phrasings, tokenizer)),
    chapterMemory: buildInvertedIndex(chapterIds.map((c) => chapters.get(c) ?? [])),
    chapterIds,
    popularity,
    law,
    translation: new Map(Object.entries(model.translation).map(([u, vs]) => [u, vs.map(([term, weight]) => ({ term, weight }))])),
    weights: new Map(Object.entries(model.weights)),
  };
}

/** The body index again, with each article's training questions and catalog phrasings appended to its text. */
function expandBodies(corpus: CorpusIndex, memory: ReadonlyMap<string, string[]>, phrased: ReadonlyMap<string, string[]>): InvertedIndex {
  const builder = makeIndexBuilder(corpus.body);
  for (let d = 0; d < corpus.docs.length; d++) {
    const key = corpus.keys[d] ?? '';
    builder.addIds(docTermIds(corpus.body, d), [...(memory.get(key) ?? []), ...(phrased.get(key) ?? [])]);
  }
  return builder.finish();
}

function tokenizePhrasings(phrasings: Phrasings, tokenizer: Tokenizer): Map<string, string[]> {
  return new Map([...phrasings].map(([key, texts]) => [key, texts.flatMap((t) => tokenizer.tokenize(t))]));
}

/** Overlapping pairs of word characters: 七天无理由 → 七天 天无 无理 理由. */
export function charBigrams(text: string): string[] {
  const chars = [...text.replace(/[^\p{Script=Han}\p{L}\p{N}]+/gu, ' ')];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== ' ' && chars[i + 1] !== ' ') out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}
