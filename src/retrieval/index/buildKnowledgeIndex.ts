import type { KnowledgeDoc, SearchHit, SearchOptions } from '../types.js';
import { buildCorpusIndex, type CorpusIndex } from './corpusIndex.js';
import type { IndexResources } from './loadIndexResources.js';
import { makeRanker } from './makeRanker.js';
import { makeReferenceResolver, type ResolvedReference } from './references/makeReferenceResolver.js';

/** The in-memory retriever over law articles and plan sections. */
export type KnowledgeIndex = {
  /** Best docs first, one version per article; articles the question names directly come first. */
  search(query: string, options: SearchOptions): SearchHit[];
  /** The first direct article reference in the question (消保法第二十五条, 合同法第107条), if any. */
  resolveReference(query: string): ResolvedReference | undefined;
  /** Every direct article reference in the question, in order. */
  resolveReferences(query: string): ResolvedReference[];
  /** The question with its direct references (law names and article numbers) cut out. */
  withoutReferences(query: string): string;
  /** The question's index terms plus thesaurus expansions, e.g. for choosing which sentences to quote. */
  terms(query: string): string[];
  /** Number of indexed docs. */
  size: number;
  /** Top scores below these mean no confident match (scores are on the ranker's own scale). */
  confidence?: { law: number; plan: number };
};

/** Tokenizes and indexes `docs` (64k articles: a few seconds), then wraps them for search. */
export function buildKnowledgeIndex(docs: KnowledgeDoc[], resources: IndexResources, servingLaws: ReadonlySet<string>): KnowledgeIndex {
  return makeKnowledgeIndex(buildCorpusIndex(docs, resources.tokenizer), resources, servingLaws);
}

/** A KnowledgeIndex over an already built corpus index (evaluation swaps models over one corpus). */
export function makeKnowledgeIndex(corpus: CorpusIndex, resources: IndexResources, servingLaws: ReadonlySet<string>): KnowledgeIndex {
  const { tokenizer, thesaurus, model } = resources;
  const rank = makeRanker({ corpus, tokenizer, thesaurus, model, phrasings: resources.phrasings });
  const resolver = makeReferenceResolver(corpus, resources.aliases, resources.repealed, tokenizer.normalize);
  const served = (d: number) => {
    const doc = corpus.docs[d];
    return doc?.kind === 'plan' || (doc !== undefined && servingLaws.has(doc.lawShort));
  };
  // One 0/1 mask per scope × corpus, made on first use: the ranker filters 30k-doc lists with them.
  const masks = new Map<string, Uint8Array>();
  const maskFor = ({ scope, corpus: which }: SearchOptions) => {
    const name = `${scope}|${which}`;
    let mask = masks.get(name);
    if (!mask) {
      mask = Uint8Array.from(corpus.docs, (doc, d) => {
        const inScope = scope === 'all' || (scope === 'law') === (doc.kind === 'law');
        return inScope && (which === 'all' || served(d)) ? 1 : 0;
      });
      masks.set(name, mask);
    }
    return mask;
  };

  return {
    size: corpus.docs.length,
    search(query, options) {
      // A named article is returned even outside the serving set: the user asked for it by name.
      const pinned = options.scope === 'plan' ? [] : pinnedDocs(corpus, resolver.resolveAll(query));
      const ranked = rank(query, maskFor(options), options.k + pinned.length);
      const top = Math.max(0, ranked[0]?.score ?? 0);
      const pinnedKeys = new Set(pinned.map((d) => corpus.keys[d]));
      const hits: SearchHit[] = pinned.map((d, i) => ({ id: corpus.docs[d]?.id ?? '', score: top + pinned.length - i }));
      for (const { doc, score } of ranked) if (!pinnedKeys.has(corpus.keys[doc])) hits.push({ id: corpus.docs[doc]?.id ?? '', score });
      return hits.slice(0, options.k);
    },
    resolveReference: (query) => resolver.resolveAll(query)[0],
    resolveReferences: (query) => resolver.resolveAll(query),
    withoutReferences: (query) => resolver.withoutReferences(query),
    terms(query) {
      const own = tokenizer.tokenize(query);
      const normalized = tokenizer.normalize(query);
      const expanded = thesaurus.filter((t) => normalized.includes(t.phrase)).flatMap((t) => t.terms);
      return [...new Set([...own, ...expanded])];
    },
  };
}

/** The docs to put first: each named live article (its best version) or a repealed article's replacements. */
function pinnedDocs(corpus: CorpusIndex, refs: ResolvedReference[]): number[] {
  const ids = refs.flatMap((ref) => (ref.kind === 'article' ? ref.ids.slice(0, 1) : ref.kind === 'repealed' ? (ref.replacement?.ids ?? []) : []));
  return [...new Set(ids.map((id) => corpus.byId.get(id)).filter((d): d is number => d !== undefined))];
}
