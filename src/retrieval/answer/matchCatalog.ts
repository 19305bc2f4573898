import type { CatalogEntry } from '../knowledgeFiles.js';

export type CatalogMatcher = (terms: readonly string[]) => { entry: CatalogEntry; score: number }[];

/**
 * Matches a question against the legal catalog's everyday phrasings (拆封了不给退, 运费谁出, 假一赔十…):
 * the words shoppers use, mapped by hand to the provision that answers them. A match needs two of
 * the question's words in one entry's title and phrasings, or one for a question of three words or
 * fewer (买到假货能赔多少).
 */
export function makeCatalogMatcher(catalog: readonly CatalogEntry[], normalize: (s: string) => string): CatalogMatcher {
  const entries = catalog.map((entry) => ({ entry, text: normalize([entry.title, ...entry.phrasings].join(' ')) }));
  return (terms) => {
    const wanted = [...new Set(terms.filter((t) => t.length >= 2))];
    const need = wanted.length <= 3 ? 1 : 2;
    return entries
      .map(({ entry, text }) => ({ entry, score: wanted.filter((t) => text.includes(t)).length }))
      .filter((m) => m.score >= need)
      .sort((a, b) => b.score - a.score);
  };
}
