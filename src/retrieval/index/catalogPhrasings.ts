import { z } from 'zod';
import { articleKey } from './docFields.js';

/**
 * The parts of knowledge/catalog.json the retriever reads: for each catalogued article, its title and
 * the everyday ways shoppers describe the situation (卖假货赔三倍, 拆封了不给退). That file is written
 * and fully validated elsewhere; extra fields are ignored here on purpose.
 */
export const CatalogPhrasingsFile = z.array(
  z.object({ law: z.string(), article: z.string(), title: z.string().optional(), phrasings: z.array(z.string()).default([]) }),
);
export type CatalogPhrasingsFile = z.infer<typeof CatalogPhrasingsFile>;

/** Article key → hand-written everyday phrasings (title included), for document expansion. */
export type Phrasings = ReadonlyMap<string, string[]>;

export function catalogPhrasings(file: CatalogPhrasingsFile): Phrasings {
  const byKey = new Map<string, string[]>();
  for (const entry of file) {
    const key = articleKey(entry.law, entry.article);
    byKey.set(key, [...(byKey.get(key) ?? []), ...(entry.title ? [entry.title] : []), ...entry.phrasings]);
  }
  return byKey;
}
