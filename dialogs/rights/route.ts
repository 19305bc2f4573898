import type { DialogEvent } from './events.js';
import { nextMissing } from './facts.js';
import type { Context, Stage } from './types.js';

/**
 * What a `route*` entry action decides, from the context alone. Pure, so the decision stays in
 * dialogs/ even though the engine is the one that feeds the answer back to the machine.
 */
export function route(action: 'routeTriage' | 'routeCollect' | 'routeSkip', context: Context): DialogEvent {
  if (action === 'routeTriage')
    return context.category ? { type: 'ROUTE_COLLECT' } : context.awaiting?.slot === 'category' ? { type: 'ROUTE_WAIT' } : { type: 'ROUTE_ASK' };
  // routeCollect on entering the form; routeSkip after giving up on a fact: the same decision.
  return nextMissing(context) === undefined ? { type: 'ROUTE_ASSESS' } : { type: 'ROUTE_ASK' };
}

/** Stages where the case is in use (a letter sent, a complaint written): filing it needs consent. */
const CASE_STAGES: readonly Stage[] = ['negotiate', 'platform', 'external', 'resolved', 'handoff'];

/**
 * Whether to ask for consent now because a case would be filed (个人信息保护法 第十三条): once, when the
 * ladder starts; never before the help, never again after an answer (the user can still say 同意).
 */
export function consentNeededForCase(context: Context, stage: Stage): boolean {
  return context.consent === 'unknown' && !context.consentAsked && context.category !== undefined && CASE_STAGES.includes(stage);
}
