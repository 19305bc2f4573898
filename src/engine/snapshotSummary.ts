import { parseSnapshot } from './snapshot.js';

/** What other modules (the agent console's queue and conversation head) may know of a stored dialog state. */
export type SnapshotSummary = { stage: string | null; category: string | null; amountFen: number | null };

/**
 * The engine's one reader of its stored snapshot for others: they get the stage, the dispute type and
 * the amount paid, never the snapshot's shape (which is versioned and the engine's own). A snapshot the
 * engine could not read tells nothing (the next turn resets it and says so).
 */
export function summarizeSnapshot(stored: unknown): SnapshotSummary {
  const parsed = parseSnapshot(stored, 'zh');
  if (parsed.reset) return { stage: null, category: null, amountFen: null };
  const { value, context } = parsed.snapshot;
  return { stage: value, category: context.category ?? null, amountFen: context.slots.amountFen ?? null };
}
