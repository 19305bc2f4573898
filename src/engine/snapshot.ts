import { z } from 'zod';
import { RIGHTS_MACHINE_ID, RIGHTS_MACHINE_VERSION } from '../../dialogs/rights/rights.machine.js';
import { CATEGORIES, CONFIRMABLE_SLOTS, type Context } from '../../dialogs/rights/types.js';
import { Slots } from '../understanding/index.js';
import { initialSnapshot, type MachineSnapshot } from './machine.js';

const STAGES = ['welcome', 'triage', 'collecting', 'evidence', 'negotiate', 'platform', 'external', 'resolved', 'handoff', 'cancelled'] as const;
const Stage = z.enum(STAGES);
/** Version 1 had a questions-only stage after a declined consent; version 2 keeps helping instead. */
const StageV1 = z.enum([...STAGES, 'questionsOnly']);
const Category = z.enum(CATEGORIES);
// `version` and `superseded` as the rules engine sets them (src/rules/assess/types.ts): kept, so a replaced rule
// stays marked as replaced after a read of the stored snapshot.
const Citation = z.object({
  law: z.string(),
  article: z.string(),
  version: z.string().optional(),
  superseded: z.object({ on: z.string(), byZh: z.string(), byEn: z.string(), asZh: z.string(), asEn: z.string() }).optional(),
});

const AwaitingBase = z.object({
  slot: z.string(),
  kind: z.enum(['text', 'date', 'money', 'choice', 'confirm']),
  choices: z.array(z.string()).optional(),
  tries: z.number().int().optional(),
});
const Urgent = z.enum(['scam_in_progress', 'unauthorized_payment', 'injury', 'food_poisoning', 'threat']);

const ContextV2 = z.object({
  consent: z.enum(['unknown', 'given', 'declined']),
  locale: z.enum(['zh', 'en']),
  category: Category.optional(),
  categoryChoices: z.array(Category).optional(),
  slots: Slots.partial(),
  awaiting: AwaitingBase.extend({ resume: AwaitingBase.optional() }).optional(),
  assessment: z
    .object({
      conclusions: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          title: z.string(),
          text: z.string(),
          citations: z.array(Citation),
          amountFen: z.number().int().optional(),
          due: z.string().optional(),
          status: z.string().optional(),
        }),
      ),
      citations: z.array(Citation),
      appliesConsumerLaw: z.boolean(),
    })
    .optional(),
  evidence: z.array(z.string()),
  outcomes: z.array(z.object({ step: z.enum(['seller', 'platform', 'external']), outcome: z.enum(['agreed', 'refused', 'no_reply']) })),
  caseNo: z.string().optional(),
  failures: z.number().int(),
  history: z.array(Stage),
  consentAsked: z.boolean().optional(),
  previewed: z.boolean().optional(),
  warned: z.array(Urgent).optional(),
  confirming: z.object({ slot: z.enum(CONFIRMABLE_SLOTS), value: z.union([z.string(), z.number(), z.boolean()]) }).optional(),
}) satisfies z.ZodType<Context>;

/** A stored conversation state. Versioned: a shape change bumps RIGHTS_MACHINE_VERSION. */
const StoredV2 = z.object({ machine: z.literal(RIGHTS_MACHINE_ID), version: z.literal(2), value: Stage, context: ContextV2 });

/** Version 1 (consent asked at the welcome): the same context less the new optional fields, and one more stage. */
const StoredV1 = z.object({
  machine: z.literal(RIGHTS_MACHINE_ID),
  version: z.literal(1),
  value: StageV1,
  context: ContextV2.extend({ history: z.array(StageV1) }),
});

export type StoredSnapshot = z.infer<typeof StoredV2>;

export type ParsedSnapshot = { snapshot: MachineSnapshot; reset: false } | { snapshot: MachineSnapshot; reset: true; reason: string };

/**
 * Parses what the database holds. An unknown or broken version is never used half-way: the
 * conversation restarts and the user is told so (the engine says it), rather than silently.
 */
export function parseSnapshot(stored: unknown, locale: 'zh' | 'en'): ParsedSnapshot {
  const parsed = StoredV2.safeParse(stored);
  if (parsed.success) return { snapshot: { value: parsed.data.value, context: parsed.data.context }, reset: false };
  const v1 = StoredV1.safeParse(stored);
  if (v1.success) return { snapshot: migrateV1(v1.data), reset: false };
  const version = z.object({ version: z.unknown() }).safeParse(stored);
  const reason =
    version.success && version.data.version !== RIGHTS_MACHINE_VERSION ? `unknown snapshot version ${String(version.data.version)}` : 'unreadable snapshot';
  return { snapshot: initialSnapshot(locale), reset: true, reason };
}

/**
 * A version-1 state carries on: its questions-only stage (consent declined) becomes triage waiting for
 * a story, which is what version 2 does after a declined consent; a pending consent question keeps its place.
 */
function migrateV1(v1: z.infer<typeof StoredV1>): MachineSnapshot {
  const history = v1.context.history.map((s) => (s === 'questionsOnly' ? 'triage' : s));
  if (v1.value === 'questionsOnly') return { value: 'triage', context: { ...v1.context, history, awaiting: { slot: 'description', kind: 'text' } } };
  // The v1 welcome waited on consent before anything else: now it waits on the story, consent comes later.
  if (v1.value === 'welcome' && v1.context.consent === 'unknown')
    return { value: 'welcome', context: { ...v1.context, history, awaiting: { slot: 'description', kind: 'text' } } };
  return { value: v1.value, context: { ...v1.context, history } };
}

export function toStored(snapshot: MachineSnapshot): StoredSnapshot {
  return { machine: RIGHTS_MACHINE_ID, version: 2, value: snapshot.value, context: snapshot.context };
}

/**
 * The state the next turn of this process starts from: what parsing the stored snapshot would give,
 * without paying for the parse on every turn. It is the same state: the schema drops only the
 * turn-only `assessment.changed`, and the values the dialog compares as JSON text (the assessment,
 * slot values) are built in the schema's key order (test/unit/snapshot.test.ts holds the two equal).
 * A new turn-only field must be dropped here too.
 */
export function nextTurnSnapshot(snapshot: MachineSnapshot): MachineSnapshot {
  const assessment = snapshot.context.assessment;
  if (!assessment || !('changed' in assessment)) return snapshot;
  const { changed: _changed, ...kept } = assessment;
  return { ...snapshot, context: { ...snapshot.context, assessment: kept } };
}
