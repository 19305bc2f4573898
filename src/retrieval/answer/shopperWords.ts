import { z } from 'zod';

/**
 * knowledge/shopperWords.json: the words shoppers use (邮费, 烂脸, 封号, "refund") → the words the catalog's
 * phrasings and the statutes use for the same thing (运费, 皮肤过敏, 封禁账号, 退款). General vocabulary written
 * by hand from the shopper complaints (`../shared/eval/shopper-complaints.jsonl`) and the dispute types, never
 * phrases taken from evaluation questions.
 */
export const ShopperWords = z.strictObject({
  description: z.string().optional(),
  /** Chinese shopper word → catalog words; the key matches as a substring of the normalized question. */
  words: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  /** English word or phrase → Chinese catalog words; matches whole words, case-insensitively, with -s/-ed/-ing endings. */
  english: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
});
export type ShopperWords = z.infer<typeof ShopperWords>;

/** The question followed by the catalog's words for the shopper words it holds (each once), for matching. */
export type ExpandShopperWords = (normalizedQuestion: string) => string;

export function makeShopperExpansion(file: ShopperWords, normalize: (s: string) => string): ExpandShopperWords {
  const chinese = Object.entries(file.words)
    .map(([phrase, words]) => ({ phrase: normalize(phrase), words }))
    .sort((a, b) => b.phrase.length - a.phrase.length);
  const english = Object.entries(file.english).map(([phrase, words]) => ({
    pattern: new RegExp(`\\b${phrase.toLowerCase().split(/\s+/).map(escape).join('\\s+')}(s|es|ed|d|ing)?\\b`, 'i'),
    words,
  }));
  return (question) => {
    const added = new Set<string>();
    for (const { phrase, words } of chinese) if (question.includes(phrase)) for (const w of words) if (!question.includes(w)) added.add(w);
    for (const { pattern, words } of english) if (pattern.test(question)) for (const w of words) added.add(w);
    return added.size ? `${question} ${[...added].join(' ')}` : question;
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
