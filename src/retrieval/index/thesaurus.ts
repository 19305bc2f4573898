import { z } from 'zod';
import type { Tokenizer } from '../tokenize/index.js';
import type { WeightedTerm } from './bm25.js';

/**
 * knowledge/thesaurus.json: everyday words → the legal words statutes use (老公 → 配偶). General
 * vocabulary, written by hand; never phrases lifted from eval questions.
 */
export const ThesaurusFile = z.object({
  description: z.string().optional(),
  entries: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
});
export type ThesaurusFile = z.infer<typeof ThesaurusFile>;

/** Everyday phrase → legal terms (already tokenized), longest phrases first. */
export type Thesaurus = { phrase: string; terms: string[] }[];

export function makeThesaurus(file: ThesaurusFile, tokenizer: Tokenizer): Thesaurus {
  return Object.entries(file.entries)
    .map(([phrase, legal]) => ({ phrase: tokenizer.normalize(phrase), terms: legal.flatMap((l) => tokenizer.tokenize(l)) }))
    .sort((a, b) => b.phrase.length - a.phrase.length);
}

/**
 * Legal terms for the everyday phrases found in a (normalized) question. Phrases match as substrings,
 * so 我老公 and 老公打我 both find 老公; an expansion term counts once however many phrases lead to it.
 */
export function expandWithThesaurus(thesaurus: Thesaurus, normalizedQuery: string, ownTerms: readonly string[]): WeightedTerm[] {
  const own = new Set(ownTerms);
  const added = new Set<string>();
  for (const { phrase, terms } of thesaurus) {
    if (!normalizedQuery.includes(phrase)) continue;
    for (const t of terms) if (!own.has(t)) added.add(t);
  }
  return [...added].map((term) => ({ term, weight: 1 }));
}
