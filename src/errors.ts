/**
 * The few errors Weiquan raises on purpose. Each carries a stable `code` that clients can rely on;
 * translation to HTTP happens only in `src/server/errorHandler.ts`.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'VALIDATION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'ORIGIN_NOT_ALLOWED'
  | 'TOKEN_EXPIRED'
  | 'LOOPBACK_ONLY'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CONSENT_REQUIRED'
  | 'RATE_LIMITED'
  | 'DATABASE_UNAVAILABLE'
  | 'SHUTTING_DOWN'
  | 'NOT_READY'
  | 'NOT_CONFIGURED'
  | 'CHANNEL_UNAVAILABLE'
  | 'TURN_FAILED'
  | 'INTERNAL';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Operational errors are expected in normal running (bad input, a database restart); others are bugs. */
  readonly isOperational: boolean;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; isOperational?: boolean; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.isOperational = options.isOperational ?? code !== 'INTERNAL';
    this.details = options.details;
  }
}

/** Anything thrown becomes an Error, so every `catch (e)` can start with `coerceError(e)`. */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}
