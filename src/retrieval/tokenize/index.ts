export { makeTokenizer, type Tokenizer, type TokenizerOptions } from './makeTokenizer.js';
export { makeNormalizer, toHalfWidth, type Normalize } from './normalizeText.js';
export { STOP_WORDS } from './stopWords.js';
