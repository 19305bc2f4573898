import type { DialogEvent } from './events.js';
import { nextMissing } from './facts.js';
import type { Context } from './types.js';

/**
 * What a `route*` entry action decides, from the context alone. Pure, so the decision stays in
 * dialogs/ even though the engine is the one that feeds the answer back to the machine.
 */
export function route(action: 'routeTriage' | 'routeCollect', context: Context): DialogEvent {
  if (action === 'routeTriage') return context.category ? { type: 'ROUTE_COLLECT' } : { type: 'ROUTE_ASK' };
  return nextMissing(context) === undefined ? { type: 'ROUTE_ASSESS' } : { type: 'ROUTE_ASK' };
}
