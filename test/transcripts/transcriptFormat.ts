import { z } from 'zod';

const Strings = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

/** One step of a conversation test: something the user says, or something to check after it. */
export const Step = z.union([
  // A bare number (459, 13912345678) is what the user typed: YAML reads it as a number, the user sent text.
  z.strictObject({ user: z.union([z.string(), z.number().transform(String), z.strictObject({ text: z.string().default(''), value: z.string().optional() })]) }),
  z.strictObject({ bot: z.strictObject({ contains: Strings.optional(), notContains: Strings.optional(), suggests: Strings.optional() }) }),
  z.strictObject({ state: z.string() }),
  z.strictObject({ awaiting: z.string().nullable() }),
  z.strictObject({ notAsked: z.array(z.string()) }),
  z.strictObject({ cites: z.array(z.string().regex(/^.+#第.+条.*$/, 'law#第X条')) }),
  /** The last turn cites at least one article: a knowledge-layer answer whose ranking may change. */
  z.strictObject({ cited: z.literal(true) }),
  /** Articles the last turn must not cite (3× for a food case). */
  z.strictObject({ notCites: z.array(z.string().regex(/^.+#第.+条.*$/, 'law#第X条')) }),
  /** The stored case, by dotted path (record.order.amountFen); null means absent. */
  z.strictObject({ case: z.record(z.string(), z.unknown()) }),
  z.strictObject({ noCase: z.literal(true) }),
  /** Every case the conversation has filed, oldest first, each checked by dotted path (status, record.step, events: the case event types in order). */
  z.strictObject({ cases: z.array(z.record(z.string(), z.unknown())).min(1) }),
  /** How many cases the conversation has filed so far. */
  z.strictObject({ caseCount: z.number().int().min(0) }),
  /** The stored dialog state, by dotted path (context.slots.product): what was kept without a case; null means absent. */
  z.strictObject({ context: z.record(z.string(), z.unknown()) }),
  /** How many turn events of each type the conversation has logged so far (handoff_requested: 1). */
  z.strictObject({ turnEvents: z.record(z.string(), z.number().int().min(0)) }),
  z.strictObject({ now: z.string() }),
  z.strictObject({ retryLastTurn: z.literal(true) }),
]);
export type Step = z.infer<typeof Step>;

export const Transcript = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  /** The engine's clock (Asia/Shanghai); dates the user gives are read relative to it. */
  now: z.string().default('2026-11-28T10:00:00+08:00'),
  locale: z.enum(['zh', 'en']).default('zh'),
  steps: z.array(Step).min(1),
});
export type Transcript = z.infer<typeof Transcript>;
