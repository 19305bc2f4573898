import type { Request, Response } from 'express';
import { AppError } from '../errors.js';
import { makeRateLimiter, takeAll, type RateLimiter } from './rateLimit.js';

export type ChannelLimitSettings = { messageRatePerMinute: number; clientRatePerMinute: number; siteRatePerMinute: number };

export const DEFAULT_CHANNEL_LIMITS: ChannelLimitSettings = { messageRatePerMinute: 60, clientRatePerMinute: 600, siteRatePerMinute: 12_000 };

/**
 * The public endpoints' limits, per instance and in memory: messages per conversation, and every
 * channel request per client address and per site. Checked after the caller's credential and
 * page origin, so refused requests (a wrong origin, a forged token) use up nobody's allowance.
 */
export type ChannelLimits = {
  /** A message or an upload to a conversation. */
  message(req: Request, res: Response, conversationId: string, siteId: string): void;
  /** A new conversation, a token, a knowledge answer: per address, and per site when there is one. */
  request(req: Request, res: Response, siteId?: string): void;
};

export function makeChannelLimits(settings: ChannelLimitSettings): ChannelLimits {
  const limiter = (perMinute: number): RateLimiter => makeRateLimiter({ perMinute, burst: Math.max(5, Math.ceil(perMinute / 3)) });
  const conversations = limiter(settings.messageRatePerMinute);
  const clients = limiter(settings.clientRatePerMinute);
  const sites = limiter(settings.siteRatePerMinute);
  const refuse = (res: Response, retryAfterSeconds: number): never => {
    res.setHeader('Retry-After', String(retryAfterSeconds));
    throw new AppError('RATE_LIMITED', '请求太频繁，请稍后再试。Too many requests; please retry shortly.');
  };
  const address = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return {
    message(req, res, conversationId, siteId) {
      const r = takeAll([
        [conversations, conversationId],
        [clients, address(req)],
        [sites, siteId],
      ]);
      if (!r.ok) refuse(res, r.retryAfterSeconds);
    },
    request(req, res, siteId) {
      const r = takeAll(
        siteId
          ? [
              [clients, address(req)],
              [sites, siteId],
            ]
          : [[clients, address(req)]],
      );
      if (!r.ok) refuse(res, r.retryAfterSeconds);
    },
  };
}
