import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/agents/password.js';
import { createAgent, createSession } from '../../src/agents/sql/agentStore.js';
import { SESSION_COOKIE } from '../../src/server/auth/principal.js';
import { makeTestEngine } from '../helpers/engine.js';
import { startFullServer, type FullServer } from '../helpers/fullServer.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let server: FullServer;
let secret: string;
let parent: string;
let cookie: string;

const NAME = '欧阳娜娜';
const PHONE = '13912345678';
const ID_NUMBER = '110101199003071234';
const STREET = '建国路88号';
const IDENTIFIERS = [NAME, PHONE, ID_NUMBER, STREET, '139 1234 5678', 'nana.ouyang@example.com'];
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(200, 7)]);

beforeAll(async () => {
  // The default DATA_DIR is the dot-folder `.data`: the console must serve evidence from one.
  parent = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-privacy-'));
  const engine = await makeTestEngine(t.db);
  server = await startFullServer({ db: t.db, url: t.url, engine, dataDir: path.join(parent, '.data') });
  const created = await server.channel.sites.create({ name: 'Privacy', allowedOrigins: [], locale: 'zh' });
  secret = created.secret;
  const agent = await createAgent(t.db, {
    login: 'privacy.agent',
    displayName: 'Agent',
    siteId: created.site.id,
    role: 'agent',
    passwordHash: await hashPassword('correct horse battery'),
  });
  cookie = `${SESSION_COOKIE}=${(await createSession(t.db, agent.id, 3_600_000)).token}`;
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await fs.rm(parent, { recursive: true, force: true });
});

async function conversation() {
  const gen = await readJson(await fetch(`${server.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } }));
  const auth = { Authorization: `Bearer ${gen.token}` };
  expect((await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
  const id: string = gen.conversationId;
  let n = 0;
  return {
    id,
    say: async (text: string, from: Record<string, string> = { id: 'shopper' }) => {
      const res = await fetch(`${server.base}/v3/directline/conversations/${id}/activities`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', id: `m${++n}`, from, text }),
      });
      expect(res.status, text).toBe(200);
    },
    upload: (files: { name: string; data: Buffer }[], activity?: string) => {
      const form = new FormData();
      if (activity !== undefined) form.append('activity', new Blob([activity], { type: 'application/vnd.microsoft.activity' }));
      for (const f of files) form.append('file', new Blob([f.data]), f.name);
      return fetch(`${server.base}/v3/directline/conversations/${id}/upload?userId=shopper`, { method: 'POST', headers: auth, body: form });
    },
    activities: async () =>
      (await readJson(await fetch(`${server.base}/v3/directline/conversations/${id}/activities`, { headers: auth }))).activities as Record<string, unknown>[],
  };
}

/** Every row of every table of ours, as text. */
async function everything(): Promise<string> {
  const tables = await t.db.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await t.db.query<{ row: string }>(`select t::text as row from ${name} t`);
    parts.push(...rows.rows.map((r) => `${name}: ${r.row}`));
  }
  return parts.join('\n');
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe('a shopper who declines consent', () => {
  it('leaves nothing identifying in any table, no file on disk, and the console shows only what is stored', async () => {
    const c = await conversation();
    await c.say('不同意');
    expect((await t.db.query<{ consent: string }>('select consent from conversations where id = $1', [c.id])).rows[0]?.consent).toBe('declined');
    await c.say(`我叫${NAME}，手机${PHONE}，身份证${ID_NUMBER}，住在北京市朝阳区${STREET}，邮箱 nana.ouyang@example.com`, { id: 'shopper', name: NAME });
    await c.say(`我的电话是 139 1234 5678`);
    const upload = await c.upload(
      [{ name: `${ID_NUMBER}.png`, data: PNG }],
      JSON.stringify({ type: 'message', from: { id: 'shopper' }, text: `身份证 ${ID_NUMBER}` }),
    );
    expect(upload.status).toBe(409);
    const refusal = await readJson(upload);
    expect(refusal.error.code).toBe('CONSENT_REQUIRED');
    expect(refusal.error.message).toContain('同意');

    const stored = await everything();
    for (const s of IDENTIFIERS) expect(stored, s).not.toContain(s);
    expect(await filesUnder(path.join(server.dataDir, 'evidence'))).toEqual([]);
    // What was said is kept readable with labels where the identifiers were.
    const said = (await c.activities()).filter((a) => (a.from as { role?: string }).role === 'user').map((a) => a.text);
    expect(said[1]).toContain('[已隐去:电话 phone]');
    expect(said[1]).toContain('[已隐去:证件号 ID]');
    // The agent console reads the same log: nothing more.
    const view = await fetch(`${server.base}/console/api/conversations/${c.id}`, { headers: { cookie } });
    expect(view.status).toBe(200);
    const shown = await view.text();
    expect(shown).toContain('[已隐去:');
    for (const s of IDENTIFIERS) expect(shown, s).not.toContain(s);
  });

  it('after consent, keeps what the case needs and the console previews the evidence from a dot-folder DATA_DIR', async () => {
    const c = await conversation();
    await c.say('同意');
    await c.say(`我的电话是${PHONE}`);
    const said = (await c.activities()).filter((a) => (a.from as { role?: string }).role === 'user').map((a) => a.text);
    expect(said).toContain(`我的电话是${PHONE}`);
    const res = await c.upload([{ name: 'screenshot.png', data: PNG }]);
    expect(res.status).toBe(200);
    const row = await t.db.query<{ id: string }>('select id from evidence_files where conversation_id = $1', [c.id]);
    const preview = await fetch(`${server.base}/console/api/evidence/${row.rows[0]?.id}`, { headers: { cookie } });
    expect(preview.status).toBe(200);
    expect(Buffer.from(await preview.arrayBuffer())).toEqual(PNG);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect(preview.headers.get('x-content-type-options')).toBe('nosniff');
    expect(preview.headers.get('content-security-policy')).toContain('sandbox');
    expect(preview.headers.get('cache-control')).toContain('no-store');
  });
});

describe('uploads are all or nothing', () => {
  it('a rejected upload leaves no evidence row and no file', async () => {
    const c = await conversation();
    await c.say('同意');
    const other = (n: number) => Buffer.concat([PNG, Buffer.alloc(50, n)]);
    const rejected: [string, () => Promise<Response>, number, string][] = [
      ['too many files', () => c.upload([1, 2, 3, 4, 5, 6].map((n) => ({ name: `f${n}.png`, data: other(n) }))), 413, 'PAYLOAD_TOO_LARGE'],
      ['invalid activity JSON', () => c.upload([{ name: 'a.png', data: other(11) }], '{"type":'), 400, 'INVALID_JSON'],
      ['activity with a NUL', () => c.upload([{ name: 'a.png', data: other(12) }], JSON.stringify({ text: 'x\u0000' })), 400, 'VALIDATION_FAILED'],
      [
        'a wrong type after a good file',
        () =>
          c.upload([
            { name: 'good.png', data: other(13) },
            { name: 'bad.png', data: Buffer.from('MZ not an image') },
          ]),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'an oversize file after a good one',
        () =>
          c.upload([
            { name: 'good.png', data: other(14) },
            { name: 'big.png', data: Buffer.concat([PNG, Buffer.alloc(1024 * 1024 + 10)]) },
          ]),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ];
    for (const [what, send, status, code] of rejected) {
      const res = await send();
      expect([what, res.status, (await readJson(res)).error.code]).toEqual([what, status, code]);
      const rows = await t.db.query<{ n: number }>('select count(*)::int as n from evidence_files where conversation_id = $1', [c.id]);
      expect([what, rows.rows[0]?.n]).toEqual([what, 0]);
      expect([what, (await filesUnder(path.join(server.dataDir, 'evidence'))).sort()]).toEqual([what, await keptFiles()]);
    }
  });
});

/** Files that belong to evidence rows (the consented upload of the test before): the only ones allowed on disk. */
async function keptFiles(): Promise<string[]> {
  const rows = await t.db.query<{ sha256: string }>('select distinct sha256 from evidence_files order by sha256');
  return rows.rows.map((r) => r.sha256);
}
