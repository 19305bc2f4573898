import { findPhrases, longestMatches } from './matchPhrases.js';

/** A yes/no fact from phrases: the first phrase found decides (没拆封 → false, 拆封了 → true). */
export function findFlag(text: string, entries: readonly { phrase: string; value: boolean }[]): boolean | undefined {
  return longestMatches(findPhrases(text, entries))[0]?.value;
}
