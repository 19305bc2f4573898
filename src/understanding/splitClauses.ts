import type { Span } from './matchPhrases.js';

/** Chinese and English sentence and clause breaks, and the English joints "and" and "but". */
const BREAK = /[，。；！？,;!?\n]+|\s+(?:and|but|then)\s+|\.(?:\s+|$)/g;

/** The message cut into clauses (spans into the normalized text), empty ones dropped. */
export function splitClauses(text: string): Span[] {
  const clauses: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(BREAK)) {
    if (m.index > start) clauses.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) clauses.push({ start, end: text.length });
  return clauses.filter((c) => text.slice(c.start, c.end).trim().length > 0);
}

export function clauseAt(clauses: readonly Span[], at: number): Span | undefined {
  return clauses.find((c) => c.start <= at && at < c.end);
}
