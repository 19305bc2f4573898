import { testSeal } from '../helpers/testSeal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChannelServer, type ChannelServer } from '../helpers/channelServer.js';
import { collect, makeDirectLine } from '../helpers/directLineClient.js';
import { makeTestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let server: ChannelServer;
let site: { id: string; secret: string };
let conv: { conversationId: string; token: string };
const UPLOAD_MAX = 64 * 1024;

// The first bytes of a real PNG (signature and IHDR), padded: typed by content, whatever its name says.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(200, 1)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

beforeAll(async () => {
  server = await startChannelServer({ db: t.db, url: t.url, engine: await makeTestEngine(t.db), uploadMaxBytes: UPLOAD_MAX });
  const created = await server.channel.sites.create({ name: 'Shop', allowedOrigins: ['https://shop.example'], locale: 'zh' });
  site = { id: created.site.id, secret: created.secret };
  const res = await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${site.secret}` } });
  conv = await readJson(res);
  // Evidence is taken only with consent to keep personal data (a conversation without it: test/db/channelPrivacy.db.test.ts).
  await giveConsent(conv);
});

async function giveConsent(c: { conversationId: string; token: string }): Promise<void> {
  const said = await fetch(`${server.base}/v3/directline/conversations/${c.conversationId}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', id: `consent-${c.conversationId}`, from: { id: 'u' }, text: '同意' }),
  });
  expect(said.status).toBe(200);
  const row = await t.db.query<{ consent: string }>('select consent from conversations where id = $1', [c.conversationId]);
  expect(row.rows[0]?.consent).toBe('given');
}
afterAll(async () => {
  await server?.stop();
});

type Case = {
  name: string;
  method: string;
  path: string;
  auth?: 'token' | 'secret' | 'none';
  contentType?: string;
  body?: string | Buffer;
  status: number;
  code: string;
};

const big = JSON.stringify({ type: 'message', from: { id: 'u' }, text: 'x'.repeat(200_000) });

describe('bad input gets a clear 4xx with a stable code, never a 5xx', () => {
  const cases = (): Case[] => {
    const c = `/conversations/${conv.conversationId}`;
    return [
      {
        name: 'generate: malformed JSON',
        method: 'POST',
        path: '/tokens/generate',
        auth: 'secret',
        contentType: 'application/json',
        body: '{"locale":',
        status: 400,
        code: 'INVALID_JSON',
      },
      {
        name: 'generate: not JSON',
        method: 'POST',
        path: '/tokens/generate',
        auth: 'secret',
        contentType: 'text/plain',
        body: 'hello',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      { name: 'generate: no credential', method: 'POST', path: '/tokens/generate', auth: 'none', status: 401, code: 'UNAUTHORIZED' },
      { name: 'generate: with a token', method: 'POST', path: '/tokens/generate', auth: 'token', status: 403, code: 'FORBIDDEN' },
      { name: 'refresh: with a secret', method: 'POST', path: '/tokens/refresh', auth: 'secret', status: 403, code: 'FORBIDDEN' },
      {
        name: 'start: locale of the wrong type',
        method: 'POST',
        path: '/conversations',
        auth: 'secret',
        contentType: 'application/json',
        body: '{"locale":5}',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'start: oversized body',
        method: 'POST',
        path: '/conversations',
        auth: 'secret',
        contentType: 'application/json',
        body: big,
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      {
        name: 'reconnect: unknown conversation (secret)',
        method: 'GET',
        path: '/conversations/dl_nosuchconversation',
        auth: 'secret',
        status: 404,
        code: 'NOT_FOUND',
      },
      { name: 'reconnect: impossible id', method: 'GET', path: '/conversations/has%20space', auth: 'token', status: 404, code: 'NOT_FOUND' },
      { name: 'reconnect: bad watermark', method: 'GET', path: `${c}?watermark=abc`, auth: 'token', status: 400, code: 'VALIDATION_FAILED' },
      {
        name: 'activities: unknown conversation (token of another)',
        method: 'GET',
        path: '/conversations/dl_nosuchconversation/activities',
        auth: 'token',
        status: 403,
        code: 'FORBIDDEN',
      },
      { name: 'activities: negative watermark', method: 'GET', path: `${c}/activities?watermark=-1`, auth: 'token', status: 400, code: 'VALIDATION_FAILED' },
      {
        name: 'post: malformed JSON',
        method: 'POST',
        path: `${c}/activities`,
        auth: 'token',
        contentType: 'application/json',
        body: '{"type":"message",',
        status: 400,
        code: 'INVALID_JSON',
      },
      {
        name: 'post: not JSON',
        method: 'POST',
        path: `${c}/activities`,
        auth: 'token',
        contentType: 'text/plain',
        body: '你好',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      { name: 'post: no content type', method: 'POST', path: `${c}/activities`, auth: 'token', body: '{}', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      {
        name: 'post: missing type',
        method: 'POST',
        path: `${c}/activities`,
        auth: 'token',
        contentType: 'application/json',
        body: '{"text":"你好"}',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'post: an array',
        method: 'POST',
        path: `${c}/activities`,
        auth: 'token',
        contentType: 'application/json',
        body: '[1,2]',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'post: neither text nor value',
        method: 'POST',
        path: `${c}/activities`,
        auth: 'token',
        contentType: 'application/json',
        body: '{"type":"message","text":"   "}',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'post: text too long',
        method: 'POST',
        path: `${c}/activities`,
        auth: 'token',
        contentType: 'application/json',
        body: JSON.stringify({ type: 'message', text: '长'.repeat(5001) }),
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'post: oversized body',
        method: 'POST',
        path: `${c}/activities`,
        auth: 'token',
        contentType: 'application/json',
        body: big,
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      {
        name: 'post: unknown conversation (secret)',
        method: 'POST',
        path: '/conversations/dl_nosuchconversation/activities',
        auth: 'secret',
        contentType: 'application/json',
        body: '{"type":"message","text":"hi"}',
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        name: 'upload: not multipart',
        method: 'POST',
        path: `${c}/upload?userId=u`,
        auth: 'token',
        contentType: 'application/json',
        body: '{}',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'upload: multipart without boundary',
        method: 'POST',
        path: `${c}/upload?userId=u`,
        auth: 'token',
        contentType: 'multipart/form-data',
        body: 'x',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'upload: garbage multipart',
        method: 'POST',
        path: `${c}/upload?userId=u`,
        auth: 'token',
        contentType: 'multipart/form-data; boundary=zzz',
        body: '--zzz\r\nnot headers',
        status: 400,
        code: 'BAD_REQUEST',
      },
      {
        name: 'upload: declared size far over the limit',
        method: 'POST',
        path: `${c}/upload?userId=u`,
        auth: 'token',
        contentType: 'multipart/form-data; boundary=zzz',
        body: Buffer.alloc(UPLOAD_MAX * 5 + 300 * 1024),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      { name: 'unknown endpoint', method: 'DELETE', path: c, auth: 'token', status: 404, code: 'NOT_FOUND' },
    ];
  };

  it('on every Direct Line endpoint', async () => {
    for (const k of cases()) {
      const headers: Record<string, string> = {};
      if (k.auth === 'token') headers.Authorization = `Bearer ${conv.token}`;
      if (k.auth === 'secret') headers.Authorization = `Bearer ${site.secret}`;
      if (k.contentType) headers['Content-Type'] = k.contentType;
      const res = await fetch(`${server.base}/v3/directline${k.path}`, { method: k.method, headers, ...(k.body === undefined ? {} : { body: k.body }) });
      const body = await readJson(res);
      expect({ name: k.name, status: res.status, code: body.error?.code }).toEqual({ name: k.name, status: k.status, code: k.code });
    }
  });

  it('on the widget token endpoint', async () => {
    const post = (body: string, contentType = 'application/json') =>
      fetch(`${server.base}/api/webchat/token`, { method: 'POST', headers: { 'Content-Type': contentType, Origin: 'https://shop.example' }, body });
    for (const [body, contentType, status, code] of [
      ['{"siteId":', 'application/json', 400, 'INVALID_JSON'],
      ['{}', 'application/json', 400, 'VALIDATION_FAILED'],
      [JSON.stringify({ siteId: site.id, extra: 1 }), 'application/json', 400, 'VALIDATION_FAILED'],
      [JSON.stringify({ siteId: 'Robert"); drop table sites;--' }), 'application/json', 400, 'VALIDATION_FAILED'],
      [`siteId=${site.id}`, 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ] as const) {
      const res = await post(body, contentType);
      expect([res.status, (await readJson(res)).error.code]).toEqual([status, code]);
    }
  });
});

describe('evidence upload', () => {
  const upload = (files: { data: Buffer; name: string; type?: string }[], activity?: unknown) => {
    const form = new FormData();
    if (activity) form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
    for (const f of files) form.append('file', new Blob([f.data], { type: f.type ?? 'application/octet-stream' }), f.name);
    return fetch(`${server.base}/v3/directline/conversations/${conv.conversationId}/upload?userId=u`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${conv.token}` },
      body: form,
    });
  };

  it('stores images and PDFs by SHA-256, typed by their bytes, and the bot acknowledges them', async () => {
    const res = await upload(
      [
        { data: PNG, name: '聊天截图.txt' },
        { data: PDF, name: 'order.pdf', type: 'image/png' },
      ],
      { type: 'message', from: { id: 'u' }, channelData: { clientActivityID: 'up-1' } },
    );
    expect(res.status).toBe(200);
    const { id } = await readJson(res);
    const rows = await t.db.query<{ content_type: string; original_name: string; sha256: string; size: number; storage_path: string }>(
      `select content_type, original_name, sha256, size, storage_path from evidence_files where conversation_id = $1 order by content_type`,
      [conv.conversationId],
    );
    expect(rows.rows.map((r) => [r.content_type, testSeal.open(r.original_name), r.size])).toEqual([
      ['application/pdf', 'order.pdf', PDF.length],
      ['image/png', '聊天截图.txt', PNG.length],
    ]);
    const { createHash } = await import('node:crypto');
    const fs = await import('node:fs/promises');
    const png = rows.rows.find((r) => r.content_type === 'image/png')!;
    expect(png.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(await fs.readFile(`${server.dataDir}/${png.storage_path}`)).toEqual(PNG);
    const page = await readJson(
      await fetch(`${server.base}/v3/directline/conversations/${conv.conversationId}/activities`, { headers: { Authorization: `Bearer ${conv.token}` } }),
    );
    const echo = page.activities.find((a: { id: string }) => a.id === id);
    expect(echo.attachments.map((a: { contentType: string }) => a.contentType)).toEqual(['image/png', 'application/pdf']);
    const ack = page.activities.find((a: { replyToId?: string; type: string }) => a.type === 'message' && a.replyToId === id);
    expect(ack.text).toContain('已收到 2 个证据文件');
    // A retried upload (same client id) stores nothing twice and runs no second turn.
    const again = await upload(
      [
        { data: PNG, name: '聊天截图.txt' },
        { data: PDF, name: 'order.pdf' },
      ],
      { type: 'message', from: { id: 'u' }, channelData: { clientActivityID: 'up-1' } },
    );
    expect(await readJson(again)).toEqual({ id });
    const count = await t.db.query<{ n: number }>(`select count(*)::int as n from evidence_files where conversation_id = $1`, [conv.conversationId]);
    expect(count.rows[0]?.n).toBe(2);
  });

  it('refuses unknown types (415), files over the limit (413) and empty uploads (400), leaving nothing behind', async () => {
    const before = await t.db.query<{ n: number }>(`select count(*)::int as n from evidence_files`);
    const cases: [Parameters<typeof upload>[0], number, string][] = [
      [[{ data: Buffer.from('MZ\x90\x00 this is an executable'), name: 'photo.jpg', type: 'image/jpeg' }], 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [[{ data: Buffer.from('just text'), name: 'a.png' }], 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [[{ data: Buffer.concat([PNG, Buffer.alloc(UPLOAD_MAX)]), name: 'huge.png' }], 413, 'PAYLOAD_TOO_LARGE'],
      [[], 400, 'VALIDATION_FAILED'],
    ];
    for (const [files, status, code] of cases) {
      const res = await upload(files);
      expect([files[0]?.name, res.status, (await readJson(res)).error.code]).toEqual([files[0]?.name, status, code]);
    }
    const after = await t.db.query<{ n: number }>(`select count(*)::int as n from evidence_files`);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    const fs = await import('node:fs/promises');
    expect(await fs.readdir(`${server.dataDir}/evidence/tmp`)).toEqual([]);
  });

  it('accepts an upload from the official client (postActivity with an attachment)', async () => {
    const started = await readJson(
      await fetch(`${server.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${site.secret}` } }),
    );
    const dl = makeDirectLine({ token: started.token, domain: `${server.base}/v3/directline`, webSocket: false, pollingInterval: 200 });
    const inbox = collect(dl);
    await inbox.until((all) => all.some((a) => a.from.id === 'weiquan' && a.type === 'message'), 'the welcome');
    await giveConsent(started);
    const id = await new Promise<string>((resolve, reject) =>
      dl
        .postActivity({
          type: 'message',
          from: { id: 'shopper' },
          attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${PNG.toString('base64')}`, name: 'screen.png' }],
        } as never)
        .subscribe({ next: resolve, error: reject }),
    );
    await inbox.until((all) => all.some((a) => a.type === 'message' && a.replyToId === id), 'the acknowledgement');
    inbox.stop();
    dl.end();
    const rows = await t.db.query<{ content_type: string }>(`select content_type from evidence_files where conversation_id = $1`, [started.conversationId]);
    expect(rows.rows).toEqual([{ content_type: 'image/png' }]);
  });
});
