import path from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Agent } from '../../agents/sql/agentStore.js';
import { AppError } from '../../errors.js';
import type { Handoff } from '../../handoff/makeHandoff.js';
import { readCookie, SESSION_COOKIE } from '../auth/principal.js';
import { makeRateLimiter } from '../rateLimit.js';

/** What the console endpoints need; src/main.ts binds these to the database and the handoff service. */
export type ConsoleApi = {
  handoff: Handoff;
  /** The agent for a login and password, or undefined (unknown login, wrong password, disabled). */
  signIn(login: string, password: string): Promise<Agent | undefined>;
  createSession(agentId: string): Promise<{ token: string; expiresAt: Date }>;
  agentForSession(token: string): Promise<Agent | undefined>;
  endSession(token: string): Promise<void>;
  /** DATA_DIR: evidence files live under it. */
  dataDir: string;
};

const LoginBody = z.strictObject({
  login: z.string().trim().min(1, 'login is required').max(100),
  password: z.string().min(1, 'password is required').max(200),
});
const MessageBody = z.strictObject({
  text: z.string().trim().min(1, 'text must not be empty').max(4000),
  citations: z
    .array(z.strictObject({ law: z.string().min(1).max(100), article: z.string().min(1).max(40), quote: z.string().max(2000).optional() }))
    .max(10)
    .optional(),
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
});
const NoteBody = z.strictObject({ text: z.string().trim().min(1, 'text must not be empty').max(4000) });
const HandbackBody = z.strictObject({ stage: z.enum(['triage', 'collecting', 'evidence', 'negotiate', 'platform', 'external', 'resolved']).optional() });
const ConversationId = z.string().regex(/^[A-Za-z0-9_:.|-]{1,200}$/);

/**
 * The agent console's API under /console/api. Sessions are HttpOnly, SameSite=Strict cookies;
 * every state-changing request must also carry `X-Weiquan-Console: 1`, which a cross-site form or
 * image cannot send (CSRF). Another site's conversation is "not found", never shown.
 */
export function consoleRouter(api: ConsoleApi): Router {
  const router = Router();
  // Guessing passwords: failed sign-ins are counted per client address (whatever login it tries)
  // and per login (from whatever address), 10 of each in a row, then 2 a minute. A correct password
  // counts against neither, so an attacker's guesses cannot lock a signed-in agent's session out.
  const failuresByAddress = makeRateLimiter({ perMinute: 2, burst: 10 });
  const failuresByLogin = makeRateLimiter({ perMinute: 2, burst: 10 });

  router.use('/console/api', (req, res, next) => {
    // Everything here is case data or a session: never kept by a browser or proxy cache.
    res.setHeader('Cache-Control', 'no-store');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (req.get('x-weiquan-console') !== '1') return next(new AppError('FORBIDDEN', 'Console requests must carry the header X-Weiquan-Console: 1.'));
      if (req.headers['content-type'] && !req.is('application/json')) {
        return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON (Content-Type: application/json).'));
      }
    }
    next();
  });

  const agentOf = async (req: Request): Promise<Agent> => {
    const token = readCookie(req, SESSION_COOKIE);
    const agent = token ? await api.agentForSession(token) : undefined;
    if (!agent) throw new AppError('UNAUTHORIZED', '请先登录。Please sign in.');
    return agent;
  };
  const idOf = (req: Request): string => {
    const parsed = ConversationId.safeParse(req.params.id);
    if (!parsed.success) throw new AppError('NOT_FOUND', '没有这个会话。No such conversation.');
    return parsed.data;
  };

  router.post('/console/api/login', async (req, res) => {
    const { login, password } = LoginBody.parse(req.body ?? {});
    const keys: [typeof failuresByAddress, string][] = [
      [failuresByAddress, req.ip ?? req.socket.remoteAddress ?? ''],
      [failuresByLogin, login.toLowerCase()],
    ];
    for (const [limiter, key] of keys) {
      const limit = limiter.peek(key);
      if (!limit.ok) {
        res.setHeader('Retry-After', String(limit.retryAfterSeconds));
        throw new AppError('RATE_LIMITED', '尝试次数过多，请稍后再试。Too many attempts; try again later.');
      }
    }
    const agent = await api.signIn(login, password);
    if (!agent) {
      for (const [limiter, key] of keys) limiter.take(key);
      throw new AppError('UNAUTHORIZED', '账号或密码不正确。Wrong login or password.');
    }
    const session = await api.createSession(agent.id);
    res.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', expires: session.expiresAt });
    req.log.info({ agentId: agent.id }, 'console.signed_in');
    res.json({ agent });
  });

  router.post('/console/api/logout', async (req, res) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await api.endSession(token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/console/api/me', async (req, res) => {
    res.json({ agent: await agentOf(req) });
  });

  router.get('/console/api/queue', async (req, res) => {
    res.json(await api.handoff.queue(await agentOf(req)));
  });

  router.get('/console/api/conversations/:id', async (req, res) => {
    res.json(await api.handoff.view(await agentOf(req), idOf(req)));
  });

  router.post('/console/api/conversations/:id/claim', async (req, res) => {
    res.json(await api.handoff.claim(await agentOf(req), idOf(req)));
  });

  router.post('/console/api/conversations/:id/messages', async (req, res) => {
    const agent = await agentOf(req);
    const body = MessageBody.parse(req.body ?? {});
    res.json({ entry: await api.handoff.reply(agent, idOf(req), body) });
  });

  router.post('/console/api/conversations/:id/notes', async (req, res) => {
    const agent = await agentOf(req);
    const { text } = NoteBody.parse(req.body ?? {});
    res.json({ event: await api.handoff.note(agent, idOf(req), text) });
  });

  router.post('/console/api/conversations/:id/handback', async (req, res) => {
    const agent = await agentOf(req);
    const { stage } = HandbackBody.parse(req.body ?? {});
    await api.handoff.handBack(agent, idOf(req), stage);
    res.json(await api.handoff.view(agent, idOf(req)));
  });

  router.post('/console/api/conversations/:id/close', async (req, res) => {
    const agent = await agentOf(req);
    z.strictObject({}).parse(req.body ?? {});
    await api.handoff.close(agent, idOf(req));
    res.json(await api.handoff.view(agent, idOf(req)));
  });

  router.get('/console/api/evidence/:evidenceId', async (req: Request, res: Response, next: NextFunction) => {
    const agent = await agentOf(req);
    const evidenceId = z
      .string()
      .regex(/^ev_[0-9a-f]{20}$/)
      .safeParse(req.params.evidenceId);
    if (!evidenceId.success) throw new AppError('NOT_FOUND', '没有这个证据文件。No such evidence file.');
    const file = await api.handoff.evidenceFile(agent, evidenceId.data);
    // Served as what its bytes are (checked at upload), never as HTML, sandboxed, not cached by proxies.
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    const root = path.resolve(api.dataDir);
    const relative = path.normalize(file.storagePath);
    if (path.isAbsolute(relative) || relative.startsWith('..')) throw new AppError('NOT_FOUND', '没有这个证据文件。No such evidence file.');
    // The default DATA_DIR is the dot-folder `.data`: served relative to it, with dot segments allowed
    // in the root (the relative path is ours, checked above, and never has any).
    res.sendFile(relative, { root, dotfiles: 'allow', headers: { 'Cache-Control': 'private, no-store' } }, (error) => {
      if (error && !res.headersSent) next(new AppError('NOT_FOUND', '证据文件已不在存储中。The evidence file is no longer in storage.'));
    });
  });

  return router;
}
