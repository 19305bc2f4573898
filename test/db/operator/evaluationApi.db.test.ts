import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/agents/password.js';
import { agentForSession, createAgent, createSession } from '../../../src/agents/sql/agentStore.js';
import { authenticateApiKey, createApiKey } from '../../../src/apiKeys/sql/apiKeyStore.js';
import { makeLogger } from '../../../src/logger.js';
import { EVALUATION_CHARTS, evaluationTable, makeEvaluation, tableCsv } from '../../../src/operator/evaluation.js';
import { makeApp } from '../../../src/server/app.js';
import { makeAuthenticate, SESSION_COOKIE } from '../../../src/server/auth/principal.js';
import { listen, type RunningServer } from '../../../src/server/listen.js';
import { evaluationRouter } from '../../../src/server/routes/evaluation.js';
import { useTestDatabase } from '../../helpers/testDatabase.js';
import { insertEvaluationFixture } from './evaluationFixture.js';

const t = useTestDatabase();
let server: RunningServer;
let base: string;
let alphaCookie: string;
let betaKey: string;

beforeAll(async () => {
  await insertEvaluationFixture(t.db);
  const agent = await createAgent(t.db, {
    login: 'agent.alpha',
    displayName: 'A',
    siteId: 's_alpha',
    role: 'agent',
    passwordHash: await hashPassword('correct horse battery'),
  });
  alphaCookie = `${SESSION_COOKIE}=${(await createSession(t.db, agent.id, 60_000)).token}`;
  betaKey = (await createApiKey(t.db, { siteId: 's_beta', name: 'read', scope: 'read' })).key;
  const authenticate = makeAuthenticate({ apiKey: (key) => authenticateApiKey(t.db, key), session: (token) => agentForSession(t.db, token) });
  const app = makeApp({
    logger: makeLogger({ level: 'silent', pretty: false }),
    bodyLimit: '100kb',
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => t.db.stats(),
    isShuttingDown: () => false,
    routers: [evaluationRouter({ authenticate, ...makeEvaluation({ db: t.db }), table: evaluationTable, csv: tableCsv, charts: EVALUATION_CHARTS })],
  });
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server?.close(100));

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

describe('GET /api/evaluation', () => {
  it('gives an agent their own site’s figures only, and no cache', async () => {
    const res = await get('/api/evaluation?from=2026-11-01&to=2026-11-30', { cookie: alphaCookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { cases: number; filter: { sites: string[] }; byPlatform: unknown };
    expect(body.cases).toBe(3);
    expect(body.filter.sites).toEqual(['s_alpha']);
    expect(body.byPlatform).toEqual([
      { key: '京东', count: 2 },
      { key: '淘宝', count: 1 },
    ]);
  });

  it('answers another site as unknown, a bad period with 400 and no credential with 401', async () => {
    expect((await get('/api/evaluation?site=s_beta', { cookie: alphaCookie })).status).toBe(404);
    expect((await get('/api/evaluation?site=s_alpha', { authorization: `Bearer ${betaKey}` })).status).toBe(404);
    const backwards = await get('/api/evaluation?from=2026-11-30&to=2026-11-01', { cookie: alphaCookie });
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    expect((await get('/api/evaluation?from=2026-13-01', { cookie: alphaCookie })).status).toBe(400);
    expect((await get('/api/evaluation?from=2020-01-01&to=2026-01-01', { cookie: alphaCookie })).status).toBe(400);
    expect((await get('/api/evaluation?extra=1', { cookie: alphaCookie })).status).toBe(400);
    expect((await get('/api/evaluation')).status).toBe(401);
  });

  it('exports a chart as CSV for a site key, and refuses an unknown chart', async () => {
    const res = await get('/api/evaluation.csv?chart=byPlatform&from=2026-11-01&to=2026-11-30', { authorization: `Bearer ${betaKey}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('weiquan-byPlatform-2026-11-01-2026-11-30.csv');
    expect(await res.text()).toBe('平台 platform,数量 count\r\n拼多多,1\r\n');
    expect((await get('/api/evaluation.csv?chart=nope', { authorization: `Bearer ${betaKey}` })).status).toBe(400);
  });
});
