import type { Tokenizer } from '../tokenize/index.js';
import type { QueryInput } from './rankingFeatures.js';
import { expandWithThesaurus, type Thesaurus } from './thesaurus.js';
import { charBigrams } from './learnedStats.js';

/** Question text → the terms and expansions the ranker scores, with a doc filter. */
export function prepareQuery(tokenizer: Tokenizer, thesaurus: Thesaurus, text: string, allowed: Uint8Array): QueryInput {
  const terms = tokenizer.tokenize(text);
  const normalized = tokenizer.normalize(text);
  return { terms, bigrams: charBigrams(normalized), thesaurus: expandWithThesaurus(thesaurus, normalized, terms), allowed };
}
