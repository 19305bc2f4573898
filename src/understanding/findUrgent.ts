import type { Lexicon } from './compileLexicon.js';
import type { Urgent } from './types.js';

/** What needs doing now (a scam call still going on, a burn), in the order the dictionary lists them. */
export function findUrgent(text: string, lexicon: Lexicon): Urgent[] {
  return lexicon.urgent.filter((u) => u.patterns.some((re) => re.test(text)) && !u.unless.some((re) => re.test(text))).map((u) => u.type);
}
