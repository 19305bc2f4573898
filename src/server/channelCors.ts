import type { RequestHandler } from 'express';

const CHANNEL_PATHS = /^\/(v3\/directline\/|api\/webchat\/token$)/;

/**
 * CORS for the channel endpoints. A preflight carries no credentials, so it is answered for any
 * origin that some site allows; the request itself is then checked against the origins of the
 * site its token, secret or siteId belongs to (403 ORIGIN_NOT_ALLOWED otherwise). Mounted before
 * the body parsers, so even a parse error reaches the page readable.
 */
export function channelCors(deps: { anyAllows: (origin: string) => Promise<boolean> }): RequestHandler {
  return async (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin || !CHANNEL_PATHS.test(req.path)) return next();
    res.vary('Origin');
    const allowed = await deps.anyAllows(origin).catch((error: unknown) => error);
    if (typeof allowed !== 'boolean') return next(allowed);
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
    }
    if (req.method === 'OPTIONS') {
      if (allowed) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}
