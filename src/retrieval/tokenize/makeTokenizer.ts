import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { makeNormalizer, type Normalize } from './normalizeText.js';

/** Turns text into index terms. The same tokenizer must build the index and parse queries. */
export type Tokenizer = {
  normalize: Normalize;
  /** jieba search-mode terms of normalized text, without punctuation and stop words. */
  tokenize(text: string): string[];
};

export type TokenizerOptions = {
  /** Extra jieba dictionary lines (`word freq tag`), e.g. knowledge/legalDict.txt. */
  userDict?: string;
  stopWords?: ReadonlySet<string>;
  /** Skip Traditional→Simplified and width folding: only for the plain-BM25 baseline. */
  raw?: boolean;
};

export function makeTokenizer(options: TokenizerOptions = {}): Tokenizer {
  const jieba = Jieba.withDict(dict);
  if (options.userDict) jieba.loadDict(Buffer.from(options.userDict));
  const normalize: Normalize = options.raw ? (t) => t : makeNormalizer();
  const stop = options.stopWords ?? new Set<string>();
  const keep = (t: string) => WORDLIKE.test(t) && !stop.has(t);
  return {
    normalize,
    tokenize: (text) => jieba.cutForSearch(normalize(text), true).filter(keep),
  };
}

/** A term must hold at least one CJK ideograph, letter or digit; punctuation and spaces are dropped. */
const WORDLIKE = /[\p{Script=Han}\p{L}\p{N}]/u;
