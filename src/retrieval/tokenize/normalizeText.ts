import { normalizeForSearch } from '../../common/normalizeText.js';

export type Normalize = (text: string) => string;

/**
 * Full-width → half-width, lowercase, Traditional → Simplified: the one text normalisation
 * (src/common/normalizeText.ts), which changes only Traditional characters, so Simplified legal terms are
 * never rewritten (程序 stays 程序, 么 stays 么) and Taiwan wording reads as the mainland's (網路 → 网络).
 */
export function makeNormalizer(): Normalize {
  return normalizeForSearch;
}

export { toHalfWidth } from '../../common/normalizeText.js';
