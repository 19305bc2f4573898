import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whether the model may be used for the turn in progress. A site that must not send data out turns it
 * off; the composition root runs each turn inside `withModelPolicy`, and the model-backed functions ask
 * `modelAllowed()` before every call. Outside any scope (the chat CLI, tests) the model is allowed.
 *
 * The same scope carries the turn's "still waiting" signal: the first model call of the turn that runs
 * past `slowAfterMs` (1 s) calls `onWaiting` once, so a channel can show that the bot is typing.
 */
type Scope = { model: boolean; onWaiting?: () => void; slowAfterMs: number; signalled: boolean };
const policy = new AsyncLocalStorage<Scope>();

/** How long a model call may run before the user is shown that the bot is typing. */
export const TYPING_AFTER_MS = 1000;

export function withModelPolicy<T>(model: boolean, run: () => T, onWaiting?: () => void, slowAfterMs = TYPING_AFTER_MS): T {
  return policy.run({ model, ...(onWaiting ? { onWaiting } : {}), slowAfterMs, signalled: false }, run);
}

export function modelAllowed(): boolean {
  return policy.getStore()?.model ?? true;
}

/**
 * A model call starts: returns its end. When it runs past the scope's threshold, the turn's `onWaiting`
 * is called (once per turn, however many calls follow); a failing callback never affects the call.
 */
export function modelCallStarted(): () => void {
  const scope = policy.getStore();
  if (!scope?.onWaiting || scope.signalled) return () => {};
  const timer = setTimeout(() => {
    if (scope.signalled) return;
    scope.signalled = true;
    try {
      scope.onWaiting?.();
    } catch {
      // The signal is a courtesy: the turn goes on without it.
    }
  }, scope.slowAfterMs);
  timer.unref();
  return () => clearTimeout(timer);
}
