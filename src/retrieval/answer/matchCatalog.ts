import type { CatalogEntry } from '../knowledgeFiles.js';
import { charBigrams } from '../index/learnedStats.js';

export type CatalogMatcher = (question: string) => { entry: CatalogEntry; score: number }[];

/**
 * A phrasing matches when the question holds this much of it: its shared character pairs weigh at least
 * `MIN_SHARED` (in idf units, ~3 distinctive pairs: 快递+递丢+丢了, not 商家+怎么+么办) and at least
 * `MIN_COVERED` of the phrasing's own weight.
 * Measured on leave-one-out over the catalog's 958 phrasings and on ten everyday off-topic questions
 * (天气, 做饭, 房东押金 …): the earlier word-count rule found a right entry among its first two for 35 % of
 * the held-out phrasings but also matched 4 of the 10 off-topic questions (明天北京会下雨吗 → 互联网法院);
 * this rule finds 11 % and matches none of them. A wrong catalog match puts a wrong article first in an
 * answer; a missing one leaves the retriever's articles, which must hold the question's own words.
 */
const MIN_SHARED = 14;
const MIN_COVERED = 0.3;

/**
 * Matches a question against the legal catalog's everyday phrasings (拆封了不给退, 运费谁出, 假一赔十…):
 * the words shoppers use, mapped by hand to the provision that answers them. Phrasings are compared by
 * character pairs, which do not depend on word segmentation (丢了 / 丢件), weighted by how rare each pair
 * is in the catalog; an entry scores by its best phrasing.
 */
export function makeCatalogMatcher(catalog: readonly CatalogEntry[], normalize: (s: string) => string): CatalogMatcher {
  const phrasings = catalog.flatMap((entry) => [entry.title, ...entry.phrasings].map((text) => ({ entry, pairs: new Set(charBigrams(normalize(text))) })));
  const df = new Map<string, number>();
  for (const p of phrasings) for (const pair of p.pairs) df.set(pair, (df.get(pair) ?? 0) + 1);
  const weight = (pair: string) => Math.log(1 + phrasings.length / (df.get(pair) ?? 1));
  // Each phrasing's total weight, and for each pair the phrasings holding it: a question only touches its own pairs.
  const own = phrasings.map((p) => [...p.pairs].reduce((sum, pair) => sum + weight(pair), 0));
  const holders = new Map<string, number[]>();
  phrasings.forEach((p, i) => {
    for (const pair of p.pairs) holders.set(pair, [...(holders.get(pair) ?? []), i]);
  });
  return (question) => {
    const shared = new Map<number, number>();
    for (const pair of new Set(charBigrams(normalize(question)))) {
      const w = weight(pair);
      for (const i of holders.get(pair) ?? []) shared.set(i, (shared.get(i) ?? 0) + w);
    }
    const best = new Map<CatalogEntry, number>();
    for (const [i, mass] of shared) {
      const total = own[i] ?? Infinity;
      const entry = phrasings[i]?.entry;
      if (!entry || mass < MIN_SHARED || mass < MIN_COVERED * total) continue;
      const score = mass * Math.sqrt(mass / total);
      if (score > (best.get(entry) ?? 0)) best.set(entry, score);
    }
    return [...best].sort((a, b) => b[1] - a[1]).map(([entry, score]) => ({ entry, score }));
  };
}
