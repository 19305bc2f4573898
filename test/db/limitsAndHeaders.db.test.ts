import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/agents/password.js';
import { createAgent, createSession } from '../../src/agents/sql/agentStore.js';
import { createApiKey } from '../../src/apiKeys/sql/apiKeyStore.js';
import { AppError } from '../../src/errors.js';
import { SESSION_COOKIE } from '../../src/server/auth/principal.js';
import { makeTestEngine, type TestEngine } from '../helpers/engine.js';
import { startFullServer, type FullServer } from '../helpers/fullServer.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let engine: TestEngine;
let strict: FullServer;
let secret: string;
let siteId: string;
const servers: FullServer[] = [];
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

beforeAll(async () => {
  engine = await makeTestEngine(t.db);
  // Low limits, a public URL, a proxy it trusts, a metrics token, and a Bot Framework engine that fails.
  let failWith: unknown;
  strict = await startFullServer({
    db: t.db,
    url: t.url,
    engine,
    settings: {
      messageRatePerMinute: 1,
      clientRatePerMinute: 1_000_000,
      siteRatePerMinute: 1_000_000,
      webchatTokenRatePerMinute: 1,
      publicUrl: 'https://chat.example.com',
    },
    trustProxy: true,
    metricsToken: METRICS_TOKEN,
    botRunTurn: async (inbound) => {
      if (failWith) throw failWith;
      return engine.runTurn(inbound);
    },
  });
  servers.push(strict);
  (globalThis as { failBotWith?: (e: unknown) => void }).failBotWith = (e) => (failWith = e);
  const created = await strict.channel.sites.create({ name: 'Limits', allowedOrigins: ['https://shop.example'], locale: 'zh' });
  secret = created.secret;
  siteId = created.site.id;
}, 60_000);
afterAll(async () => {
  for (const s of servers) await s.stop();
});

const json = { 'content-type': 'application/json' };

async function conversation(server: FullServer) {
  const gen = await readJson(await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } }));
  let n = 0;
  return {
    gen,
    say: () =>
      fetch(`${server.base}/v3/directline/conversations/${gen.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${gen.token}`, ...json },
        body: JSON.stringify({ type: 'message', id: `m${++n}`, from: { id: 'u' }, text: '你好' }),
      }),
  };
}

describe('rate limits', () => {
  it('limits messages per conversation (429 with Retry-After), not other conversations', async () => {
    const a = await conversation(strict);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await a.say()).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const refused = await a.say();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await readJson(refused)).error.code).toBe('RATE_LIMITED');
    expect((await (await conversation(strict)).say()).status).toBe(200);
  });

  it('limits per client address and per site across messages, conversations, tokens and knowledge answers', async () => {
    const tight = await startFullServer({ db: t.db, url: t.url, engine, settings: { clientRatePerMinute: 1 } });
    servers.push(tight);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await fetch(`${tight.base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } })).status);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.at(-1)).toBe(429);
    // The same address's knowledge answers and tokens share that allowance.
    expect(
      (await fetch(`${tight.base}/api/knowledge/answer`, { method: 'POST', headers: json, body: JSON.stringify({ question: '七天无理由退货' }) })).status,
    ).toBe(429);
    expect((await fetch(`${tight.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } })).status).toBe(429);
    const bySite = await startFullServer({ db: t.db, url: t.url, engine, settings: { siteRatePerMinute: 1 } });
    servers.push(bySite);
    const siteStatuses: number[] = [];
    for (let i = 0; i < 7; i++)
      siteStatuses.push(
        (await fetch(`${bySite.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } })).status,
      );
    expect(siteStatuses.at(-1)).toBe(429);
  });

  it('requests refused for their Origin use up nothing of the page that is allowed', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${strict.base}/api/webchat/token`, {
        method: 'POST',
        headers: { ...json, Origin: 'https://evil.example' },
        body: JSON.stringify({ siteId }),
      });
      expect(res.status).toBe(403);
    }
    const ok = await fetch(`${strict.base}/api/webchat/token`, {
      method: 'POST',
      headers: { ...json, Origin: 'https://shop.example' },
      body: JSON.stringify({ siteId }),
    });
    expect(ok.status).toBe(200);
  });

  it('a resume ticket is exchanged once', async () => {
    const server = await startFullServer({ db: t.db, url: t.url, engine });
    servers.push(server);
    const token = (body: unknown) =>
      fetch(`${server.base}/api/webchat/token`, { method: 'POST', headers: { ...json, Origin: 'https://shop.example' }, body: JSON.stringify(body) });
    const first = await readJson(await token({ siteId }));
    // The conversation must have started for it to be resumed.
    await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${first.token}` } });
    const resumed = await token({ siteId, resume: first.resume });
    expect(resumed.status).toBe(200);
    const next = await readJson(resumed);
    expect(next.conversationId).toBe(first.conversationId);
    const replay = await token({ siteId, resume: first.resume });
    expect(replay.status).toBe(404);
    // The new ticket it got works (once).
    expect((await token({ siteId, resume: next.resume })).status).toBe(200);
  });

  it('locks sign-in out per address across logins, and per login', async () => {
    const server = await startFullServer({ db: t.db, url: t.url, engine });
    servers.push(server);
    await createAgent(t.db, { login: 'lock.agent', displayName: 'Lock', siteId, role: 'agent', passwordHash: await hashPassword('correct horse battery') });
    const login = (name: string, password: string) =>
      fetch(`${server.base}/console/api/login`, {
        method: 'POST',
        headers: { ...json, 'x-weiquan-console': '1' },
        body: JSON.stringify({ login: name, password }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(`name${i}`, 'wrong password')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Locked out by address: even the right password waits.
    expect((await login('lock.agent', 'correct horse battery')).status).toBe(429);
  });
});

describe('headers and URLs', () => {
  it('builds streamUrl from PUBLIC_URL, never from the Host header', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        `${strict.base}/v3/directline/conversations`,
        { method: 'POST', headers: { Authorization: `Bearer ${secret}`, Host: 'evil.example' } },
        (res) => {
          let data = '';
          res.on('data', (c: Buffer) => (data += c.toString()));
          res.on('end', () => resolve(data));
        },
      );
      req.on('error', reject);
      req.end();
    });
    const parsed = JSON.parse(body) as { streamUrl: string };
    expect(parsed.streamUrl.startsWith('wss://chat.example.com/v3/directline/conversations/')).toBe(true);
    expect(parsed.streamUrl).not.toContain('evil.example');
  });

  it('answers case data with Cache-Control: no-store', async () => {
    const key = (await createApiKey(t.db, { siteId, name: 'r', scope: 'read' })).key;
    for (const path of ['/api/cases', '/api/cases.csv']) {
      const res = await fetch(`${strict.base}${path}`, { headers: { Authorization: `Bearer ${key}` } });
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-store']);
    }
    const agent = await createAgent(t.db, {
      login: 'cache.agent',
      displayName: 'Cache',
      siteId,
      role: 'agent',
      passwordHash: await hashPassword('correct horse battery'),
    });
    const cookie = `${SESSION_COOKIE}=${(await createSession(t.db, agent.id, 60_000)).token}`;
    const queue = await fetch(`${strict.base}/console/api/queue`, { headers: { cookie } });
    expect([queue.status, queue.headers.get('cache-control')]).toEqual([200, 'no-store']);
  });

  it('serves /metrics only with METRICS_TOKEN, or, without one, to this machine only', async () => {
    expect((await fetch(`${strict.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${strict.base}/metrics`, { headers: { Authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    const ok = await fetch(`${strict.base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('http_requests');
    const open = await startFullServer({ db: t.db, url: t.url, engine });
    servers.push(open);
    expect((await fetch(`${open.base}/metrics`)).status).toBe(200);
    const proxied = await fetch(`${open.base}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect([proxied.status, (await readJson(proxied)).error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('over TLS behind a trusted proxy: HSTS, and the session cookie is Secure', async () => {
    await createAgent(t.db, { login: 'tls.agent', displayName: 'TLS', siteId, role: 'agent', passwordHash: await hashPassword('correct horse battery') });
    const res = await fetch(`${strict.base}/console/api/login`, {
      method: 'POST',
      headers: { ...json, 'x-weiquan-console': '1', 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.7' },
      body: JSON.stringify({ login: 'tls.agent', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await fetch(`${strict.base}/healthz`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it('/api/messages reports a failed turn as a failure with a code, not 200 with an apology', async () => {
    const failBotWith = (globalThis as { failBotWith?: (e: unknown) => void }).failBotWith!;
    const post = () =>
      fetch(`${strict.base}/api/messages`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          type: 'message',
          id: `bf-${Math.random()}`,
          channelId: 'emulator',
          serviceUrl: 'http://127.0.0.1:9/',
          conversation: { id: 'bf-fail' },
          from: { id: 'u' },
          recipient: { id: 'bot' },
          text: '你好',
          deliveryMode: 'expectReplies',
        }),
      });
    failBotWith(new AppError('DATABASE_UNAVAILABLE', 'The database is not reachable right now; please retry shortly.'));
    const down = await post();
    expect([down.status, (await readJson(down)).error.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    failBotWith(new Error('boom'));
    const broken = await post();
    expect([broken.status, (await readJson(broken)).error.code]).toEqual([503, 'TURN_FAILED']);
    failBotWith(undefined);
    const fine = await post();
    expect(fine.status).toBe(200);
    expect(JSON.stringify(await readJson(fine))).not.toContain('系统出了点问题');
  });
});
