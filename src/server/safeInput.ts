import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { findUnsafe } from '../safeText.js';

/**
 * Every parsed body and query string is checked before any route sees it: a NUL, a lone UTF-16
 * surrogate or a control character anywhere (keys included), or nesting deeper than any request
 * of ours needs, is a 400 VALIDATION_FAILED naming the field. PostgreSQL cannot store a NUL in
 * text or jsonb; refusing here means no such input can fail halfway through a write.
 */
export const rejectUnsafeInput: RequestHandler = (req, _res, next) => {
  const found = findUnsafe(req.query, 'query') ?? (req.body !== undefined ? findUnsafe(req.body, 'body') : undefined);
  if (!found) return next();
  const message =
    found.reason === 'depth'
      ? `${found.path} is nested too deeply. 请求内容嵌套过深。`
      : `${found.path} contains a NUL, control character or unpaired surrogate. 内容里有无法处理的控制字符。`;
  next(new AppError('VALIDATION_FAILED', `The request is not valid: ${message}`, { details: [{ path: found.path, message }] }));
};
