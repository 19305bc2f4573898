import { z } from 'zod';
import { RIGHTS_MACHINE_ID, RIGHTS_MACHINE_VERSION } from '../../dialogs/rights/rights.machine.js';
import { CATEGORIES, type Context } from '../../dialogs/rights/types.js';
import { Slots } from '../understanding/index.js';
import { initialSnapshot, type MachineSnapshot } from './machine.js';

const Stage = z.enum(['welcome', 'questionsOnly', 'triage', 'collecting', 'evidence', 'negotiate', 'platform', 'external', 'resolved', 'handoff', 'cancelled']);
const Category = z.enum(CATEGORIES);
// `version` and `superseded` as the rules engine sets them (src/rules/assess/types.ts): kept, so a replaced rule
// stays marked as replaced after a read of the stored snapshot.
const Citation = z.object({
  law: z.string(),
  article: z.string(),
  version: z.string().optional(),
  superseded: z.object({ on: z.string(), byZh: z.string(), byEn: z.string(), asZh: z.string(), asEn: z.string() }).optional(),
});

const ContextV1 = z.object({
  consent: z.enum(['unknown', 'given', 'declined']),
  locale: z.enum(['zh', 'en']),
  category: Category.optional(),
  categoryChoices: z.array(Category).optional(),
  slots: Slots.partial(),
  awaiting: z.object({ slot: z.string(), kind: z.enum(['text', 'date', 'money', 'choice', 'confirm']), choices: z.array(z.string()).optional() }).optional(),
  assessment: z
    .object({
      conclusions: z.array(
        z.object({ id: z.string(), kind: z.string(), title: z.string(), text: z.string(), citations: z.array(Citation), amountFen: z.number().int().optional(), due: z.string().optional(), status: z.string().optional() }),
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
}) satisfies z.ZodType<Context>;

/** A stored conversation state. Versioned: a shape change bumps RIGHTS_MACHINE_VERSION. */
const StoredV1 = z.object({ machine: z.literal(RIGHTS_MACHINE_ID), version: z.literal(1), value: Stage, context: ContextV1 });

export type StoredSnapshot = z.infer<typeof StoredV1>;

export type ParsedSnapshot = { snapshot: MachineSnapshot; reset: false } | { snapshot: MachineSnapshot; reset: true; reason: string };

/**
 * Parses what the database holds. An unknown or broken version is never used half-way: the
 * conversation restarts and the user is told so (the engine says it), rather than silently.
 */
export function parseSnapshot(stored: unknown, locale: 'zh' | 'en'): ParsedSnapshot {
  const parsed = StoredV1.safeParse(stored);
  if (parsed.success) return { snapshot: { value: parsed.data.value, context: parsed.data.context }, reset: false };
  const version = z.object({ version: z.unknown() }).safeParse(stored);
  const reason = version.success && version.data.version !== RIGHTS_MACHINE_VERSION ? `unknown snapshot version ${String(version.data.version)}` : 'unreadable snapshot';
  return { snapshot: initialSnapshot(locale), reset: true, reason };
}

export function toStored(snapshot: MachineSnapshot): StoredSnapshot {
  return { machine: RIGHTS_MACHINE_ID, version: 1, value: snapshot.value, context: snapshot.context };
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
