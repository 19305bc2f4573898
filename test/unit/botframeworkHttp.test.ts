import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBotFrameworkEndpoint, type BotFrameworkEndpoint } from '../../src/channels/botframework/index.js';
import type { InboundMessage, TurnResult } from '../../src/engine/types.js';
import { makeApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { botFrameworkRouter, type BotFrameworkRouteDeps } from '../../src/server/routes/botframework.js';
import { collectingLogger, readJson } from '../helpers/http.js';

/**
 * The HTTP edge of /api/messages: every refusal it makes before a turn runs. The engine here is a
 * stand-in that echoes; full conversations through the real engine are in test/db.
 */
let turnsRun = 0;
const echo = async (inbound: InboundMessage): Promise<TurnResult> => {
  turnsRun += 1;
  return { replies: [{ text: `echo:${inbound.text ?? ''}`, channelData: { weiquan: { stage: 'triage' } } }], stage: 'triage', duplicate: false };
};

type Running = { base: string; server: RunningServer };
const servers: RunningServer[] = [];

async function serve(route: BotFrameworkRouteDeps, bodyLimit = '100kb'): Promise<Running> {
  const { logger } = collectingLogger('silent');
  const app = makeApp({
    logger,
    bodyLimit,
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => ({ total: 0, idle: 0, waiting: 0, max: 1 }),
    isShuttingDown: () => false,
    routers: [botFrameworkRouter(route)],
  });
  const server = await listen(app, 0, '127.0.0.1');
  servers.push(server);
  return { base: `http://127.0.0.1:${server.port}`, server };
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close(100)));
});

const activity = (fields: Record<string, unknown> = {}) => ({
  type: 'message',
  id: 'a1',
  channelId: 'emulator',
  serviceUrl: 'http://127.0.0.1:9/',
  conversation: { id: 'c1' },
  from: { id: 'user' },
  recipient: { id: 'bot' },
  text: '你好',
  deliveryMode: 'expectReplies',
  ...fields,
});

const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const anonymous = () => makeBotFrameworkEndpoint({ runTurn: echo, siteId: 'demo', credentials: undefined, logger: collectingLogger('silent').logger });

describe('POST /api/messages without credentials (Emulator mode)', () => {
  let base: string;
  beforeAll(async () => {
    base = (await serve({ endpoint: anonymous(), status: () => 'ready' })).base;
  });

  it('accepts a loopback caller and returns the replies in the body for expectReplies', async () => {
    const before = turnsRun;
    const res = await post(base, activity());
    expect(res.status).toBe(200);
    expect(turnsRun).toBe(before + 1);
    const body = await readJson(res);
    expect(body.activities.map((a: { type: string; text?: string }) => [a.type, a.text])).toEqual([
      ['typing', undefined],
      ['message', 'echo:你好'],
    ]);
    expect(body.activities[1]).toMatchObject({ conversation: { id: 'c1' }, from: { id: 'bot' }, recipient: { id: 'user' }, replyToId: 'a1' });
  });

  it('refuses a caller a local reverse proxy forwards from elsewhere with 403 LOOPBACK_ONLY', async () => {
    const res = await post(base, activity(), { 'x-forwarded-for': '203.0.113.7' });
    expect(res.status).toBe(403);
    expect((await readJson(res)).error.code).toBe('LOOPBACK_ONLY');
  });

  it.each([
    ['malformed JSON', 400, 'INVALID_JSON', '{"type":"message",'],
    ['a JSON array, not an activity', 400, 'VALIDATION_FAILED', '[1,2]'],
    ['no conversation', 400, 'VALIDATION_FAILED', activity({ conversation: undefined })],
    ['an empty conversation id', 400, 'VALIDATION_FAILED', activity({ conversation: { id: '' } })],
    ['no serviceUrl', 400, 'VALIDATION_FAILED', activity({ serviceUrl: undefined })],
    ['a serviceUrl that is not http(s)', 400, 'VALIDATION_FAILED', activity({ serviceUrl: 'file:///etc/passwd' })],
    ['no type', 400, 'VALIDATION_FAILED', activity({ type: undefined })],
    ['text of the wrong type', 400, 'VALIDATION_FAILED', activity({ text: 42 })],
    ['an unknown delivery mode', 400, 'VALIDATION_FAILED', activity({ deliveryMode: 'carrierPigeon' })],
  ])('answers %s with %i %s', async (_name, status, code, body) => {
    const res = await post(base, body);
    expect(res.status).toBe(status);
    expect((await readJson(res)).error.code).toBe(code);
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(415);
    expect((await readJson(res)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an oversized activity with 413', async () => {
    const res = await post(base, activity({ text: '退'.repeat(60_000) }));
    expect(res.status).toBe(413);
    expect((await readJson(res)).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['a mention but no recipient', { recipient: undefined, entities: [{ type: 'mention', mentioned: { id: 'bot' }, text: '<at>bot</at>' }] }],
    ['entities that are not objects', { entities: [null, 3, 'x'] }],
    ['a value of every kind', { value: { nested: [1, { deep: true }] } }],
    ['membersAdded without ids on a message', { membersAdded: [] }],
    ['a timestamp that is not a date', { timestamp: 'yesterday' }],
  ])('takes an activity with %s without failing', async (_name, fields) => {
    const res = await post(base, activity(fields));
    expect(res.status).toBeLessThan(500);
  });

  it('ignores activity types the bot does not handle, with 200', async () => {
    const res = await post(base, activity({ type: 'messageReaction', text: undefined }));
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ activities: [] });
  });
});

describe('the start-up warning', () => {
  it('says once, at warn level, that without credentials only local callers are accepted', () => {
    const log = collectingLogger('info');
    makeBotFrameworkEndpoint({ runTurn: echo, siteId: 'demo', credentials: undefined, logger: log.logger });
    const warnings = log.lines().filter((l) => l.msg === 'botframework.auth_disabled');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, note: expect.stringContaining('this machine only') });
  });

  it('is not logged when credentials are configured', () => {
    const log = collectingLogger('info');
    makeBotFrameworkEndpoint({
      runTurn: echo,
      siteId: 'demo',
      credentials: { appId: 'app', password: 'pw', tenantId: undefined, appType: 'MultiTenant' },
      logger: log.logger,
    });
    expect(log.lines()).toEqual([]);
  });
});

describe('POST /api/messages when it cannot take turns', () => {
  it('answers 503 NOT_CONFIGURED when no site is configured', async () => {
    const { base } = await serve({ endpoint: undefined, status: () => 'ready' });
    const res = await post(base, activity());
    expect(res.status).toBe(503);
    const { error } = await readJson(res);
    expect(error.code).toBe('NOT_CONFIGURED');
    expect(error.message).toMatch(/BOTFRAMEWORK_SITE_ID/);
  });

  it('answers 503 NOT_CONFIGURED naming the problem found at start', async () => {
    const { base } = await serve({
      endpoint: anonymous(),
      status: () => ({ notConfigured: 'BOTFRAMEWORK_SITE_ID names a site that does not exist (site_gone)' }),
    });
    const { error } = await readJson(await post(base, activity()));
    expect(error).toMatchObject({ code: 'NOT_CONFIGURED', message: expect.stringContaining('site_gone') });
  });

  it('answers 503 NOT_READY with Retry-After while the engine loads', async () => {
    const { base } = await serve({ endpoint: anonymous(), status: () => 'starting' });
    const res = await post(base, activity());
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await readJson(res)).error.code).toBe('NOT_READY');
  });
});

describe('POST /api/messages with Bot Framework credentials', () => {
  let base: string;
  let endpoint: BotFrameworkEndpoint;
  beforeAll(async () => {
    endpoint = makeBotFrameworkEndpoint({
      runTurn: echo,
      siteId: 'demo',
      credentials: { appId: '11111111-2222-3333-4444-555555555555', password: 'not-a-real-secret', tenantId: undefined, appType: 'MultiTenant' },
      logger: collectingLogger('silent').logger,
    });
    base = (await serve({ endpoint, status: () => 'ready' })).base;
  });

  it('requires authentication', () => {
    expect(endpoint.authEnabled).toBe(true);
  });

  it('answers a request without a token with 401 UNAUTHORIZED', async () => {
    const res = await post(base, activity());
    expect(res.status).toBe(401);
    expect((await readJson(res)).error.code).toBe('UNAUTHORIZED');
  });

  it.each([
    ['a token that is not a JWT', 'Bearer junk'],
    [
      'a JWT from an issuer Bot Framework does not use',
      `Bearer ${unsignedJwt({ iss: 'https://issuer.example', aud: '11111111-2222-3333-4444-555555555555' })}`,
    ],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('answers %s with 401 UNAUTHORIZED and runs no turn', async (_name, authorization) => {
    const before = turnsRun;
    const res = await post(base, activity(), { authorization });
    expect(res.status).toBe(401);
    expect((await readJson(res)).error.code).toBe('UNAUTHORIZED');
    expect(turnsRun).toBe(before);
  });

  it('does not need the caller to be local', async () => {
    const res = await post(base, activity(), { 'x-forwarded-for': '203.0.113.7' });
    expect(res.status).toBe(401);
  });
});

function unsignedJwt(payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${part({ ...payload, exp: Math.floor(Date.now() / 1000) + 600 })}.${Buffer.from('sig').toString('base64url')}`;
}
