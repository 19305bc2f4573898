import type { CatalogEntry } from '../knowledgeFiles.js';
import { charBigrams } from '../index/learnedStats.js';

export type CatalogMatcher = (question: string) => { entry: CatalogEntry; score: number }[];

/**
 * A phrasing matches when the question holds this much of it: its shared units weigh at least
 * `MIN_SHARED` (in idf units, ~3 distinctive pairs: 快递+递丢+丢了, not 商家+怎么+么办) and at least
 * `MIN_COVERED` of the phrasing's own weight.
 * Measured on leave-one-out over the catalog's phrasings and on ten everyday off-topic questions
 * (天气, 做饭, 房东押金 …): a wrong catalog match puts a wrong article first in an answer; a missing one
 * leaves the retriever's articles, which must hold the question's own words.
 */
const MIN_SHARED = 14;
const MIN_COVERED = 0.3;
/**
 * When no single phrasing matches, an entry may still match as a whole: its phrasings, title and summary
 * together hold most of what the question says (`MIN_QUESTION_COVERED` of the question's own weight, with at
 * least `MIN_SHARED` shared). Shoppers rarely repeat one phrasing; they describe the same situation in
 * other words that the entry's other phrasings and its summary use. Measured on the development part of
 * knowledge/eval/everyday.jsonl (0.3 matched 房东不退押金怎么办, an off-topic question; 0.5 matches none)
 * and the off-topic questions of `npm run kb:catalog`.
 */
const MIN_QUESTION_COVERED = 0.5;
/** A unit no phrasing holds counts in the question's total at this share of its (rarest) weight. */
const UNKNOWN_SHARE = 1;
/** Entry-level matches rank after phrasing matches: they are the weaker evidence. */
const ENTRY_DISCOUNT = 0.5;

const LATIN_STOP = new Set(
  'the a an and or of to in on for with my me i is are was were be been it its this that can could do does did how what who when why which from by at as not no without after before into about any their they them our your you shop seller'.split(
    ' ',
  ),
);

/**
 * The units phrasings are compared by: character pairs of Chinese text, which do not depend on word
 * segmentation (丢了 / 丢件), and whole words of Latin text (a pair of letters says nothing), lower-cased, with
 * a plural or past -s / -ed cut so that "reviews" meets "review".
 */
export function matchUnits(normalized: string): string[] {
  const han = charBigrams(normalized.replace(/[A-Za-z]+/g, ' '));
  const latin = (normalized.toLowerCase().match(/[a-z]+/g) ?? [])
    .filter((w) => w.length >= 3 && !LATIN_STOP.has(w))
    .map((w) => `~${w.replace(/(?<=.{3})(ed|es|s)$/, '')}`);
  return [...han, ...latin];
}

/**
 * Matches a question against the legal catalog's everyday phrasings (拆封了不给退, 运费谁出, 假一赔十…):
 * the words shoppers use, mapped by hand to the provision that answers them, weighted by how rare each unit
 * is in the catalog; an entry scores by its best phrasing, or failing that by the entry as a whole.
 */
export function makeCatalogMatcher(catalog: readonly CatalogEntry[], normalize: (s: string) => string): CatalogMatcher {
  const phrasings = catalog.flatMap((entry) => [entry.title, ...entry.phrasings].map((text) => ({ entry, units: new Set(matchUnits(normalize(text))) })));
  const df = new Map<string, number>();
  for (const p of phrasings) for (const unit of p.units) df.set(unit, (df.get(unit) ?? 0) + 1);
  const weight = (unit: string) => Math.log(1 + phrasings.length / (df.get(unit) ?? 1));
  // Each phrasing's total weight, and for each unit the phrasings holding it: a question only touches its own units.
  const own = phrasings.map((p) => [...p.units].reduce((sum, unit) => sum + weight(unit), 0));
  const holders = new Map<string, number[]>();
  phrasings.forEach((p, i) => {
    for (const unit of p.units) holders.set(unit, [...(holders.get(unit) ?? []), i]);
  });
  // An entry as a whole: every unit of its phrasings, title, summaries.
  const entryUnits = catalog.map(
    (entry) => new Set([entry.title, entry.summary, entry.summaryEn, ...entry.phrasings].flatMap((t) => matchUnits(normalize(t)))),
  );
  return (question) => {
    const units = [...new Set(matchUnits(normalize(question)))];
    const shared = new Map<number, number>();
    for (const unit of units) {
      const w = weight(unit);
      for (const i of holders.get(unit) ?? []) shared.set(i, (shared.get(i) ?? 0) + w);
    }
    const best = new Map<CatalogEntry, number>();
    for (const [i, mass] of shared) {
      const total = own[i] ?? Infinity;
      const entry = phrasings[i]?.entry;
      if (!entry || mass < MIN_SHARED || mass < MIN_COVERED * total) continue;
      const score = mass * Math.sqrt(mass / total);
      if (score > (best.get(entry) ?? 0)) best.set(entry, score);
    }
    if (best.size === 0) {
      // Units no phrasing holds count in full: a question mostly about something else is not covered.
      const asked = units.reduce((sum, unit) => sum + (df.has(unit) ? weight(unit) : UNKNOWN_SHARE * weight(unit)), 0);
      catalog.forEach((entry, e) => {
        const mass = units.reduce((sum, unit) => sum + (entryUnits[e]?.has(unit) && df.has(unit) ? weight(unit) : 0), 0);
        if (asked > 0 && mass >= MIN_SHARED && mass >= MIN_QUESTION_COVERED * asked) best.set(entry, ENTRY_DISCOUNT * mass * Math.sqrt(mass / asked));
      });
    }
    return [...best].sort((a, b) => b[1] - a[1]).map(([entry, score]) => ({ entry, score }));
  };
}
