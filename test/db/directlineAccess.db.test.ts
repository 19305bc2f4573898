import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTokenSigner } from '../../src/channels/directline/tokens.js';
import { AppError } from '../../src/errors.js';
import { startChannelServer, type ChannelServer } from '../helpers/channelServer.js';
import { makeTestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let server: ChannelServer;
let a: { id: string; secret: string };
let b: { id: string; secret: string };
const ORIGIN_A = 'https://shop-a.example';
const ORIGIN_B = 'https://shop-b.example';

beforeAll(async () => {
  server = await startChannelServer({ db: t.db, url: t.url, engine: await makeTestEngine(t.db), tokenRatePerMinute: 60 });
  const siteA = await server.channel.sites.create({ name: 'A', allowedOrigins: [ORIGIN_A], locale: 'zh' });
  const siteB = await server.channel.sites.create({ name: 'B', allowedOrigins: [ORIGIN_B], locale: 'en' });
  a = { id: siteA.site.id, secret: siteA.secret };
  b = { id: siteB.site.id, secret: siteB.secret };
});
afterAll(async () => {
  await server?.stop();
});

const dl = (path: string, init: { method?: string; auth?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${server.base}/v3/directline${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.auth ? { Authorization: `Bearer ${init.auth}` } : {}),
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

async function start(secret: string) {
  const res = await dl('/conversations', { method: 'POST', auth: secret });
  expect(res.status).toBe(201);
  return (await readJson(res)) as { conversationId: string; token: string; streamUrl: string };
}

const say = (conversationId: string, token: string, text: string, id?: string) =>
  dl(`/conversations/${conversationId}/activities`, { auth: token, body: { type: 'message', from: { id: 'u' }, text, ...(id ? { id } : {}) } });

describe('sites are isolated', () => {
  it("site A's token can neither read nor post to site B's conversation", async () => {
    const convA = await start(a.secret);
    const convB = await start(b.secret);
    const read = await dl(`/conversations/${convB.conversationId}/activities`, { auth: convA.token });
    expect(read.status).toBe(403);
    expect((await readJson(read)).error.code).toBe('FORBIDDEN');
    const write = await say(convB.conversationId, convA.token, '你好');
    expect(write.status).toBe(403);
    const reconnect = await dl(`/conversations/${convB.conversationId}`, { auth: convA.token });
    expect(reconnect.status).toBe(403);
    // Nothing was written to B's log.
    const log = await t.db.query<{ n: number }>(
      `select count(*)::int as n from channel_activities where conversation_id = $1 and activity->'from'->>'id' = 'u'`,
      [convB.conversationId],
    );
    expect(log.rows[0]?.n).toBe(0);
  });

  it("a site's secret cannot reach another site's conversation, nor mint tokens for it", async () => {
    const convB = await start(b.secret);
    const read = await dl(`/conversations/${convB.conversationId}/activities`, { auth: a.secret });
    expect(read.status).toBe(404);
    const minted = await dl('/tokens/generate', { method: 'POST', auth: a.secret });
    const body = await readJson(minted);
    // The token A's secret mints is for a new conversation of A: it opens nothing of B.
    expect(body.conversationId).not.toBe(convB.conversationId);
    expect((await dl(`/conversations/${convB.conversationId}/activities`, { auth: body.token })).status).toBe(403);
    const started = await dl('/conversations', { method: 'POST', auth: body.token });
    const rows = await t.db.query<{ site_id: string }>(`select site_id from conversations where id = $1`, [(await readJson(started)).conversationId]);
    expect(rows.rows).toEqual([{ site_id: a.id }]);
  });

  it('forged, expired and malformed credentials get 401/403 and no data', async () => {
    const conv = await start(a.secret);
    const forged = makeTokenSigner(Buffer.alloc(32, 7)).sign({ conversationId: conv.conversationId, siteId: a.id, locale: 'zh' }, 3600);
    const expired = makeTokenSigner(await signingKey(), () => Date.now() - 7200_000).sign(
      { conversationId: conv.conversationId, siteId: a.id, locale: 'zh' },
      3600,
    );
    const tampered = conv.token.replace(
      /\.([^.]+)\./,
      (_m, body: string) => `.${Buffer.from(Buffer.from(body, 'base64url').toString().replace(a.id, b.id)).toString('base64url')}.`,
    );
    const cases: [string | undefined, number, string][] = [
      [undefined, 401, 'UNAUTHORIZED'],
      ['not-a-token', 401, 'UNAUTHORIZED'],
      [forged, 401, 'UNAUTHORIZED'],
      [tampered, 401, 'UNAUTHORIZED'],
      [expired, 403, 'TOKEN_EXPIRED'],
      [`wqs_${'x'.repeat(43)}`, 401, 'UNAUTHORIZED'],
    ];
    for (const [auth, status, code] of cases) {
      const res = await dl(`/conversations/${conv.conversationId}/activities`, auth ? { auth } : {});
      expect([auth?.slice(0, 12), res.status]).toEqual([auth?.slice(0, 12), status]);
      const body = await readJson(res);
      expect(body.error.code).toBe(code);
      expect(body.activities).toBeUndefined();
    }
    // Refreshing needs a valid token; an expired one cannot be refreshed.
    expect((await dl('/tokens/refresh', { method: 'POST', auth: expired })).status).toBe(403);
    const refreshed = await readJson(await dl('/tokens/refresh', { method: 'POST', auth: conv.token }));
    expect(refreshed).toMatchObject({ conversationId: conv.conversationId, expires_in: 3600 });
    expect((await dl(`/conversations/${conv.conversationId}/activities`, { auth: refreshed.token })).status).toBe(200);
  });

  it('a WebSocket with another conversation’s token, or none, is refused before the upgrade', async () => {
    const convA = await start(a.secret);
    const convB = await start(b.secret);
    const wrong = convB.streamUrl.replace(/t=[^&]+/, `t=${encodeURIComponent(convA.token)}`);
    expect(await upgradeStatus(wrong)).toBe(403);
    expect(await upgradeStatus(convB.streamUrl.replace(/t=[^&]+/, 't='))).toBe(401);
    expect(await upgradeStatus(convB.streamUrl.replace('/stream?', '/nope?'))).toBe(404);
    expect(await upgradeStatus(convB.streamUrl)).toBe(101);
  });
});

describe('POST /api/webchat/token', () => {
  const token = (body: unknown, origin?: string, contentType = 'application/json') =>
    fetch(`${server.base}/api/webchat/token`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, ...(origin ? { Origin: origin } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it("gives a page on one of the site's origins a conversation token, with CORS for that origin", async () => {
    const res = await token({ siteId: a.id }, ORIGIN_A);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
    const body = await readJson(res);
    expect(body).toMatchObject({ conversationId: expect.stringMatching(/^dl_/), expires_in: 3600 });
    // The widget then starts the conversation with it, from the same page.
    const started = await dl('/conversations', { method: 'POST', auth: body.token, headers: { Origin: ORIGIN_A } });
    expect(started.status).toBe(201);
    expect((await readJson(started)).conversationId).toBe(body.conversationId);
    // The token of site A's widget is useless on site B's pages.
    const elsewhere = await dl(`/conversations/${body.conversationId}/activities`, { auth: body.token, headers: { Origin: ORIGIN_B } });
    expect(elsewhere.status).toBe(403);
    expect((await readJson(elsewhere)).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('gives the widget a new token for its own conversation with the resume ticket, after the token expired', async () => {
    const minted = await readJson(await token({ siteId: a.id }, ORIGIN_A));
    expect(minted.resume).toMatch(/^dlr1\./);
    const started = await dl('/conversations', { method: 'POST', auth: minted.token, headers: { Origin: ORIGIN_A } });
    expect(started.status).toBe(201);
    const res = await token({ siteId: a.id, resume: minted.resume }, ORIGIN_A);
    expect(res.status).toBe(200);
    const resumed = await readJson(res);
    expect(resumed).toMatchObject({ conversationId: minted.conversationId, expires_in: 3600, resume: expect.stringMatching(/^dlr1\./) });
    // The new token reads the same history (the welcome the first token's start produced).
    const history = await readJson(await dl(`/conversations/${minted.conversationId}/activities`, { auth: resumed.token, headers: { Origin: ORIGIN_A } }));
    expect(history.activities.length).toBeGreaterThan(0);
    // A ticket is not a token, nor a token a ticket.
    expect((await dl(`/conversations/${minted.conversationId}/activities`, { auth: minted.resume, headers: { Origin: ORIGIN_A } })).status).toBe(401);
    expect((await token({ siteId: a.id, resume: minted.token }, ORIGIN_A)).status).toBe(404);
  });

  it("refuses to resume another site's, an unstarted, an expired or a forged ticket, all with the same 404", async () => {
    const minted = await readJson(await token({ siteId: a.id }, ORIGIN_A));
    await dl('/conversations', { method: 'POST', auth: minted.token, headers: { Origin: ORIGIN_A } });
    const unstarted = await readJson(await token({ siteId: a.id }, ORIGIN_A));
    const claims = { conversationId: minted.conversationId, siteId: a.id, locale: 'zh' as const };
    const expired = makeTokenSigner(await signingKey(), () => Date.now() - 40 * 24 * 3600_000).signResume(claims, 30 * 24 * 3600);
    const forged = makeTokenSigner(Buffer.alloc(32, 7)).signResume(claims, 3600);
    for (const [siteId, origin, resume] of [
      [b.id, ORIGIN_B, minted.resume],
      [a.id, ORIGIN_A, unstarted.resume],
      [a.id, ORIGIN_A, expired],
      [a.id, ORIGIN_A, forged],
    ] as const) {
      const res = await token({ siteId, resume }, origin);
      expect(res.status).toBe(404);
      expect((await readJson(res)).error.code).toBe('NOT_FOUND');
    }
    // The origin check comes first: a ticket does not open the endpoint to another site's pages.
    expect((await token({ siteId: a.id, resume: minted.resume }, ORIGIN_B)).status).toBe(403);
  });

  it('refuses a disallowed origin, a missing origin and an unknown site alike', async () => {
    for (const [body, origin] of [
      [{ siteId: a.id }, ORIGIN_B],
      [{ siteId: a.id }, undefined],
      [{ siteId: 'site_000000000000' }, ORIGIN_A],
      [{ siteId: a.id }, 'https://evil.example'],
    ] as const) {
      const res = await token(body, origin);
      expect(res.status).toBe(403);
      expect((await readJson(res)).error.code).toBe('ORIGIN_NOT_ALLOWED');
      if (origin === 'https://evil.example') expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('answers preflights for allowed origins only', async () => {
    const ok = await fetch(`${server.base}/api/webchat/token`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN_B, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN_B);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const evil = await fetch(`${server.base}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate-limits one address per site with 429 and Retry-After', async () => {
    const site = await server.channel.sites.create({ name: 'busy', allowedOrigins: ['https://busy.example'], locale: 'zh' });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const res = await token({ siteId: site.site.id }, 'https://busy.example');
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect((await readJson(res)).error.code).toBe('RATE_LIMITED');
        break;
      }
      await res.arrayBuffer();
    }
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another site is counted on its own.
    expect((await token({ siteId: a.id }, ORIGIN_A)).status).toBe(200);
  });
});

describe('turns', () => {
  it('a retried post (same activity id) after a lost response produces no second turn', async () => {
    const conv = await start(a.secret);
    const first = await say(conv.conversationId, conv.token, '同意', 'client-1');
    const again = await say(conv.conversationId, conv.token, '同意', 'client-1');
    expect(first.status).toBe(200);
    expect(await readJson(again)).toEqual(await readJson(first));
    const turns = await t.db.query<{ n: number }>(`select count(*)::int as n from processed_turns where conversation_id = $1 and turn_id = 'client-1'`, [
      conv.conversationId,
    ]);
    expect(turns.rows[0]?.n).toBe(1);
    const page = await readJson(await dl(`/conversations/${conv.conversationId}/activities`, { auth: conv.token }));
    const echoes = page.activities.filter((x: { from: { id: string } }) => x.from.id === 'u');
    expect(echoes).toHaveLength(1);
    const replies = page.activities.filter((x: { replyToId?: string; type: string }) => x.type === 'message' && x.replyToId === echoes[0].id);
    expect(replies.length).toBeGreaterThan(0);
    // Concurrent duplicates (a double click) are one turn too.
    const both = await Promise.all([
      say(conv.conversationId, conv.token, '手机屏幕坏了', 'client-2'),
      say(conv.conversationId, conv.token, '手机屏幕坏了', 'client-2'),
    ]);
    const ids = await Promise.all(both.map((r) => readJson(r)));
    expect(ids[0]).toEqual(ids[1]);
    const after = await readJson(await dl(`/conversations/${conv.conversationId}/activities?watermark=${page.watermark}`, { auth: conv.token }));
    expect(after.activities.filter((x: { from: { id: string } }) => x.from.id === 'u')).toHaveLength(1);
  });

  it('a turn that fails leaves nothing in the log, and its retry is the one turn', async () => {
    const engine = await makeTestEngine(t.db);
    let failNext = false;
    const flaky = await startChannelServer({
      db: t.db,
      url: t.url,
      engine: {
        ...engine,
        runTurn: async (inbound) => {
          if (failNext && inbound.turnId === 'flaky-1') {
            failNext = false;
            throw new AppError('NOT_READY', 'The assistant is still starting.');
          }
          return engine.runTurn(inbound);
        },
      },
    });
    try {
      const started = await fetch(`${flaky.base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${a.secret}` } });
      const conv = await readJson(started);
      failNext = true;
      const post = () =>
        fetch(`${flaky.base}/v3/directline/conversations/${conv.conversationId}/activities`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${conv.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', id: 'flaky-1', from: { id: 'u' }, text: '同意' }),
        });
      const failed = await post();
      expect([failed.status, (await readJson(failed)).error.code]).toEqual([503, 'NOT_READY']);
      const log = async () =>
        (await readJson(await dl(`/conversations/${conv.conversationId}/activities`, { auth: conv.token }))).activities as {
          from: { id: string };
          type: string;
          replyToId?: string;
          id: string;
        }[];
      expect((await log()).filter((x) => x.from.id === 'u')).toEqual([]);
      const retried = await post();
      expect(retried.status).toBe(200);
      const { id } = await readJson(retried);
      const after = await log();
      expect(after.filter((x) => x.from.id === 'u').map((x) => x.id)).toEqual([id]);
      expect(after.some((x) => x.type === 'message' && x.replyToId === id)).toBe(true);
    } finally {
      await flaky.stop();
    }
  });

  it('new activities reach a WebSocket on another instance (LISTEN/NOTIFY fan-out)', async () => {
    const other = await startChannelServer({ db: t.db, url: t.url, engine: await makeTestEngine(t.db) });
    try {
      const conv = await start(a.secret);
      const url = conv.streamUrl.replace(`:${server.port}/`, `:${other.port}/`);
      const ws = new WebSocket(url);
      const received: { activities: { id: string; text?: string; from: { id: string } }[]; watermark: string }[] = [];
      const seen = new Promise<void>((resolve) => {
        ws.on('message', (data: Buffer) => {
          received.push(JSON.parse(data.toString()));
          if (
            received
              .flatMap((r) => r.activities)
              .some((x) => x.from.id === 'weiquan' && x.text && received.flatMap((r) => r.activities).some((y) => y.text === '同意'))
          )
            resolve();
        });
      });
      await new Promise((resolve) => ws.once('open', resolve));
      const posted = await say(conv.conversationId, conv.token, '同意');
      expect(posted.status).toBe(200);
      await seen;
      ws.close();
      const all = received.flatMap((r) => r.activities.map((x) => x.id));
      expect(new Set(all).size).toBe(all.length);
      expect(Number(received.at(-1)?.watermark)).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
  });
});

async function signingKey(): Promise<Buffer> {
  const r = await t.db.query<{ secret: Buffer }>(`select secret from channel_signing_keys order by id limit 1`);
  return r.rows[0]!.secret;
}

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}
