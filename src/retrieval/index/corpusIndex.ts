import type { KnowledgeDoc } from '../types.js';
import type { Tokenizer } from '../tokenize/index.js';
import { docTermIds, makeIndexBuilder, type InvertedIndex } from './invertedIndex.js';
import { docBody, docHeading, docKey } from './docFields.js';

/**
 * Everything about the corpus that does not depend on the learned model: term indexes over article
 * bodies and headings, and per-doc facts as flat arrays. Built once; the ranker reads it.
 */
export type CorpusIndex = {
  docs: readonly KnowledgeDoc[];
  /** `lawShort|label` for articles, `plan:<id>` for plan sections. */
  keys: string[];
  body: InvertedIndex;
  heading: InvertedIndex;
  /** Law id per doc (index into `laws`), -1 for plan sections. */
  docLaw: Int32Array;
  laws: string[];
  lawIds: Map<string, number>;
  lawDocs: number[][];
  keyDocs: Map<string, number[]>;
  /** Chapter id per doc (law + book + chapter path; plan sections: their parent path), for chapter-level evidence. */
  docChapter: Int32Array;
  chapterDocs: number[][];
  /**
   * One BM25 doc per chapter: the bodies of its current articles together. A question whose words
   * are spread over several articles of one chapter (its subject) finds the chapter even when no
   * single article holds them all.
   */
  chapterText: InvertedIndex;
  byId: Map<string, number>;
  current: Uint8Array;
};

export function buildCorpusIndex(docs: readonly KnowledgeDoc[], tokenizer: Tokenizer): CorpusIndex {
  const body = makeIndexBuilder();
  const heading = makeIndexBuilder();
  for (const doc of docs) {
    body.add(tokenizer.tokenize(docBody(doc)));
    heading.add(tokenizer.tokenize(docHeading(doc)));
  }
  const laws: string[] = [];
  const lawIds = new Map<string, number>();
  const lawDocs: number[][] = [];
  const docLaw = new Int32Array(docs.length).fill(-1);
  const keyDocs = new Map<string, number[]>();
  const byId = new Map<string, number>();
  const current = new Uint8Array(docs.length);
  const chapterIds = new Map<string, number>();
  const docChapter = new Int32Array(docs.length);
  const chapterDocs: number[][] = [];
  const keys = docs.map((doc, d) => {
    const key = docKey(doc);
    const versions = keyDocs.get(key);
    if (versions) versions.push(d);
    else keyDocs.set(key, [d]);
    const chapter =
      doc.kind === 'law' ? `${doc.lawShort}|${doc.part ?? ''}|${doc.chapterPath.join('/')}` : `plan|${doc.planId}|${doc.path.slice(0, -1).join('/')}`;
    if (!chapterIds.has(chapter)) chapterIds.set(chapter, chapterIds.size);
    const chapterId = chapterIds.get(chapter) ?? 0;
    docChapter[d] = chapterId;
    (chapterDocs[chapterId] ??= []).push(d);
    byId.set(doc.id, d);
    current[d] = doc.kind === 'plan' || doc.current ? 1 : 0;
    if (doc.kind === 'law') {
      let law = lawIds.get(doc.lawShort);
      if (law === undefined) {
        law = laws.length;
        laws.push(doc.lawShort);
        lawIds.set(doc.lawShort, law);
        lawDocs.push([]);
      }
      docLaw[d] = law;
      lawDocs[law]?.push(d);
    }
    return key;
  });
  const bodyIndex = body.finish();
  return {
    docs,
    keys,
    body: bodyIndex,
    heading: heading.finish(),
    docLaw,
    laws,
    lawIds,
    lawDocs,
    keyDocs,
    docChapter,
    chapterDocs,
    chapterText: concatenate(bodyIndex, chapterDocs, current),
    byId,
    current,
  };
}

/** An index whose docs are groups of docs (their current versions' bodies, or all versions when none is current). */
function concatenate(body: InvertedIndex, groups: readonly number[][], current: Uint8Array): InvertedIndex {
  const builder = makeIndexBuilder(body);
  for (const group of groups) {
    const now = group.filter((d) => current[d]);
    const ids = (now.length ? now : group).flatMap((d) => Array.from(docTermIds(body, d)));
    builder.addIds(ids);
  }
  return builder.finish();
}
