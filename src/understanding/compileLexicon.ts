import type { DisputeType } from '../retrieval/knowledgeFiles.js';
import type { IntentsFile, SellerResponsesFile, UnderstandingDictionaries } from './dictionaries.js';
import type { SellerType, Urgent, Want } from './types.js';

type Entry<T> = { phrase: string; value: T };
export type IntentRule = { exact: ReadonlySet<string>; patterns: readonly RegExp[] };
export type IntentRuleName = keyof IntentsFile['intents'];
export type CategoryTerm = { type: DisputeType; weight: number; problem: boolean };
export type SellerResponseRule = Omit<SellerResponsesFile['responses'][number], 'patterns'> & { patterns: readonly RegExp[] };

/** The dictionaries turned into phrase lists and compiled regular expressions, built once per `Understand`. */
export type Lexicon = {
  platforms: Entry<{ name: string; excludes: readonly string[] }>[];
  sellerTypes: Entry<SellerType>[];
  sellerTypePriority: readonly SellerType[];
  /** Product words with their food flag; `null` marks look-alikes that are no product (手机号). */
  products: Entry<boolean | null>[];
  categoryTerms: Entry<CategoryTerm>[];
  categoryPatterns: { re: RegExp; type: DisputeType; weight: number }[];
  commonTypes: readonly DisputeType[];
  wants: Entry<readonly Want[]>[];
  desireMarkers: readonly string[];
  wantNegations: readonly string[];
  sellerSubjects: Entry<boolean>[];
  sellerResponses: readonly SellerResponseRule[];
  openedPackage: Entry<boolean>[];
  injured: Entry<boolean>[];
  food: Entry<boolean>[];
  intents: Record<IntentRuleName, IntentRule>;
  question: readonly RegExp[];
  rhetorical: readonly RegExp[];
  correction: readonly RegExp[];
  dontKnow: readonly RegExp[];
  urgent: readonly { type: Urgent; patterns: readonly RegExp[]; unless: readonly RegExp[] }[];
};

export function compileLexicon(d: UnderstandingDictionaries): Lexicon {
  const yesNo = (f: { yes: string[]; no: string[] }): Entry<boolean>[] => [
    ...f.yes.map((phrase) => ({ phrase, value: true })),
    ...f.no.map((phrase) => ({ phrase, value: false })),
  ];
  const i = d.intents.intents;
  const intents: Record<IntentRuleName, IntentRule> = {
    greeting: intentRule(i.greeting),
    consent_yes: intentRule(i.consent_yes),
    consent_no: intentRule(i.consent_no),
    yes: intentRule(i.yes),
    no: intentRule(i.no),
    restart: intentRule(i.restart),
    back: intentRule(i.back),
    cancel: intentRule(i.cancel),
    handoff: intentRule(i.handoff),
    chitchat: intentRule(i.chitchat),
    unsure: intentRule(i.unsure),
    delete_my_data: intentRule(i.delete_my_data),
    export_my_data: intentRule(i.export_my_data),
    withdraw_consent: intentRule(i.withdraw_consent),
  };
  return {
    platforms: d.platforms.platforms.flatMap((p) => p.aliases.map((phrase) => ({ phrase, value: { name: p.name, excludes: p.excludes ?? [] } }))),
    sellerTypes: d.sellerTypes.sellerTypes.flatMap((s) => s.phrases.map((phrase) => ({ phrase, value: s.type }))),
    sellerTypePriority: d.sellerTypes.sellerTypes.map((s) => s.type),
    products: [
      ...d.products.products.flatMap((p) => p.terms.map((phrase) => ({ phrase, value: p.food }))),
      ...d.products.notProducts.map((phrase) => ({ phrase, value: null })),
    ],
    categoryTerms: d.categories.categories.flatMap((c) => [
      ...Object.entries(c.problems).map(([phrase, weight]) => ({ phrase, value: { type: c.type, weight, problem: true } })),
      ...Object.entries(c.signals).map(([phrase, weight]) => ({ phrase, value: { type: c.type, weight, problem: false } })),
    ]),
    categoryPatterns: d.categories.categories.flatMap((c) => c.patterns.map((p) => ({ re: compile(p.re), type: c.type, weight: p.weight }))),
    commonTypes: d.categories.commonTypes,
    wants: d.wants.phrases.map((w) => ({ phrase: w.phrase, value: w.wants })),
    desireMarkers: d.wants.desireMarkers,
    wantNegations: d.wants.negations,
    sellerSubjects: d.sellerResponses.subjects.map((phrase) => ({ phrase, value: true })),
    sellerResponses: d.sellerResponses.responses.map((r) => ({ ...r, patterns: r.patterns.map(compile) })),
    openedPackage: yesNo(d.flags.openedPackage),
    injured: yesNo(d.flags.injured),
    food: yesNo(d.flags.food),
    intents,
    question: d.intents.questionPatterns.map(compile),
    rhetorical: d.intents.rhetoricalPatterns.map(compile),
    correction: d.intents.correctionPatterns.map(compile),
    dontKnow: d.intents.dontKnowPatterns.map(compile),
    urgent: d.urgent.urgent.map((u) => ({ type: u.type, patterns: u.patterns.map(compile), unless: u.unless.map(compile) })),
  };
}

function intentRule(rule: { exact: string[]; patterns: string[] }): IntentRule {
  return { exact: new Set(rule.exact), patterns: rule.patterns.map(compile) };
}

/** No `g` flag: `test()` on a global expression keeps state between calls (`findAll` adds the flag itself). */
function compile(source: string): RegExp {
  return new RegExp(source);
}
