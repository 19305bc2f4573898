/**
 * How errors are logged: never with what users typed. A PostgreSQL error's message, DETAIL and
 * CONTEXT quote the offending value (a name, a phone number, a whole activity), so it is logged as
 * its SQLSTATE, severity, routine and the name of the query that raised it, nothing else. Other
 * errors keep their type, message, code and stack; causes are serialized the same way.
 */
export type LoggedError = Record<string, unknown>;

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** A pg `DatabaseError` (or anything shaped like one), without importing pg. */
export function isDatabaseError(e: unknown): e is Error & { code: string; severity?: string; routine?: string; query?: string } {
  if (!(e instanceof Error)) return false;
  const x = e as Error & { code?: unknown; severity?: unknown; routine?: unknown };
  return typeof x.code === 'string' && SQLSTATE.test(x.code) && (typeof x.severity === 'string' || typeof x.routine === 'string');
}

export function serializeError(given: unknown, depth = 0): unknown {
  // pino-http hands child serializers what pino's standard one made of the error: its original is `raw`.
  const raw = typeof given === 'object' && given !== null ? (given as { raw?: unknown }).raw : undefined;
  const thrown = raw instanceof Error ? raw : given;
  if (!(thrown instanceof Error)) return typeof thrown === 'object' && thrown !== null ? { type: 'NonError' } : thrown;
  if (isDatabaseError(thrown)) {
    return { type: 'DatabaseError', sqlstate: thrown.code, ...(thrown.severity ? { severity: thrown.severity } : {}), ...(thrown.routine ? { routine: thrown.routine } : {}), query: thrown.query ?? 'unnamed' };
  }
  const x = thrown as Error & { code?: unknown; isOperational?: unknown };
  const out: LoggedError = { type: x.name || x.constructor?.name || 'Error', message: x.message, ...(typeof x.code === 'string' ? { code: x.code } : {}) };
  // A stack starts with the message; a cause that is a database error makes its wrapper's message the only text kept.
  if (x.stack) out.stack = x.stack;
  if (x.cause !== undefined && depth < 4) out.cause = serializeError(x.cause, depth + 1);
  return out;
}
