import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAgentsCommand, type AgentsAdminDeps } from '../../src/admin/agents.js';
import { runKeysCommand } from '../../src/admin/keys.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from '../../src/agents/password.js';
import { createAgent, disableAgent, findAgentForSignIn, listAgents, setAgentPassword } from '../../src/agents/sql/agentStore.js';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from '../../src/apiKeys/sql/apiKeyStore.js';
import { makeSites } from '../../src/sites/index.js';
import { repoRoot } from '../helpers/paths.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();

beforeAll(async () => {
  const sites = makeSites({ db: t.db });
  for (const id of ['shop_a', 'shop_b']) await sites.create({ id, name: id, allowedOrigins: [`https://${id}.example`], locale: 'zh' });
});

async function agents(argv: string[], stdin = '') {
  let text = '';
  const deps: AgentsAdminDeps = {
    out: { write: (s) => void (text += s) },
    siteExists: async (id) => (await makeSites({ db: t.db }).find(id)) !== undefined,
    create: async ({ password, ...a }) => createAgent(t.db, { ...a, passwordHash: await hashPassword(password) }),
    list: (siteId) => listAgents(t.db, siteId),
    setPassword: async (login, password) => setAgentPassword(t.db, login, await hashPassword(password)),
    disable: (login) => disableAgent(t.db, login),
    readSecret: async () => stdin,
    generatePassword,
    passwordProblem,
  };
  return { code: await runAgentsCommand(argv, deps), text };
}

async function keys(argv: string[]) {
  let text = '';
  const code = await runKeysCommand(argv, {
    out: { write: (s) => void (text += s) },
    siteExists: async (id) => (await makeSites({ db: t.db }).find(id)) !== undefined,
    create: (k) => createApiKey(t.db, k),
    list: (siteId) => listApiKeys(t.db, siteId),
    revoke: (id) => revokeApiKey(t.db, id),
  });
  return { code, text };
}

describe('admin agents', () => {
  it('creates an account with a generated password shown once, stored as a scrypt hash', async () => {
    const created = await agents(['create', '--site', 'shop_a', '--name', 'Wang Wei', '--json']);
    expect(created.code).toBe(0);
    const agent = JSON.parse(created.text);
    expect(agent).toMatchObject({ login: 'wang.wei', siteId: 'shop_a', role: 'agent', sites: ['shop_a'], password: expect.stringMatching(/^.{20}$/) });
    const stored = await findAgentForSignIn(t.db, 'WANG.WEI');
    expect(stored?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain(agent.password);
    expect(await verifyPassword(agent.password, stored?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword('wrong password!!', stored?.passwordHash ?? '')).toBe(false);
    expect((await agents(['list', '--site', 'shop_a'])).text).not.toContain(agent.password);
  });

  it('gives a name that cannot be a login (小王) a login of its own, printed with the password', async () => {
    const created = await agents(['create', '--site', 'shop_a', '--name', '小王']);
    expect(created.code).toBe(0);
    const login = /login\s+(\S+)/.exec(created.text)?.[1];
    expect(login).toMatch(/^shop_a-[a-z2-9]{4}$/);
    expect(created.text).toMatch(/name\s+小王/);
    const again = await agents(['create', '--site', 'shop_a', '--name', '小王']);
    expect(again.code).toBe(0);
    expect(/login\s+(\S+)/.exec(again.text)?.[1]).not.toBe(login);
  });

  it('takes a chosen password from stdin, refusing a short one', async () => {
    expect((await agents(['create', '--site', 'shop_a', '--name', '李娜', '--login', 'li.na', '--password-stdin'], 'short')).code).toBe(2);
    const ok = await agents(['create', '--site', 'shop_a', '--name', '李娜', '--login', 'li.na', '--password-stdin'], 'a long enough passphrase');
    expect(ok.code).toBe(0);
    expect(ok.text).not.toContain('a long enough passphrase');
    expect(await verifyPassword('a long enough passphrase', (await findAgentForSignIn(t.db, 'li.na'))?.passwordHash ?? '')).toBe(true);
  });

  it('grants a supervisor other sites, and only a supervisor', async () => {
    expect((await agents(['create', '--site', 'shop_a', '--name', 'x', '--login', 'plain', '--grant', 'shop_b'])).code).toBe(2);
    const lead = JSON.parse((await agents(['create', '--site', 'shop_a', '--name', 'Lead', '--role', 'supervisor', '--grant', 'shop_b', '--json'])).text);
    expect(lead.sites.sort()).toEqual(['shop_a', 'shop_b']);
    expect((await agents(['create', '--site', 'shop_zz', '--name', 'Nobody'])).code).toBe(1);
  });

  it('disables an account so it can no longer sign in', async () => {
    await agents(['create', '--site', 'shop_b', '--name', 'Temp', '--login', 'temp']);
    expect((await agents(['disable', '--login', 'temp'])).code).toBe(0);
    expect(await findAgentForSignIn(t.db, 'temp')).toBeUndefined();
    expect((await agents(['disable', '--login', 'ghost'])).code).toBe(1);
  });
});

describe('admin keys', () => {
  it('creates a key shown once and stored hashed, lists it without the key, revokes it', async () => {
    const created = JSON.parse((await keys(['create', '--site', 'shop_a', '--name', 'crm', '--scope', 'read_write', '--json'])).text);
    expect(created).toMatchObject({ id: expect.stringMatching(/^key_/), key: expect.stringMatching(/^wqk_/), scope: 'read_write' });
    expect(await authenticateApiKey(t.db, created.key)).toMatchObject({ siteId: 'shop_a', scope: 'read_write' });
    const rows = await t.db.query('select * from api_keys');
    expect(JSON.stringify(rows.rows)).not.toContain(created.key);
    const listed = await keys(['list', '--site', 'shop_a']);
    expect(listed.text).toContain(created.id);
    expect(listed.text).not.toContain(created.key);
    expect((await keys(['revoke', '--id', created.id])).code).toBe(0);
    expect(await authenticateApiKey(t.db, created.key)).toBeUndefined();
    expect((await keys(['create', '--site', 'shop_a', '--name', 'x', '--scope', 'admin'])).code).toBe(2);
    expect((await keys(['create', '--site', 'nope_site', '--name', 'x'])).code).toBe(1);
  });

  it('runs as `npm run -s admin -- agents|keys …` against the configured database', { timeout: 90_000 }, async () => {
    const exec = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'warn' };
    const agent = await exec(process.execPath, ['--import', 'tsx', 'src/adminMain.ts', 'agents', 'create', '--site', 'shop_b', '--name', 'CLI Agent'], {
      cwd: repoRoot,
      env,
    });
    expect(agent.stdout).toMatch(/login\s+cli\.agent/);
    expect(agent.stdout).toMatch(/password\s+\S{20}/);
    const key = await exec(process.execPath, ['--import', 'tsx', 'src/adminMain.ts', 'keys', 'create', '--site', 'shop_b', '--name', 'cli', '--json'], {
      cwd: repoRoot,
      env,
    });
    expect(JSON.parse(key.stdout)).toMatchObject({ key: expect.stringMatching(/^wqk_/) });
  });
});
