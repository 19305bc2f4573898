import { Router } from 'express';
import { z } from 'zod';
import { isLocalRequest } from '../../channels/botframework/isLoopbackAddress.js';
import type { BotFrameworkEndpoint } from '../../channels/botframework/index.js';
import { AppError } from '../../errors.js';

export type BotFrameworkRouteDeps = {
  /** Undefined when no site is configured for Bot Framework conversations: the route answers 503 NOT_CONFIGURED. */
  endpoint: BotFrameworkEndpoint | undefined;
  /**
   * Whether turns can be taken now: 'starting' while the engine loads (503 NOT_READY, so the
   * channel retries), or a configuration problem found at start (503 NOT_CONFIGURED).
   */
  status: () => 'ready' | 'starting' | { notConfigured: string };
};

const NOT_CONFIGURED =
  'The Bot Framework endpoint is not configured: set BOTFRAMEWORK_SITE_ID (or keep DEMO_SITE on), and MICROSOFT_APP_ID with its credentials for real channels. 机器人渠道尚未配置。';

const id = (name: string, max: number) =>
  z
    .string({ error: `${name} must be a string` })
    .min(1, `${name} must not be empty`)
    .max(max);

/**
 * The fields we rely on, checked at the edge; the rest of the activity passes through untouched
 * (channels add their own fields, and the adapter reads some of them).
 */
const ActivityBody = z.looseObject({
  type: id('type', 64),
  id: id('id', 256).optional(),
  channelId: id('channelId', 64),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'serviceUrl must be an http(s) URL' }).max(2048),
  conversation: z.looseObject({ id: id('conversation.id', 512) }, { error: 'conversation.id is required' }),
  from: z.looseObject({ id: z.string().max(512) }).optional(),
  recipient: z.looseObject({ id: z.string().max(512) }).optional(),
  text: z.string().max(10_000, 'text must be at most 10,000 characters').optional(),
  locale: z.string().max(32).optional(),
  deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).optional(),
  membersAdded: z
    .array(z.looseObject({ id: z.string().max(512) }))
    .max(100)
    .optional(),
  entities: z
    .array(z.looseObject({ type: z.string().max(64) }))
    .max(50)
    .optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(256) }))
    .max(50)
    .optional(),
});

/**
 * POST /api/messages: the Bot Framework messaging endpoint (Azure Bot Service channels, the Bot
 * Framework Emulator, any client using `deliveryMode: "expectReplies"` as request/response).
 */
export function botFrameworkRouter(deps: BotFrameworkRouteDeps): Router {
  const router = Router();
  router.post('/api/messages', async (req, res) => {
    const endpoint = deps.endpoint;
    if (!endpoint) throw new AppError('NOT_CONFIGURED', NOT_CONFIGURED);
    // Without credentials nothing proves who is calling: only this machine may (the Emulator).
    if (!endpoint.authEnabled && !isLocalRequest(req.socket.remoteAddress, req.headers)) {
      throw new AppError(
        'LOOPBACK_ONLY',
        'Bot Framework authentication is not configured (MICROSOFT_APP_ID), so only requests from this machine are accepted.',
      );
    }
    if (!req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the activity as JSON (Content-Type: application/json).');
    const activity = ActivityBody.parse(req.body ?? {});
    const authorization = req.get('authorization') ?? '';
    if (endpoint.authEnabled && !authorization.trim()) throw new AppError('UNAUTHORIZED', 'A Bot Framework token is required (Authorization: Bearer …).');
    const status = deps.status();
    if (status === 'starting') throw new AppError('NOT_READY', 'The assistant is still starting; please retry in a few seconds.');
    if (status !== 'ready') throw new AppError('NOT_CONFIGURED', status.notConfigured);

    const result = await endpoint.handle({ activity, authorization });
    if (result.kind === 'rejected' && result.reason === 'turn_failed') {
      // Reported as what it is, with a code the caller can act on, never a 200 with an apology.
      if (result.cause === 'DATABASE_UNAVAILABLE' || result.cause === 'NOT_READY' || result.cause === 'SHUTTING_DOWN' || result.cause === 'CONFLICT')
        throw new AppError(result.cause, result.message);
      throw new AppError('TURN_FAILED', '消息没有处理成功，请再发一次。The message could not be processed; please send it again.');
    }
    if (result.kind === 'rejected') {
      throw new AppError(
        result.reason === 'unauthorized' ? 'UNAUTHORIZED' : result.reason === 'invalid_activity' ? 'VALIDATION_FAILED' : 'CHANNEL_UNAVAILABLE',
        result.message,
      );
    }
    if (result.body === undefined) res.status(result.status).end();
    else res.status(result.status).json(result.body);
  });
  return router;
}
