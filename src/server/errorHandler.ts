import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, coerceError, type ErrorCode } from '../errors.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  // Direct Line clients read 403 as "token expired" and ask their page for a new one.
  TOKEN_EXPIRED: 403,
  LOOPBACK_ONLY: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  // Evidence before the consumer agreed to keeping personal data: not kept (个人信息保护法 第十三条).
  CONSENT_REQUIRED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
  NOT_READY: 503,
  NOT_CONFIGURED: 503,
  CHANNEL_UNAVAILABLE: 502,
  // The engine could not take the turn (nothing was stored): retry it.
  TURN_FAILED: 503,
};

export type ErrorBody = { error: { code: ErrorCode; message: string; requestId: string; details?: unknown } };

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `No such endpoint: ${req.method} ${req.path}`));
};

/** The one place where errors become HTTP responses: JSON, a stable code, never a stack trace. */
export const errorHandler: ErrorRequestHandler = (thrown, req, res, next) => {
  const error = toAppError(coerceError(thrown));
  const status = STATUS[error.code];
  if (status >= 500 && error.code === 'INTERNAL') {
    req.log.error({ err: coerceError(thrown) }, 'http.unexpected_error');
  } else if (status >= 500) {
    req.log.warn({ code: error.code, ...(error.cause !== undefined ? { err: error.cause } : {}) }, 'http.unavailable');
  }
  if (res.headersSent) {
    next(thrown);
    return;
  }
  const body: ErrorBody = { error: { code: error.code, message: error.message, requestId: String(req.id) } };
  if (error.details !== undefined) body.error.details = error.details;
  if (status === 503) res.setHeader('Retry-After', '5');
  res.status(status).json(body);
};

function toAppError(error: Error): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError(
      'VALIDATION_FAILED',
      'The request is not valid: ' + error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
      {
        details: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    );
  }
  // body-parser marks its errors with `type` and a 4xx `status`.
  const { type, status } = error as { type?: string; status?: number };
  switch (type) {
    case 'entity.parse.failed':
      return new AppError('INVALID_JSON', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body uses an unsupported encoding or charset.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', 'The request could not be processed.');
  }
  return new AppError('INTERNAL', 'Something went wrong on our side. Please try again; if it persists, quote the request id.', {
    cause: error,
    isOperational: false,
  });
}
