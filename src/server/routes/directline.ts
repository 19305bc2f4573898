import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { DirectLine, Principal } from '../../channels/directline/makeDirectLine.js';
import { AppError } from '../../errors.js';
import type { Site } from '../../sites/index.js';
import type { ChannelLimits } from '../channelLimits.js';
import { multipartFiles } from '../multipartFiles.js';

export type DirectLineRouteDeps = {
  directLine: DirectLine;
  findSite: (id: string) => Promise<Site | undefined>;
  uploadMaxBytes: number;
  uploadMaxFiles: number;
  limits: ChannelLimits;
  /** PUBLIC_URL, or the address the server listens on: absolute URLs are never built from the Host header. */
  publicUrl: () => string;
};

const BASE = '/v3/directline';

const ConversationId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const Watermark = z.union([z.literal(''), z.string().regex(/^\d{1,9}$/, 'watermark must be a number')]).optional();
const StartBody = z.looseObject({ locale: z.string().max(35).optional(), user: z.looseObject({ id: z.string().max(256).optional() }).optional() });

/** The Direct Line 3.0 endpoints the official clients use. The WebSocket stream is in ../directlineStream.ts. */
export function directLineRouter(deps: DirectLineRouteDeps): Router {
  const router = Router();
  const dl = deps.directLine;

  /** The caller's credential, and (from a browser) its page's origin checked against the credential's site. */
  const principalOf = async (req: Request): Promise<Principal> => {
    const principal = await dl.authenticate(req.headers.authorization);
    const origin = req.headers.origin;
    if (origin) {
      const site = await deps.findSite(dl.siteIdOf(principal));
      if (!site?.allowedOrigins.includes(origin))
        throw new AppError('ORIGIN_NOT_ALLOWED', "这个网页不能访问该网站的会话。This page may not use this site's conversations.");
    }
    return principal;
  };
  const conversationOf = (req: Request): string => {
    const parsed = ConversationId.safeParse(req.params.id);
    if (!parsed.success) throw new AppError('NOT_FOUND', '没有这个会话。No such conversation.');
    return parsed.data;
  };
  const watermarkOf = (req: Request): number => {
    const parsed = Watermark.safeParse(req.query.watermark);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'watermark must be a number from an earlier answer.');
    return parsed.data ? Number(parsed.data) : 0;
  };
  /** Bodies are optional on these POSTs; when there is one, it must be JSON. */
  const optionalJson = (req: Request): unknown => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON (Content-Type: application/json).');
    return req.body ?? {};
  };
  /** Like the service's: the stream starts after the watermark the client reconnected with. */
  const streamUrl = (conversationId: string, token: string, watermark?: number) => {
    return `${deps.publicUrl().replace(/^http/, 'ws')}${BASE}/conversations/${encodeURIComponent(conversationId)}/stream?watermark=${watermark ?? ''}&t=${encodeURIComponent(token)}`;
  };
  const noStore = (res: Response) => res.setHeader('Cache-Control', 'no-store');

  router.post(`${BASE}/tokens/generate`, async (req, res) => {
    const body = StartBody.parse(optionalJson(req));
    const principal = await principalOf(req);
    deps.limits.request(req, res, dl.siteIdOf(principal));
    noStore(res);
    res.json(await dl.generateToken(principal, { ...(body.locale ? { locale: body.locale } : {}) }));
  });

  router.post(`${BASE}/tokens/refresh`, async (req, res) => {
    optionalJson(req);
    const principal = await principalOf(req);
    deps.limits.request(req, res, dl.siteIdOf(principal));
    noStore(res);
    res.json(await dl.refreshToken(principal));
  });

  router.post(`${BASE}/conversations`, async (req, res) => {
    const body = StartBody.parse(optionalJson(req));
    const principal = await principalOf(req);
    deps.limits.request(req, res, dl.siteIdOf(principal));
    const conversation = await dl.startConversation(principal, { ...(body.locale ? { locale: body.locale } : {}) });
    noStore(res);
    res.status(201).json({ ...conversation, streamUrl: streamUrl(conversation.conversationId, conversation.token) });
  });

  router.get(`${BASE}/conversations/:id`, async (req, res) => {
    const id = conversationOf(req);
    const watermark = watermarkOf(req);
    const conversation = await dl.reconnect(await principalOf(req), id);
    noStore(res);
    res.json({ ...conversation, streamUrl: streamUrl(id, conversation.token, watermark || undefined) });
  });

  router.get(`${BASE}/conversations/:id/activities`, async (req, res) => {
    const id = conversationOf(req);
    const watermark = watermarkOf(req);
    const page = await dl.getActivities(await principalOf(req), id, watermark);
    noStore(res);
    res.json(page);
  });

  router.post(`${BASE}/conversations/:id/activities`, async (req, res) => {
    const id = conversationOf(req);
    if (!req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the activity as JSON (Content-Type: application/json).');
    const principal = await principalOf(req);
    deps.limits.message(req, res, id, dl.siteIdOf(principal));
    res.json(await dl.postActivity(principal, id, req.body));
  });

  router.post(`${BASE}/conversations/:id/upload`, async (req, res) => {
    const id = conversationOf(req);
    if (!req.is('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传文件。Send files as multipart/form-data.');
    const declared = Number(req.headers['content-length'] ?? 0);
    // The whole request can be refused before reading it when it says it is too large.
    if (declared > deps.uploadMaxBytes * deps.uploadMaxFiles + 256 * 1024) {
      res.setHeader('Connection', 'close');
      throw new AppError('PAYLOAD_TOO_LARGE', `上传内容过大（每个文件不超过 ${Math.round(deps.uploadMaxBytes / 1024 / 1024)} MB）。The upload is too large.`);
    }
    const principal = await principalOf(req);
    try {
      deps.limits.message(req, res, id, dl.siteIdOf(principal));
    } catch (error) {
      res.setHeader('Connection', 'close');
      throw error;
    }
    const parts = multipartFiles(req, { fileSize: deps.uploadMaxBytes, files: deps.uploadMaxFiles });
    try {
      const userId = typeof req.query.userId === 'string' && req.query.userId.length <= 256 ? req.query.userId : undefined;
      res.json(await dl.upload(principal, id, parts.files, parts.activity, userId));
    } catch (error) {
      // What is left of the body is not read: close the connection after the error answer.
      res.setHeader('Connection', 'close');
      req.unpipe();
      req.resume();
      throw error;
    }
  });

  // Anything else under the prefix, including methods we do not serve, is a clear 404.
  router.all(`${BASE}/*rest`, () => {
    throw new AppError('NOT_FOUND', 'No such Direct Line endpoint.');
  });
  return router;
}
