import type { StateMachine, Typestate } from '@xstate/fsm';
import type { DialogEvent } from '../../dialogs/rights/events.js';
import { rightsMachine } from '../../dialogs/rights/rights.machine.js';
import type { Context, Stage } from '../../dialogs/rights/types.js';

/**
 * The one file that knows @xstate/fsm. Snapshots are plain `{ value, context }` (the library's
 * State carries a `matches` function and is not JSON); actions come back as their names, for the
 * engine to interpret. Moving to xstate v5's pure `transition()` changes only this file.
 */
export type MachineSnapshot = { value: Stage; context: Context };
export type Step = { snapshot: MachineSnapshot; actions: string[]; changed: boolean };

export function initialSnapshot(locale: 'zh' | 'en'): MachineSnapshot {
  return initialStep(locale).snapshot;
}

export function transition(snapshot: MachineSnapshot, event: DialogEvent): Step {
  // The stored snapshot lacks `matches` and `actions`; transition() reads only value and context.
  const state = rightsMachine.transition(snapshot as unknown as StateMachine.State<Context, DialogEvent, Typestate<Context>>, event);
  const actions = state.actions.map((a) => a.type);
  return { snapshot: { value: state.value as Stage, context: state.context }, actions, changed: state.changed ?? false };
}

/** A brand-new conversation: the initial state with its entry assignments applied, and its other entry actions. */
export function initialStep(locale: 'zh' | 'en'): { snapshot: MachineSnapshot; actions: string[] } {
  const initial = rightsMachine.initialState;
  return { snapshot: { value: initial.value as Stage, context: { ...initial.context, locale } }, actions: initial.actions.map((a) => a.type) };
}
