/**
 * A compact inverted index: postings in flat typed arrays (CSR layout) so 64k articles with ~5M
 * terms take a few tens of MB and score without allocating per query.
 */
export type InvertedIndex = {
  nDocs: number;
  terms: Map<string, number>;
  /** Term id → term. */
  vocab: string[];
  /** Postings of term t are `docs[offsets[t]] … docs[offsets[t + 1] - 1]`, with their term frequencies in `tfs`. */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  docLen: Float32Array;
  avgLen: number;
  /** Each doc's term ids (sorted), `docTerms[docStarts[d]] … docTerms[docStarts[d + 1] - 1]`: the forward index. */
  docTerms: Uint32Array;
  docStarts: Uint32Array;
};

/** Collects docs one at a time; strings are interned at once, so only compact id arrays stay alive. */
export type IndexBuilder = {
  add(tokens: readonly string[]): void;
  /** Adds a doc given as term ids of this builder's vocabulary plus extra tokens. */
  addIds(ids: ArrayLike<number>, extra?: readonly string[]): void;
  finish(): InvertedIndex;
};

export function makeIndexBuilder(seed?: Pick<InvertedIndex, 'terms' | 'vocab'>): IndexBuilder {
  const terms = new Map(seed?.terms ?? []);
  const vocab = [...(seed?.vocab ?? [])];
  let flat = new Uint32Array(1 << 20);
  let used = 0;
  const starts: number[] = [0];
  const intern = (token: string) => {
    let id = terms.get(token);
    if (id === undefined) {
      id = vocab.length;
      terms.set(token, id);
      vocab.push(token);
    }
    return id;
  };
  const push = (id: number) => {
    if (used === flat.length) {
      const bigger = new Uint32Array(flat.length * 2);
      bigger.set(flat);
      flat = bigger;
    }
    flat[used++] = id;
  };
  const close = () => {
    flat.subarray(starts.at(-1) ?? 0, used).sort();
    starts.push(used);
  };
  return {
    add(tokens) {
      for (const t of tokens) push(intern(t));
      close();
    },
    addIds(ids, extra = []) {
      for (let i = 0; i < ids.length; i++) push(ids[i] ?? 0);
      for (const t of extra) push(intern(t));
      close();
    },
    finish: () => invert(flat.slice(0, used), Uint32Array.from(starts), terms, vocab),
  };
}

export function buildInvertedIndex(docTerms: readonly (readonly string[])[]): InvertedIndex {
  const builder = makeIndexBuilder();
  for (const tokens of docTerms) builder.add(tokens);
  return builder.finish();
}

/** Forward index (each doc's sorted term ids) → postings. Docs are visited in order, so postings come out sorted. */
function invert(docTerms: Uint32Array, docStarts: Uint32Array, terms: Map<string, number>, vocab: string[]): InvertedIndex {
  const nDocs = docStarts.length - 1;
  const df = new Uint32Array(vocab.length);
  const docLen = new Float32Array(nDocs);
  for (let d = 0; d < nDocs; d++) {
    const [from, to] = [docStarts[d] ?? 0, docStarts[d + 1] ?? 0];
    docLen[d] = to - from;
    for (let i = from; i < to; i++) if (i === from || docTerms[i] !== docTerms[i - 1]) df[docTerms[i] ?? 0]!++;
  }
  const offsets = new Uint32Array(vocab.length + 1);
  for (let t = 0; t < vocab.length; t++) offsets[t + 1] = (offsets[t] ?? 0) + (df[t] ?? 0);
  const fill = offsets.slice(0, vocab.length);
  const docs = new Uint32Array(offsets[vocab.length] ?? 0);
  const tfs = new Uint16Array(docs.length);
  for (let d = 0; d < nDocs; d++) {
    const to = docStarts[d + 1] ?? 0;
    for (let i = docStarts[d] ?? 0; i < to;) {
      const id = docTerms[i] ?? 0;
      let j = i + 1;
      while (j < to && docTerms[j] === id) j++;
      const at = fill[id] ?? 0;
      docs[at] = d;
      tfs[at] = Math.min(j - i, 65535);
      fill[id] = at + 1;
      i = j;
    }
  }
  return { nDocs, terms, vocab, offsets, docs, tfs, docLen, avgLen: nDocs ? docTerms.length / nDocs : 0, docTerms, docStarts };
}

export const documentFrequency = (index: InvertedIndex, termId: number): number => (index.offsets[termId + 1] ?? 0) - (index.offsets[termId] ?? 0);

/** Document frequency of a term string (0 when unseen). */
export function termDf(index: InvertedIndex, term: string): number {
  const id = index.terms.get(term);
  return id === undefined ? 0 : documentFrequency(index, id);
}

/** The term ids of doc d (sorted, repeated per occurrence). */
export const docTermIds = (index: InvertedIndex, d: number): Uint32Array => index.docTerms.subarray(index.docStarts[d] ?? 0, index.docStarts[d + 1] ?? 0);
