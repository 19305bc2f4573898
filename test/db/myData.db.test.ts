import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEngine } from '../helpers/engine.js';
import { startFullServer, type FullServer } from '../helpers/fullServer.js';
import { readJson } from '../helpers/http.js';
import { testSeal } from '../helpers/testSeal.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let server: FullServer;
let secret: string;
let parent: string;

const NAME = '李娜';
const PHONE = '13912345678';
const STREET = '文三路90号';
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(200, 3)]);

beforeAll(async () => {
  parent = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-mydata-'));
  const engine = await makeTestEngine(t.db);
  server = await startFullServer({ db: t.db, url: t.url, engine, dataDir: path.join(parent, '.data') });
  secret = (await server.channel.sites.create({ name: 'MyData', allowedOrigins: [], locale: 'zh' })).secret;
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
  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${server.base}/v3/directline/conversations/${id}/activities`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: `m${++n}`, from: { id: 'shopper' }, ...body }),
    });
    expect(res.status).toBe(200);
  };
  const activities = async () =>
    (await readJson(await fetch(`${server.base}/v3/directline/conversations/${id}/activities`, { headers: auth }))).activities as {
      text?: string;
      from: { role?: string };
    }[];
  return {
    id,
    auth,
    say: (text: string) => post({ text }),
    act: (value: string) => post({ value }),
    botTexts: async () => (await activities()).filter((a) => a.from.role === 'bot' && a.text).map((a) => a.text ?? ''),
    lastBot: async () => (await activities()).filter((a) => a.from.role === 'bot' && a.text).at(-1)?.text ?? '',
    upload: (name: string) => {
      const form = new FormData();
      // Each conversation's own bytes: a file another conversation also holds stays on disk for it.
      form.append('file', new Blob([PNG, Buffer.from(id)]), name);
      return fetch(`${server.base}/v3/directline/conversations/${id}/upload?userId=shopper`, { method: 'POST', headers: auth, body: form });
    },
    myData: () => fetch(`${server.base}/v3/directline/conversations/${id}/my-data`, { headers: auth }),
  };
}

async function filed() {
  const c = await conversation();
  await c.say('同意');
  await c.say(`我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退，我叫${NAME}，电话${PHONE}，住${STREET}`);
  expect((await c.upload('屏幕.png')).status).toBe(200);
  const caseNo = (await t.db.query<{ case_no: string }>('select case_no from cases where conversation_id = $1', [c.id])).rows[0]?.case_no ?? '';
  expect(caseNo).toMatch(/^WQ-/);
  return { c, caseNo };
}

describe('导出我的信息 / 删除我的信息', () => {
  it('exports everything held about the conversation as JSON, to its own token only', async () => {
    const { c, caseNo } = await filed();
    await c.say('导出我的信息');
    expect(await c.lastBot()).toContain(`/v3/directline/conversations/${c.id}/my-data`);
    const res = await c.myData();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const data = await readJson(res);
    expect(data.conversation).toMatchObject({ id: c.id, consent: 'given' });
    expect(data.cases[0]).toMatchObject({ caseNo, record: { contact: { phone: PHONE } } });
    expect(data.messages.some((m: { from: string; text?: string }) => m.from === 'you' && m.text?.includes(PHONE))).toBe(true);
    expect(data.evidence).toEqual([expect.objectContaining({ name: '屏幕.png', contentType: 'image/png' })]);
    expect(data.documents).toContain(`/v3/directline/conversations/${c.id}/documents/complaint-12315.pdf`);
    expect(data.notice.zh).toContain('180 天');
    // Another conversation's token gets nothing.
    const other = await conversation();
    const denied = await fetch(`${server.base}/v3/directline/conversations/${c.id}/my-data`, { headers: other.auth });
    expect(denied.status).toBe(403);
    expect((await fetch(`${server.base}/v3/directline/conversations/${c.id}/my-data`)).status).toBe(401);
  });

  it('deletes the identifiers everywhere, evidence files included, says what was kept, and the help goes on', async () => {
    const { c, caseNo } = await filed();
    const sha = (await t.db.query<{ sha256: string }>('select sha256 from evidence_files where conversation_id = $1', [c.id])).rows[0]?.sha256 ?? '';
    const evidenceDir = path.join(parent, '.data', 'evidence');
    const onDisk = async () => (await fs.readdir(evidenceDir, { recursive: true })).some((f) => path.basename(String(f)) === sha);
    expect(await onDisk()).toBe(true);
    await c.say('删除我的信息');
    const said = await c.lastBot();
    expect(said).toContain('已删除你的信息');
    expect(said).toContain('只保留不能认出你的统计');
    // Nothing identifying in any table, the turn asking included.
    const rows = await t.db.query<{ v: unknown }>(
      `select payload as v from turn_events where conversation_id = $1
       union all select replies from processed_turns where conversation_id = $1
       union all select activity::json from channel_activities where conversation_id = $1
       union all select snapshot from conversations where id = $1
       union all select json_build_object('record', record, 'phone', phone_hash, 'snapshot', snapshot) from cases where case_no = $2`,
      [c.id, caseNo],
    );
    // Opened with the key: not even sealed copies are left.
    const stored = JSON.stringify(rows.rows.map((r) => testSeal.open(r.v)));
    expect(stored.length).toBeGreaterThan(100);
    for (const s of [NAME, PHONE, STREET, '屏幕.png']) expect(stored, s).not.toContain(s);
    expect((await t.db.query('select 1 from evidence_files where conversation_id = $1', [c.id])).rowCount).toBe(0);
    expect(await onDisk()).toBe(false);
    // The case stays as statistics.
    const k = (
      await t.db.query<{ category: string; anonymised_at: Date | null; record: { order: { amountFen?: number } } }>(
        'select category, anonymised_at, record from cases where case_no = $1',
        [caseNo],
      )
    ).rows[0];
    expect(k?.anonymised_at).toBeInstanceOf(Date);
    expect(k?.record.order.amountFen).toBe(299900);
    // The export now shows what is left; the conversation goes on.
    const data = await readJson(await c.myData());
    expect(JSON.stringify(data)).not.toContain(PHONE);
    expect(data.documents).toEqual([]);
    const before = (await c.botTexts()).length;
    await c.say('七天无理由退货从哪天开始算');
    expect((await c.botTexts()).slice(before).join('\n')).toMatch(/七日|7 日|七天/);
  });

  it('takes the widget action (value) the same way as the words', async () => {
    const { c } = await filed();
    await c.act('export_my_data');
    expect(await c.lastBot()).toContain('/my-data');
    await c.act('delete_my_data');
    expect(await c.lastBot()).toContain('已删除你的信息');
    expect(
      (await t.db.query<{ n: number }>(`select count(*)::int as n from cases where conversation_id = $1 and anonymised_at is not null`, [c.id])).rows[0]?.n,
    ).toBe(1);
  });
});
