import type { KnowledgeDoc } from './types.js';
import type { ServingLaws } from './knowledgeFiles.js';

/** Short titles of the laws the bot serves by default. */
export function servingLawShorts(serving: ServingLaws): Set<string> {
  return new Set(serving.laws.map((l) => l.lawShort));
}

/** Whether a law (and, for the Civil Code, its book) is in the serving set. */
export function isServed(serving: ServingLaws, lawShort: string, part: string | undefined): boolean {
  const entry = serving.laws.find((l) => l.lawShort === lawShort);
  if (!entry) return false;
  return !entry.parts || (part !== undefined && entry.parts.includes(part));
}

/**
 * True when `name` is mentioned as a law of its own, not as part of a longer law name:
 * 合同法 in “合同法第107条” counts, in “劳动合同法” it does not.
 */
export function mentionsLaw(text: string, name: string, longerNames: readonly string[]): boolean {
  let masked = text;
  for (const longer of longerNames) if (longer !== name && longer.includes(name)) masked = masked.split(longer).join('□');
  return masked.includes(name);
}

/**
 * One copy of each article version: the collection files some laws under two categories (反电信网络诈骗法 in
 * 行政法 and 社会法, the same text), and two copies would be two hits for one article. The first source path wins.
 */
export function oneCopyEach<T extends KnowledgeDoc>(docs: readonly T[]): T[] {
  const first = new Map<string, string>();
  for (const d of docs) {
    if (d.kind !== 'law') continue;
    const key = `${d.lawShort}|${d.part ?? ''}|${d.versionDate ?? ''}|${d.label}`;
    const held = first.get(key);
    if (held === undefined || d.sourcePath < held) first.set(key, d.sourcePath);
  }
  return docs.filter((d) => d.kind !== 'law' || first.get(`${d.lawShort}|${d.part ?? ''}|${d.versionDate ?? ''}|${d.label}`) === d.sourcePath);
}
