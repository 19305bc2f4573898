import { testSeal } from '../helpers/testSeal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/agents/password.js';
import { createAgent, createSession } from '../../src/agents/sql/agentStore.js';
import { authenticateApiKey, createApiKey, revokeApiKey } from '../../src/apiKeys/sql/apiKeyStore.js';
import { agentForSession } from '../../src/agents/sql/agentStore.js';
import type { CaseRecord } from '../../src/cases/caseRecord.js';
import { makeCases } from '../../src/cases/makeCases.js';
import { makeLogger } from '../../src/logger.js';
import { makeApp } from '../../src/server/app.js';
import { makeAuthenticate, SESSION_COOKIE } from '../../src/server/auth/principal.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { casesRouter } from '../../src/server/routes/cases.js';
import { openApiRouter } from '../../src/server/routes/openapi.js';
import { makeSites } from '../../src/sites/index.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
const logger = makeLogger({ level: 'silent', pretty: false });
let server: RunningServer;
let base: string;
const creds: Record<string, Record<string, string>> = {};

const record = (over: Partial<CaseRecord> & { platform?: string; product?: string; amountFen?: number }): CaseRecord => ({
  category: over.category ?? 'counterfeit',
  parties: { platform: over.platform ?? '淘宝', sellerType: 'third_party' },
  order: { product: over.product ?? '运动鞋', amountFen: over.amountFen ?? 59_900, orderDate: '2026-11-01' },
  facts: { problem: '假货' },
  contact: { phone: '13800138000' },
  demands: ['refund'],
  evidence: [],
  remedies: [],
  deadlines: [],
  citations: [{ law: '消费者权益保护法', article: '第五十五条' }],
  step: 'seller',
  outcomes: [],
  handoff: 'none',
});

async function fileCase(caseNo: string, siteId: string, status: string, r: CaseRecord): Promise<void> {
  const conversationId = `conv-${caseNo}`;
  await t.db.query(`insert into conversations (id, channel, machine_id, machine_version, snapshot, site_id) values ($1, 'test', 'rights', 1, '{}', $2)`, [
    conversationId,
    siteId,
  ]);
  await t.db.query(`insert into cases (case_no, conversation_id, status, category, record) values ($1, $2, $3, $4, $5)`, [
    caseNo,
    conversationId,
    status,
    r.category,
    JSON.stringify(r),
  ]);
  await t.db.query(`insert into case_events (case_no, seq, type, actor, payload) values ($1, 1, 'filed', 'bot', '{}')`, [caseNo]);
}

beforeAll(async () => {
  const sites = makeSites({ db: t.db });
  for (const id of ['shop_a', 'shop_b']) {
    await sites.create({ id, name: id, allowedOrigins: [`https://${id}.example`], locale: 'zh' });
    const read = await createApiKey(t.db, { siteId: id, name: 'read', scope: 'read' });
    const write = await createApiKey(t.db, { siteId: id, name: 'write', scope: 'read_write' });
    const agent = await createAgent(t.db, {
      login: `agent.${id}`,
      displayName: `Agent ${id}`,
      siteId: id,
      role: 'agent',
      passwordHash: await hashPassword('correct horse battery'),
    });
    const session = await createSession(t.db, agent.id, 60_000);
    creds[id] = { read: read.key, write: write.key, readId: read.id, cookie: `${SESSION_COOKIE}=${session.token}` };
  }
  await fileCase('WQ-20261101-AAAA', 'shop_a', 'open', record({ platform: '淘宝', product: '运动鞋' }));
  await fileCase('WQ-20261102-BBBB', 'shop_a', 'negotiating', record({ category: 'food_safety', platform: '京东', product: '奶粉', amountFen: 8_000 }));
  await fileCase('WQ-20261103-CCCC', 'shop_a', 'resolved', record({ platform: '淘宝', product: '=HYPERLINK("x")' }));
  await fileCase('WQ-20261104-DDDD', 'shop_b', 'open', record({ platform: '淘宝', product: '店B的秘密商品' }));

  const cases = makeCases({ db: t.db, seal: testSeal });
  const authenticate = makeAuthenticate({ apiKey: (key) => authenticateApiKey(t.db, key), session: (token) => agentForSession(t.db, token) });
  const app = makeApp({
    logger,
    bodyLimit: '100kb',
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => t.db.stats(),
    isShuttingDown: () => false,
    routers: [casesRouter({ authenticate, ...cases }), openApiRouter()],
  });
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server?.close(100));

const call = (path: string, as?: { key?: string; cookie?: string }, init: RequestInit = {}) =>
  fetch(`${base}${path}`, {
    ...init,
    headers: {
      ...(as?.key ? { authorization: `Bearer ${as.key}` } : {}),
      ...(as?.cookie ? { cookie: as.cookie } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
const patch = (path: string, body: unknown, as: { key?: string; cookie?: string }) =>
  call(path, as, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('GET /api/cases', () => {
  it('lists only the caller’s site, newest change first', async () => {
    const { cases, nextCursor } = await readJson(await call('/api/cases', { key: creds.shop_a?.read }));
    expect(cases.map((c: { caseNo: string }) => c.caseNo).sort()).toEqual(['WQ-20261101-AAAA', 'WQ-20261102-BBBB', 'WQ-20261103-CCCC']);
    expect(nextCursor).toBeNull();
    expect(cases[0]).toMatchObject({ siteId: 'shop_a' });
    const b = await readJson(await call('/api/cases', { cookie: creds.shop_b?.cookie }));
    expect(b.cases.map((c: { caseNo: string }) => c.caseNo)).toEqual(['WQ-20261104-DDDD']);
  });

  it('filters by status, dispute type, platform, text and date range', async () => {
    const as = { key: creds.shop_a?.read };
    const nos = async (query: string) => (await readJson(await call(`/api/cases?${query}`, as))).cases.map((c: { caseNo: string }) => c.caseNo).sort();
    expect(await nos('status=open,negotiating')).toEqual(['WQ-20261101-AAAA', 'WQ-20261102-BBBB']);
    expect(await nos('category=food_safety')).toEqual(['WQ-20261102-BBBB']);
    expect(await nos(`platform=${encodeURIComponent('京东')}`)).toEqual(['WQ-20261102-BBBB']);
    expect(await nos(`q=${encodeURIComponent('奶粉')}`)).toEqual(['WQ-20261102-BBBB']);
    expect(await nos('q=100%25')).toEqual([]);
    expect(await nos('from=2000-01-01&to=2000-01-02')).toEqual([]);
  });

  it('pages with a cursor, every case once', async () => {
    const as = { key: creds.shop_a?.read };
    const first = await readJson(await call('/api/cases?limit=2', as));
    expect(first.cases).toHaveLength(2);
    const second = await readJson(await call(`/api/cases?limit=2&cursor=${first.nextCursor}`, as));
    expect(second.cases).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.cases, ...second.cases].map((c: { caseNo: string }) => c.caseNo);
    expect(new Set(all).size).toBe(3);
  });

  it.each([
    ['an unknown status', 'status=lost'],
    ['a bad date', 'from=2026-13-01'],
    ['from after to', 'from=2026-11-02&to=2026-11-01'],
    ['a forged cursor', 'cursor=abc'],
    ['an unknown parameter', 'sort=asc'],
    ['a limit out of range', 'limit=0'],
  ])('rejects %s with 400 VALIDATION_FAILED', async (_name, query) => {
    const res = await call(`/api/cases?${query}`, { key: creds.shop_a?.read });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/cases/{caseNo} and PATCH', () => {
  it('returns the record with its events', async () => {
    const found = await readJson(await call('/api/cases/WQ-20261101-AAAA', { key: creds.shop_a?.read }));
    expect(found).toMatchObject({ caseNo: 'WQ-20261101-AAAA', status: 'open', record: { order: { product: '运动鞋' } }, events: [{ seq: 1, type: 'filed' }] });
  });

  it('changes the status and adds a note as events with the actor', async () => {
    const res = await patch('/api/cases/WQ-20261101-AAAA', { status: 'negotiating', note: '已联系商家' }, { key: creds.shop_a?.write });
    expect(res.status).toBe(200);
    const updated = await readJson(res);
    expect(updated.status).toBe('negotiating');
    expect(updated.events.slice(1)).toMatchObject([
      { seq: 2, type: 'status_changed', actor: expect.stringMatching(/^key:key_/), payload: { status: 'negotiating', from: 'open' } },
      { seq: 3, type: 'note', payload: { text: '已联系商家' } },
    ]);
    const byAgent = await readJson(await patch('/api/cases/WQ-20261101-AAAA', { note: '客户已补充照片' }, { cookie: creds.shop_a?.cookie }));
    expect(byAgent.events.at(-1)).toMatchObject({ type: 'note', actor: expect.stringMatching(/^agent:agt_/) });
  });

  it.each([
    ['nothing to change', {}],
    ['an unknown status', { status: 'won' }],
    ['an extra field', { status: 'open', priority: 1 }],
  ])('rejects a patch with %s', async (_name, body) => {
    const res = await patch('/api/cases/WQ-20261102-BBBB', body, { key: creds.shop_a?.write });
    expect(res.status).toBe(400);
  });
});

describe('authorization matrix: refused, nothing leaked', () => {
  const B_CASE = '/api/cases/WQ-20261104-DDDD';
  it.each([
    ['anonymous list', () => call('/api/cases'), 401],
    ['anonymous case', () => call(B_CASE), 401],
    ['anonymous CSV', () => call('/api/cases.csv'), 401],
    ['a malformed key', () => call('/api/cases', { key: 'not-a-key' }), 401],
    ['a forged cookie', () => call('/api/cases', { cookie: `${SESSION_COOKIE}=forged` }), 401],
    ['site A’s read key on B’s case', () => call(B_CASE, { key: creds.shop_a?.read }), 404],
    ['site A’s write key patching B’s case', () => patch(B_CASE, { status: 'closed' }, { key: creds.shop_a?.write }), 404],
    ['site A’s agent on B’s case', () => call(B_CASE, { cookie: creds.shop_a?.cookie }), 404],
    ['site A’s agent patching B’s case', () => patch(B_CASE, { note: 'x' }, { cookie: creds.shop_a?.cookie }), 404],
    ['a read-only key writing', () => patch('/api/cases/WQ-20261101-AAAA', { status: 'closed' }, { key: creds.shop_a?.read }), 403],
    ['an unknown case number', () => call('/api/cases/WQ-20991231-ZZZZ', { key: creds.shop_a?.read }), 404],
    ['a malformed case number', () => call('/api/cases/../../etc', { key: creds.shop_a?.read }), 404],
  ])('%s → %s', async (_name, request, status) => {
    const res = await request();
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(text).not.toContain('店B的秘密商品');
    expect(JSON.parse(text).error.code).toMatch(/^(UNAUTHORIZED|FORBIDDEN|NOT_FOUND)$/);
  });

  it('a revoked key stops working at once', async () => {
    const { id, key } = await createApiKey(t.db, { siteId: 'shop_a', name: 'temp', scope: 'read' });
    expect((await call('/api/cases', { key })).status).toBe(200);
    await revokeApiKey(t.db, id);
    expect((await call('/api/cases', { key })).status).toBe(401);
  });

  it('B’s case stays untouched after A’s attempts', async () => {
    const b = await readJson(await call(B_CASE, { key: creds.shop_b?.read }));
    expect(b).toMatchObject({ status: 'open', events: [{ type: 'filed' }] });
  });
});

describe('GET /api/cases.csv', () => {
  it('exports the filtered list with a BOM, defusing formulas', async () => {
    const res = await call('/api/cases.csv?platform=' + encodeURIComponent('淘宝'), { key: creds.shop_a?.read });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('案件编号 case number');
    expect(lines).toHaveLength(3);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain('599.00');
    expect(text).not.toContain('WQ-20261104-DDDD');
  });
});

describe('GET /api/openapi.json', () => {
  it('documents the knowledge and case endpoints from the validating schemas', async () => {
    const doc = await readJson(await call('/api/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/knowledge/search', '/api/knowledge/answer', '/api/cases', '/api/cases/{caseNo}', '/api/cases.csv']),
    );
    expect(doc.paths['/api/knowledge/search'].post.requestBody.content['application/json'].schema.required).toEqual(['query']);
    expect(doc.paths['/api/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'category', 'platform', 'from', 'to', 'q', 'cursor', 'limit']),
    );
  });
});
