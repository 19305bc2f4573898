export type CircuitBreaker = {
  /** Whether a call may go out now (closed, or one trial call after the cool-down). */
  allow(): boolean;
  success(): void;
  failure(): void;
  state(): 'closed' | 'open' | 'half_open';
};

/**
 * After `failures` failures in a row the model is skipped for `coolDownMs`; then one trial call is let
 * through: success closes the circuit, failure opens it for another cool-down.
 */
export function makeCircuitBreaker(options: { failures: number; coolDownMs: number; now?: () => number }): CircuitBreaker {
  const now = options.now ?? Date.now;
  let consecutive = 0;
  let openedAt: number | undefined;
  let trialOut = false;
  const state = (): 'closed' | 'open' | 'half_open' => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= options.coolDownMs ? 'half_open' : 'open';
  };
  return {
    state,
    allow() {
      const s = state();
      if (s === 'closed') return true;
      if (s === 'open' || trialOut) return false;
      trialOut = true;
      return true;
    },
    success() {
      consecutive = 0;
      openedAt = undefined;
      trialOut = false;
    },
    failure() {
      consecutive++;
      if (trialOut || consecutive >= options.failures) {
        openedAt = now();
        trialOut = false;
      }
    },
  };
}
