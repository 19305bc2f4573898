import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whether the model may be used for the turn in progress. A site that must not send data out turns it
 * off; the composition root runs each turn inside `withModelPolicy`, and the model-backed functions ask
 * `modelAllowed()` before every call. Outside any scope (the chat CLI, tests) the model is allowed.
 */
const policy = new AsyncLocalStorage<{ model: boolean }>();

export function withModelPolicy<T>(model: boolean, run: () => T): T {
  return policy.run({ model }, run);
}

export function modelAllowed(): boolean {
  return policy.getStore()?.model ?? true;
}
