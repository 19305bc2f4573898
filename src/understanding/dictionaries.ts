import { z } from 'zod';
import { DisputeType } from '../retrieval/knowledgeFiles.js';
import { SellerType, Urgent, Want } from './types.js';
import categoriesJson from '../../knowledge/understanding/categories.json' with { type: 'json' };
import flagsJson from '../../knowledge/understanding/flags.json' with { type: 'json' };
import intentsJson from '../../knowledge/understanding/intents.json' with { type: 'json' };
import platformsJson from '../../knowledge/understanding/platforms.json' with { type: 'json' };
import productsJson from '../../knowledge/understanding/products.json' with { type: 'json' };
import sellerResponsesJson from '../../knowledge/understanding/sellerResponses.json' with { type: 'json' };
import sellerTypesJson from '../../knowledge/understanding/sellerTypes.json' with { type: 'json' };
import urgentJson from '../../knowledge/understanding/urgent.json' with { type: 'json' };
import wantsJson from '../../knowledge/understanding/wants.json' with { type: 'json' };

/**
 * Schemas of the dictionaries in `knowledge/understanding/`. Phrases are matched against the
 * normalized message (lower case, half-width), so they must be lower case themselves.
 */

const Phrase = z
  .string()
  .min(1)
  .refine((s) => s === s.toLowerCase(), 'must be lower case: messages are lower-cased before matching');
/** A regular expression source; checked to compile when the dictionary is parsed. */
const Pattern = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');
const Note = z.string().optional();

export const PlatformsFile = z.strictObject({
  platforms: z.array(z.strictObject({ name: z.string().min(1), nameEn: z.string().min(1), aliases: z.array(Phrase).min(1), excludes: z.array(Phrase).optional() })),
});
export type PlatformsFile = z.infer<typeof PlatformsFile>;

/** Listed in priority order: when a message hints at several, the first listed wins. */
export const SellerTypesFile = z.strictObject({ sellerTypes: z.array(z.strictObject({ type: SellerType, phrases: z.array(Phrase).min(1) })) });
export type SellerTypesFile = z.infer<typeof SellerTypesFile>;

export const ProductsFile = z.strictObject({
  note: Note,
  products: z.array(z.strictObject({ food: z.boolean(), terms: z.array(Phrase).min(1) })),
  /** Phrases holding a product word that name no product (手机号, 用手机): the longest match hides the product word. */
  notProducts: z.array(Phrase),
});
export type ProductsFile = z.infer<typeof ProductsFile>;

const Weights = z.record(Phrase, z.number().positive().max(5));
export const CategoriesFile = z.strictObject({
  note: Note,
  /** Fallback choices, commonest first, for a message too vague to rank more than one type. */
  commonTypes: z.array(DisputeType).min(2),
  categories: z
    .array(
      z.strictObject({
        type: DisputeType,
        /** Phrases saying what went wrong: they score and also mark the clause that becomes `problem`. */
        problems: Weights,
        /** Context words that only hint at the type (奶粉, 闲鱼, 会员). */
        signals: Weights,
        patterns: z.array(z.strictObject({ re: Pattern, weight: z.number().positive().max(5) })),
      }),
    )
    .refine((list) => new Set(list.map((c) => c.type)).size === list.length, 'each dispute type once'),
});
export type CategoriesFile = z.infer<typeof CategoriesFile>;

export const WantsFile = z.strictObject({
  note: Note,
  desireMarkers: z.array(Phrase).min(1),
  negations: z.array(Phrase),
  phrases: z.array(z.strictObject({ phrase: Phrase, wants: z.array(Want).min(1) })),
});
export type WantsFile = z.infer<typeof WantsFile>;

export const SellerResponsesFile = z.strictObject({
  note: Note,
  subjects: z.array(Phrase).min(1),
  responses: z.array(
    z.strictObject({
      label: z.string().min(1),
      labelEn: z.string().min(1),
      outcome: z.enum(['agreed', 'refused', 'no_reply']).nullable(),
      needsSubject: z.boolean(),
      patterns: z.array(Pattern).min(1),
      /** The dispute type this answer points at (说拆封不退 → seven_day_return). */
      suggests: DisputeType.optional(),
    }),
  ),
});
export type SellerResponsesFile = z.infer<typeof SellerResponsesFile>;

const YesNo = z.strictObject({ yes: z.array(Phrase).min(1), no: z.array(Phrase) });
export const FlagsFile = z.strictObject({ note: Note, openedPackage: YesNo, injured: YesNo, food: YesNo });
export type FlagsFile = z.infer<typeof FlagsFile>;

const IntentEntry = z.strictObject({ exact: z.array(Phrase), patterns: z.array(Pattern) });
export const IntentsFile = z.strictObject({
  note: Note,
  intents: z.strictObject({
    greeting: IntentEntry,
    consent_yes: IntentEntry,
    consent_no: IntentEntry,
    yes: IntentEntry,
    no: IntentEntry,
    restart: IntentEntry,
    back: IntentEntry,
    cancel: IntentEntry,
    handoff: IntentEntry,
    chitchat: IntentEntry,
    unsure: IntentEntry,
    delete_my_data: IntentEntry,
    export_my_data: IntentEntry,
    withdraw_consent: IntentEntry,
  }),
  questionPatterns: z.array(Pattern),
  /** Questions that assert (这不是虚构原价吗): in a message telling facts they ask nothing. */
  rhetoricalPatterns: z.array(Pattern),
  correctionPatterns: z.array(Pattern),
  dontKnowPatterns: z.array(Pattern),
});
export type IntentsFile = z.infer<typeof IntentsFile>;

/** Situations that need action now; `unless` patterns veto a match (已经被骗了 is no call still going on). */
export const UrgentFile = z.strictObject({
  note: Note,
  urgent: z.array(z.strictObject({ type: Urgent, patterns: z.array(Pattern).min(1), unless: z.array(Pattern) })),
});
export type UrgentFile = z.infer<typeof UrgentFile>;

export type UnderstandingDictionaries = {
  platforms: PlatformsFile;
  sellerTypes: SellerTypesFile;
  products: ProductsFile;
  categories: CategoriesFile;
  wants: WantsFile;
  sellerResponses: SellerResponsesFile;
  flags: FlagsFile;
  intents: IntentsFile;
  urgent: UrgentFile;
};

/** The shipped dictionaries, parsed once when the module loads: a bad edit fails at start-up, not mid-chat. */
export const dictionaries: UnderstandingDictionaries = {
  platforms: PlatformsFile.parse(platformsJson),
  sellerTypes: SellerTypesFile.parse(sellerTypesJson),
  products: ProductsFile.parse(productsJson),
  categories: CategoriesFile.parse(categoriesJson),
  wants: WantsFile.parse(wantsJson),
  sellerResponses: SellerResponsesFile.parse(sellerResponsesJson),
  flags: FlagsFile.parse(flagsJson),
  intents: IntentsFile.parse(intentsJson),
  urgent: UrgentFile.parse(urgentJson),
};
