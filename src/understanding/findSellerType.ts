import type { Lexicon } from './compileLexicon.js';
import { findPhrases, longestMatches } from './matchPhrases.js';
import type { SellerType } from './types.js';

/** 自营 → platform_self_operated, 直播间 → live_stream …; 不是自营 beats 自营 (longest phrase wins). */
export function findSellerType(text: string, lexicon: Lexicon): SellerType | undefined {
  const found = new Set(longestMatches(findPhrases(text, lexicon.sellerTypes)).map((h) => h.value));
  return lexicon.sellerTypePriority.find((type) => found.has(type));
}
