import { Router } from 'express';
import { z } from 'zod';
import type { WidgetConversation } from '../../channels/directline/makeDirectLine.js';
import { AppError } from '../../errors.js';
import type { Site } from '../../sites/index.js';
import type { RateLimiter } from '../rateLimit.js';

const TokenRequest = z.strictObject({
  siteId: z.string({ error: 'siteId is required' }).regex(/^[a-z0-9_]{3,40}$/, 'siteId looks like site_xxxxxxxxxxxx'),
  locale: z.string().max(35).optional(),
  /** The resume ticket of the widget's stored conversation, whose token has expired. */
  resume: z.string().min(1).max(1000).optional(),
});

export type WebchatTokenDeps = {
  findSite: (id: string) => Promise<Site | undefined>;
  widgetToken: (site: Site, locale: string | undefined) => WidgetConversation;
  resumeWidget: (site: Site, ticket: string) => Promise<WidgetConversation>;
  limiter: RateLimiter;
};

/**
 * `POST /api/webchat/token`: what the widget calls instead of holding a secret. The page's origin
 * must be one the site allows; the answer is a token for one new conversation of that site (with a
 * resume ticket), or, given the ticket of one of its conversations, a new token for that conversation.
 */
export function webchatTokenRouter(deps: WebchatTokenDeps): Router {
  const router = Router();
  router.post('/api/webchat/token', async (req, res) => {
    if (!req.is('application/json'))
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 JSON 发送（Content-Type: application/json）。Send the request body as JSON.');
    const body = TokenRequest.parse(req.body ?? {});
    const site = await deps.findSite(body.siteId);
    // An unknown site and a disallowed origin get the same answer: nothing to learn by probing.
    const origin = req.headers.origin;
    if (!site || !origin || !site.allowedOrigins.includes(origin)) {
      throw new AppError('ORIGIN_NOT_ALLOWED', "这个网页不能使用该网站的聊天窗口。This page is not allowed to use this site's chat.");
    }
    // Counted only once the page is one of the site's: refused origins use up nobody's allowance.
    const limited = deps.limiter.take(`${req.ip ?? 'unknown'}|${body.siteId}`);
    if (!limited.ok) {
      res.setHeader('Retry-After', String(limited.retryAfterSeconds));
      throw new AppError('RATE_LIMITED', '请求太频繁，请稍后再试。Too many requests; please retry shortly.');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(body.resume ? await deps.resumeWidget(site, body.resume) : deps.widgetToken(site, body.locale));
  });
  return router;
}
