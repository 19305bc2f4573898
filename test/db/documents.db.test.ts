import { testSeal } from '../helpers/testSeal.js';
import { createHash as hash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey, createApiKey } from '../../src/apiKeys/sql/apiKeyStore.js';
import { agentForSession } from '../../src/agents/sql/agentStore.js';
import type { CaseDetail } from '../../src/cases/sql/caseQueries.js';
import { DOCUMENT_KINDS, makeDocuments, type DocumentKind } from '../../src/documents/index.js';
import { makeAuthenticate } from '../../src/server/auth/principal.js';
import { casesRouter } from '../../src/server/routes/cases.js';
import { openApiRouter } from '../../src/server/routes/openapi.js';
import { conversationSiteOf, documentsRouter } from '../../src/server/routes/documents.js';
import { makeCases } from '../../src/cases/makeCases.js';
import { startChannelServer, type ChannelServer } from '../helpers/channelServer.js';
import { docxParts, pdfText, squash } from '../helpers/documents.js';
import { makeTestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let server: ChannelServer;
const keys: Record<string, string> = {};
let conversation: { id: string; token: string };
let detail: CaseDetail;
let siteA: { id: string; secret: string };
let engine: Awaited<ReturnType<typeof makeTestEngine>>;

// The done-when ladder of the transcripts: a parcel never received, seller and platform refuse, 12315.
const SCRIPT = [
  '可以，同意',
  '上个月25号在拼多多买了一台299的破壁机，物流显示签收了，但我根本没收到，快递员说放驿站了，驿站也找不到',
  '物流记录和聊天记录都截图了',
  '跟商家说了，他说快递签收了就不归他管',
  '平台客服让我自己去找快递，等于没管',
  '李娜',
  '13912345678',
  '杭州市西湖区文三路90号3单元502',
  '店铺叫“好厨优选家电专营店”',
  '广东省佛山市顺德区北滘镇工业大道18号',
];
const EVIDENCE = Buffer.from('%PDF-1.4 物流截图 placeholder bytes for a real upload\n');

async function say(text: string): Promise<void> {
  const res = await fetch(`${server.base}/v3/directline/conversations/${conversation.id}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${conversation.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: 'shopper' }, text }),
  });
  expect(res.status, text).toBe(200);
}

beforeAll(async () => {
  engine = await makeTestEngine(t.db);
  const documents = makeDocuments({ db: t.db, seal: testSeal, quote: engine.knowledge.article, now: () => new Date('2026-11-28T10:00:00+08:00') });
  const authenticate = makeAuthenticate({ apiKey: (key) => authenticateApiKey(t.db, key), session: (token) => agentForSession(t.db, token) });
  server = await startChannelServer({
    db: t.db,
    url: t.url,
    engine,
    routers: (channel) => [
      casesRouter({ authenticate, ...makeCases({ db: t.db, seal: testSeal }) }),
      documentsRouter({
        authenticate,
        ...documents,
        conversationSite: conversationSiteOf({ authenticate: channel.directLine.authenticate, findSite: channel.sites.find }),
      }),
      openApiRouter(),
    ],
  });
  const sites: Record<string, { id: string; secret: string }> = {};
  for (const name of ['商城A', '商城B']) {
    const created = await server.channel.sites.create({ name, allowedOrigins: [`https://${name === '商城A' ? 'a' : 'b'}.example`], locale: 'zh' });
    sites[name] = { id: created.site.id, secret: created.secret };
    keys[name] = (await createApiKey(t.db, { siteId: created.site.id, name: 'read', scope: 'read' })).key;
  }
  siteA = sites['商城A'] as { id: string; secret: string };
  const started = await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${sites['商城A']?.secret}` } });
  const body = (await readJson(started)) as { conversationId: string; token: string };
  conversation = { id: body.conversationId, token: body.token };
  await say(SCRIPT[0] ?? '');
  await say(SCRIPT[1] ?? '');
  // A real upload through the channel: its SHA-256 must reach the dossier.
  const form = new FormData();
  form.append('file', new Blob([EVIDENCE], { type: 'application/pdf' }), 'tracking.pdf');
  const uploaded = await fetch(`${server.base}/v3/directline/conversations/${conversation.id}/upload?userId=shopper`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${conversation.token}` },
    body: form,
  });
  expect(uploaded.status).toBe(200);
  for (const text of SCRIPT.slice(2)) await say(text);
  const caseNo = (await t.db.query<{ case_no: string }>('select case_no from cases where conversation_id = $1', [conversation.id])).rows[0]?.case_no;
  const res = await fetch(`${server.base}/api/cases/${caseNo}`, { headers: { Authorization: `Bearer ${keys['商城A']}` } });
  expect(res.status).toBe(200);
  detail = (await readJson(res)) as CaseDetail;
});
afterAll(async () => {
  await server?.stop();
});

const get = (path: string, auth: string, extra: Record<string, string> = {}) =>
  fetch(`${server.base}${path}`, { headers: { Authorization: `Bearer ${auth}`, ...extra } });
/** The page text without the footers, which sit between the halves of anything broken across pages. */
const withoutFooters = (text: string) =>
  squash(text).replace(/案件编号WQ-\d{8}-[0-9A-Z]{4}·维权助手根据案件记录生成·本文件提供法律信息，不构成律师意见·\d+\/\d+/g, '');
const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}${fen % 100 ? `.${String(fen % 100).padStart(2, '0')}` : ''}`;

/** What every document must carry from the record, as the record has it. */
function expectedFields(kind: DocumentKind): string[] {
  const r = detail.record;
  const common = [detail.caseNo, r.order.product ?? '', yuan(r.order.amountFen ?? 0), '2026年10月25日'];
  const parties = [r.contact.name ?? '', r.contact.phone ?? '', r.contact.address ?? '', r.parties.shopName ?? '', r.parties.shopAddress ?? ''];
  switch (kind) {
    case 'seller-letter':
      return [...common, r.contact.name ?? '', r.contact.phone ?? '', '退款', '3 日内'];
    case 'platform-request':
      return [...common, '拼多多平台客服', '商家拒绝处理', '《电子商务法》第六十一条', '《消费者权益保护法》第四十四条', '物流记录', 'tracking.pdf'];
    case 'complaint-12315':
      // 暂行办法 第九条: complainant name, phone, address; respondent name, address; request; facts.
      return [
        ...common,
        ...parties,
        '投诉人',
        '被投诉人',
        '投诉请求',
        '事实与理由',
        '已与商家协商，商家拒绝处理',
        '已申请拼多多平台介入，平台未能解决',
        '第九条',
        '总局令第121号',
      ];
    case 'mediation-request':
      return [...common, ...parties, '申请人', '被申请人', '请求事项', '消费者权益保护法》第三十七条'];
    case 'report':
      return [...common, ...parties, '举报人', '被举报人', '请依法调查处理'];
    case 'civil-complaint':
      return [...common, ...parties, '原告', '被告', '诉讼请求', '事实和理由', '证据和证据来源', '此致', '具状人', '2026年11月28日', '诉讼费用由被告承担'];
    case 'dossier': {
      const files = detail.record.evidence;
      expect(files.length).toBeGreaterThan(0);
      return [
        ...common,
        ...parties,
        '办理经过',
        '立案',
        ...r.remedies.map((k) => k.title),
        ...r.deadlines.map((d) => d.title),
        'tracking.pdf',
        createHash(EVIDENCE),
      ];
    }
  }
}

const createHash = (b: Buffer) => hash('sha256').update(b).digest('hex');

describe('documents of a case filed through the real engine', () => {
  it('the case holds what the documents are checked against', () => {
    expect(detail.record.contact).toEqual({ name: '李娜', phone: '13912345678', address: '杭州市西湖区文三路90号3单元502' });
    expect(detail.record.parties.shopAddress).toBe('广东省佛山市顺德区北滘镇工业大道18号');
    expect(detail.record.order.amountFen).toBe(29_900);
  });

  for (const kind of DOCUMENT_KINDS) {
    it(`${kind}.pdf: an A4 PDF with the embedded CJK font, carrying every field of the record`, async () => {
      const res = await get(`/api/cases/${detail.caseNo}/documents/${kind}.pdf`, keys['商城A'] ?? '');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${detail.caseNo}-${kind}.pdf"`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
      expect(bytes.length).toBeLessThan(300 * 1024);
      // The font is embedded (a subset, so a tag+name), not referenced from the reader's system.
      expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/FontFile3|\/FontFile2/);
      const { text } = await pdfText(bytes);
      const flat = withoutFooters(text);
      for (const field of expectedFields(kind)) expect(flat, `${kind}.pdf has ${field}`).toContain(squash(field));
      // Nothing we hold is left as a blank to fill in on the complaint (第九条 items are all known).
      // Every item 第九条 requires is known on this case: none of them is left as a blank to fill in.
      if (kind === 'complaint-12315') expect(flat.slice(flat.indexOf('一、投诉人'), flat.indexOf('五、'))).not.toContain('请填写');
    });

    it(`${kind}.docx: a Word document whose XML holds every field of the record`, async () => {
      const res = await get(`/api/cases/${detail.caseNo}/documents/${kind}.docx`, keys['商城A'] ?? '');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const parts = docxParts(new Uint8Array(await res.arrayBuffer()));
      expect(parts.files).toContain('word/document.xml');
      expect(parts.stylesXml).toContain('w:eastAsia="Noto Sans SC"');
      for (const field of expectedFields(kind)) expect(squash(parts.text), `${kind}.docx has ${field}`).toContain(squash(field));
      expect(parts.footerText).toContain(detail.caseNo);
    });
  }

  it('the dossier quotes every cited article in full, as held in law_articles, with its version', async () => {
    const res = await get(`/api/cases/${detail.caseNo}/documents/dossier.pdf`, keys['商城A'] ?? '');
    const flat = withoutFooters((await pdfText(new Uint8Array(await res.arrayBuffer()))).text);
    const cites = [...detail.record.remedies.flatMap((k) => k.citations), ...detail.record.deadlines.flatMap((d) => d.citations), ...detail.record.citations];
    expect(cites.length).toBeGreaterThan(0);
    for (const c of cites) {
      const article = engine.knowledge.article(c.law, c.article, detail.record.order.orderDate);
      // The same article text as in law_articles, the version in force on the purchase date.
      const rows = await t.db.query<{ text: string }>('select text from law_articles where law_short = $1 and label = $2', [c.law, c.article]);
      expect(rows.rows.map((r) => r.text)).toContain(article?.text);
      expect(article, `${c.law}${c.article} is held`).toBeDefined();
      expect(flat, `${c.law}${c.article}`).toContain(squash(article?.text ?? ''));
    }
    // The 2022 暂行办法 is flagged as replaced, not shown as current.
    if (cites.some((c) => c.law === '市场监督管理投诉举报处理暂行办法')) expect(flat).toContain(squash('已于2026年4月15日被'));
  });

  it('an English document keeps the Chinese legal names, and the Chinese version is offered too', async () => {
    const en = await get(`/api/cases/${detail.caseNo}/documents/complaint-12315.pdf?lang=en`, keys['商城A'] ?? '');
    expect(en.headers.get('content-disposition')).toContain('-en.pdf');
    const text = squash((await pdfText(new Uint8Array(await en.arrayBuffer()))).text);
    expect(text).toContain(squash('Consumer complaint (12315)'));
    expect(text).toContain(squash('市场监督管理投诉举报处理暂行办法'));
    expect(text).toContain('13912345678');
    const zh = await get(`/api/cases/${detail.caseNo}/documents/complaint-12315.docx?lang=zh`, keys['商城A'] ?? '');
    expect(docxParts(new Uint8Array(await zh.arrayBuffer())).text).toContain('消费投诉书');
  });

  it("another site's key finds nothing (404), and unknown kinds, formats and languages get stable codes", async () => {
    const other = await get(`/api/cases/${detail.caseNo}/documents/dossier.pdf`, keys['商城B'] ?? '');
    expect(other.status).toBe(404);
    expect((await readJson(other)).error.code).toBe('NOT_FOUND');
    const unauth = await fetch(`${server.base}/api/cases/${detail.caseNo}/documents/dossier.pdf`);
    expect(unauth.status).toBe(401);
    const kind = await get(`/api/cases/${detail.caseNo}/documents/letter.pdf`, keys['商城A'] ?? '');
    expect(kind.status).toBe(404);
    expect((await readJson(kind)).error.details.reason).toBe('unknown_kind');
    const format = await get(`/api/cases/${detail.caseNo}/documents/dossier.html`, keys['商城A'] ?? '');
    expect(format.status).toBe(404);
    expect((await readJson(format)).error.details.reason).toBe('unknown_format');
    const lang = await get(`/api/cases/${detail.caseNo}/documents/dossier.pdf?lang=fr`, keys['商城A'] ?? '');
    expect(lang.status).toBe(400);
    expect((await readJson(lang)).error.code).toBe('VALIDATION_FAILED');
  });

  it("the widget's download takes the conversation's own token, and nothing else", async () => {
    const path = `/v3/directline/conversations/${conversation.id}/documents/complaint-12315.pdf`;
    const ok = await get(path, conversation.token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(squash((await pdfText(new Uint8Array(await ok.arrayBuffer()))).text)).toContain('李娜');
    expect((await fetch(`${server.base}${path}`)).status).toBe(401);
    // A token of another conversation of the same site is refused.
    const other = await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${siteA.secret}` } });
    const otherToken = ((await readJson(other)) as { token: string }).token;
    const refused = await get(path, otherToken);
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).error.code).toBe('FORBIDDEN');
    const fromOtherPage = await get(path, conversation.token, { Origin: 'https://b.example' });
    expect(fromOtherPage.status).toBe(403);
    expect((await readJson(fromOtherPage)).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('is documented in the OpenAPI description, with the kinds and formats it serves', async () => {
    const doc = await readJson(await fetch(`${server.base}/api/openapi.json`));
    const op = doc.paths['/api/cases/{caseNo}/documents/{kind}.{format}'].get;
    const param = (name: string) => op.parameters.find((p: { name: string }) => p.name === name).schema.enum;
    expect(param('kind')).toEqual([...DOCUMENT_KINDS]);
    expect(param('format')).toEqual(['pdf', 'docx']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '404']));
  });
});
