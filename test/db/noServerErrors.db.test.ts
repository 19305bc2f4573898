import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/agents/password.js';
import { createAgent, createSession } from '../../src/agents/sql/agentStore.js';
import { createApiKey } from '../../src/apiKeys/sql/apiKeyStore.js';
import { SESSION_COOKIE } from '../../src/server/auth/principal.js';
import { makeSites } from '../../src/sites/index.js';
import { makeTestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { startFullServer, type FullServer } from '../helpers/fullServer.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let server: FullServer;
let origin: string;
const cred = { secret: '', token: '', conversationId: '', cookie: '', apiKey: '', caseNo: 'WQ-20261101-FZZA', consoleConversation: 'conv-fuzz' };

beforeAll(async () => {
  const engine = await makeTestEngine(t.db);
  server = await startFullServer({ db: t.db, url: t.url, engine });
  origin = server.base;
  const created = await makeSites({ db: t.db }).create({ id: 'fuzz_site', name: 'Fuzz', allowedOrigins: [origin], locale: 'zh' });
  cred.secret = created.secret;
  const agent = await createAgent(t.db, { login: 'fuzz.agent', displayName: 'Fuzz', siteId: 'fuzz_site', role: 'agent', passwordHash: await hashPassword('correct horse battery') });
  cred.cookie = `${SESSION_COOKIE}=${(await createSession(t.db, agent.id, 3_600_000)).token}`;
  cred.apiKey = (await createApiKey(t.db, { siteId: 'fuzz_site', name: 'w', scope: 'read_write' })).key;
  await t.db.query(`insert into conversations (id, channel, machine_id, machine_version, snapshot, site_id) values ($1, 'test', 'rights', 1, '{}', 'fuzz_site')`, [cred.consoleConversation]);
  await t.db.query(`insert into cases (case_no, conversation_id, status, category, record) values ($1, $2, 'open', 'counterfeit', '{"category":"counterfeit"}')`, [cred.caseNo, cred.consoleConversation]);
  const gen = await readJson(await fetch(`${server.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${cred.secret}` } }));
  cred.token = gen.token;
  cred.conversationId = gen.conversationId;
  await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${cred.token}` } });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

// Strings of any code point, with the ones that broke things before (NUL, lone surrogates, controls) often.
const nasty = fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u001B', '\u0085', '\u202E', '\uFEFF', '\u2028');
const hostileString = fc.string({ unit: fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: nasty }), maxLength: 30 });
const HUGE = '__huge_number__';
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: hostileString },
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constant(HUGE),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** JSON text, with some values as numbers no double can hold. */
const toJson = (value: unknown) => JSON.stringify(value).replaceAll(`"${HUGE}"`, '1e999999');

type Endpoint = { method: string; path: () => string; auth?: () => Record<string, string>; base: () => Record<string, unknown> };
const bearer = (v: () => string) => () => ({ Authorization: `Bearer ${v()}` });
const consoleAuth = () => ({ cookie: cred.cookie, 'x-weiquan-console': '1' });
const message = () => ({ type: 'message', id: `a${Math.random()}`, text: '我买的鞋是假货', locale: 'zh-CN', from: { id: 'u1', name: 'Ann' }, value: { value: 'yes' }, channelData: { clientActivityID: `c${Math.random()}` } });

const ENDPOINTS: Record<string, Endpoint> = {
  webchatToken: { method: 'POST', path: () => '/api/webchat/token', auth: () => ({ origin }), base: () => ({ siteId: 'fuzz_site', locale: 'zh' }) },
  webchatResume: { method: 'POST', path: () => '/api/webchat/token', auth: () => ({ origin }), base: () => ({ siteId: 'fuzz_site', resume: 'dlr1.abc.def' }) },
  tokensGenerate: { method: 'POST', path: () => '/v3/directline/tokens/generate', auth: bearer(() => cred.secret), base: () => ({ locale: 'en', user: { id: 'u' } }) },
  tokensRefresh: { method: 'POST', path: () => '/v3/directline/tokens/refresh', auth: bearer(() => cred.token), base: () => ({}) },
  conversations: { method: 'POST', path: () => '/v3/directline/conversations', auth: bearer(() => cred.secret), base: () => ({ locale: 'zh', user: { id: 'u' } }) },
  activities: { method: 'POST', path: () => `/v3/directline/conversations/${cred.conversationId}/activities`, auth: bearer(() => cred.token), base: message },
  botframework: {
    method: 'POST',
    path: () => '/api/messages',
    base: () => ({ ...message(), channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'fuzz-bf' }, recipient: { id: 'bot' }, deliveryMode: 'expectReplies' }),
  },
  knowledgeSearch: { method: 'POST', path: () => '/api/knowledge/search', base: () => ({ query: '七天无理由退货', k: 3, scope: 'all', corpus: 'serving' }) },
  knowledgeAnswer: { method: 'POST', path: () => '/api/knowledge/answer', base: () => ({ question: '假货怎么赔', locale: 'zh' }) },
  casePatch: { method: 'PATCH', path: () => `/api/cases/${cred.caseNo}`, auth: bearer(() => cred.apiKey), base: () => ({ status: 'negotiating', note: 'called the seller' }) },
  login: { method: 'POST', path: () => '/console/api/login', auth: () => ({ 'x-weiquan-console': '1' }), base: () => ({ login: 'fuzz.agent', password: 'wrong password' }) },
  consoleNote: { method: 'POST', path: () => `/console/api/conversations/${cred.consoleConversation}/notes`, auth: consoleAuth, base: () => ({ text: 'a note' }) },
  consoleMessage: { method: 'POST', path: () => `/console/api/conversations/${cred.consoleConversation}/messages`, auth: consoleAuth, base: () => ({ text: '你好', citations: [{ law: '消费者权益保护法', article: '第五十五条' }] }) },
  consoleHandback: { method: 'POST', path: () => `/console/api/conversations/${cred.consoleConversation}/handback`, auth: consoleAuth, base: () => ({ stage: 'triage' }) },
};

/** Replaces the value at one path of a body (or the whole body) with a generated one. */
function mutate(base: Record<string, unknown>, pathIndex: number, value: unknown): unknown {
  const paths: string[][] = [[]];
  const walk = (v: unknown, at: string[]) => {
    if (!v || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      paths.push([...at, k]);
      walk(child, [...at, k]);
    }
  };
  walk(base, []);
  const target = paths[pathIndex % paths.length] ?? [];
  if (target.length === 0) return value;
  const copy = structuredClone(base);
  let node: Record<string, unknown> = copy;
  for (const key of target.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[target.at(-1) as string] = value;
  return copy;
}

async function expectClientError(res: Response, what: string): Promise<void> {
  const text = await res.text();
  if (res.status >= 500) throw new Error(`${what} → ${res.status} ${text.slice(0, 300)}`);
  if (res.status >= 400) {
    expect(res.headers.get('content-type') ?? '', what).toMatch(/application\/json/);
    const body = JSON.parse(text) as { error?: { code?: unknown } };
    expect(typeof body.error?.code, `${what} → ${text.slice(0, 200)}`).toBe('string');
  }
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

describe('no input gives a 5xx', () => {
  for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
    it(`${name}: generated bodies get a 2xx or a 4xx JSON error`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), hostileValue, async (pathIndex, value) => {
          const body = toJson(mutate(endpoint.base(), pathIndex, value));
          const res = await fetch(`${server.base}${endpoint.path()}`, { method: endpoint.method, headers: { 'content-type': 'application/json', ...endpoint.auth?.() }, body });
          await expectClientError(res, `${endpoint.method} ${endpoint.path()} ${body.slice(0, 200)}`);
        }),
        { numRuns: RUNS },
      );
    });
  }

  // Raw bytes percent-encoded, and broken escapes: what a client can put in a query string or a cookie.
  const encodedBytes = fc.oneof(
    fc.uint8Array({ maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
    fc.constantFrom('%00', '%ED%A0%80', '%E0%A4%A', '%zz', '%', '%C0%80', '0000-01-01', '9999-12-31', '2026-02-30', '-1', '1e999', '99999999999999999999'),
    fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).map(encodeURIComponent),
  );
  const QUERIES: [string, () => Record<string, string>][] = [
    ['/api/cases', bearer(() => cred.apiKey)],
    ['/api/cases.csv', bearer(() => cred.apiKey)],
    ['/console/api/queue', consoleAuth],
    ['/healthz', () => ({})],
    [`/v3/directline/conversations/${'ID'}/activities`, bearer(() => cred.token)],
    [`/v3/directline/conversations/${'ID'}`, bearer(() => cred.token)],
  ];
  it('query parameters of any bytes get a 2xx or a 4xx JSON error', async () => {
    const names = fc.constantFrom('q', 'from', 'to', 'cursor', 'status', 'category', 'platform', 'limit', 'watermark', 'userId');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...QUERIES), fc.array(fc.tuple(names, encodedBytes), { minLength: 1, maxLength: 3 }), async ([path, auth], params) => {
        const url = `${server.base}${path.replace('ID', cred.conversationId)}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;
        await expectClientError(await fetch(url, { headers: auth() }), `GET ${url}`);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('cookies and path segments of any bytes get a 2xx or a 4xx JSON error', async () => {
    await fc.assert(
      fc.asyncProperty(encodedBytes, async (raw) => {
        await expectClientError(await fetch(`${server.base}/console/api/me`, { headers: { cookie: `${SESSION_COOKIE}=${raw}` } }), `cookie ${raw}`);
        await expectClientError(await fetch(`${server.base}/api/cases/${raw}`, { headers: bearer(() => cred.apiKey)() }), `case ${raw}`);
        await expectClientError(await fetch(`${server.base}/v3/directline/conversations/${raw}/activities`, { headers: bearer(() => cred.token)() }), `conversation ${raw}`);
        await expectClientError(await fetch(`${server.base}/console/api/conversations/${raw}`, { headers: consoleAuth() }), `console conversation ${raw}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('the cases that gave 500 before are 4xx now, with a stable code', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string>) => fetch(`${server.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const dl = `/v3/directline/conversations/${cred.conversationId}/activities`;
    const auth = bearer(() => cred.token)();
    for (const [field, value] of [
      ['text', 'a\u0000b'],
      ['text', 'x\uD800'],
      ['locale', 'zh\u0000'],
      ['id', 'id\u0000'],
    ] as const) {
      const res = await post(dl, { ...message(), [field]: value }, auth);
      expect(res.status, field).toBe(400);
      expect((await readJson(res)).error.code).toBe('VALIDATION_FAILED');
    }
    expect((await post(dl, { ...message(), from: { id: 'u', name: 'A\u0000' } }, auth)).status).toBe(400);
    expect((await post(dl, { ...message(), value: { value: '\uDC00' } }, auth)).status).toBe(400);
    expect((await post(dl, { ...message(), channelData: { clientActivityID: 'c\u0000' } }, auth)).status).toBe(400);
    expect((await post(`/console/api/conversations/${cred.consoleConversation}/notes`, { text: 'n\u0000' }, consoleAuth())).status).toBe(400);
    const patch = await fetch(`${server.base}/api/cases/${cred.caseNo}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...bearer(() => cred.apiKey)() }, body: JSON.stringify({ note: 'x\u0000' }) });
    expect(patch.status).toBe(400);
    for (const q of ['q=%00', 'from=0000-01-01', 'to=9999-12-31', 'q=a%07']) {
      const res = await fetch(`${server.base}/api/cases?${q}`, { headers: bearer(() => cred.apiKey)() });
      expect(res.status, q).toBe(400);
      expect((await readJson(res)).error.code).toBe('VALIDATION_FAILED');
    }
    const cookie = await fetch(`${server.base}/console/api/me`, { headers: { cookie: `${SESSION_COOKIE}=%E0%A4%A` } });
    expect(cookie.status).toBe(401);
    // The conversation still works after all that: nothing was half-written.
    const ok = await post(dl, { type: 'message', id: 'after-fuzz', text: '你好', from: { id: 'u1' } }, auth);
    expect(ok.status).toBe(200);
  });
});
