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
