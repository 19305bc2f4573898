import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';
import { launchChromium, screenshot, watchPageProblems, type Browser } from './support/chromium.js';
import { noisyPng } from './support/png.js';
import { startWeiquan, type Weiquan } from './support/service.js';

/**
 * The newcomer's path: `npm start`, open the demo shop, chat to a filed case, upload evidence,
 * reload, lose the server and get it back. One page, steps in order, against the real service.
 */
// A 1 MB upload limit, so the test can go over it without pushing 10 MB through the browser.
const SERVICE_ENV = { UPLOAD_MAX_BYTES: String(1024 * 1024) };

let database: TestDatabase;
let dataDir: string;
let port: number;
let service: Weiquan;
let browser: Browser;
let page: Page;
let problems: string[];
let caseNo: string;
const sockets: string[] = [];

const widget = (selector: string) => page.locator(`weiquan-widget ${selector}`);
const botSaid = (text: string) => widget('.msg.bot').filter({ hasText: text }).last().waitFor({ timeout: 30_000 });
/** Every message on screen, as a screen reader would read it. */
const transcript = () => widget('.msg').evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-demo-'));
  service = await startWeiquan({ databaseUrl: database.url, dataDir, env: SERVICE_ENV });
  // A restart later in this file comes back on the same port, so that the open page reconnects.
  port = service.port;
  browser = await launchChromium();
  page = await browser.context.newPage();
  problems = watchPageProblems(page);
  page.on('websocket', (ws) => sockets.push(ws.url()));
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (database) await dropTestDatabase(database);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the demo shop page with the widget', () => {
  it('is served at / under a strict CSP, with widget.js beside it', async () => {
    const home = await fetch(`${service.url}/`);
    expect(home.status).toBe(200);
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(await home.text()).toContain('<script src="/widget.js" data-site="demo" async></script>');
    const script = await fetch(`${service.url}/widget.js`);
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const again = await fetch(`${service.url}/widget.js`, { headers: { 'If-None-Match': script.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);

    await page.goto(`${service.url}/`);
    await expect.poll(() => page.locator('script:not([src])').count()).toBe(0);
    await widget('.launcher').waitFor();
  });

  it('chats through to a filed case: buttons, formatted replies, citation cards', async () => {
    await widget('.launcher').click();
    await botSaid('你好，我是维权助手');
    await widget('.input').fill('同意');
    await widget('.input').press('Enter');
    await botSaid('请说说发生了什么');
    const input = widget('.input');
    await input.fill('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退');
    await input.press('Enter');
    await botSaid('已为你建立案件，编号 WQ-');
    const filed = await widget('.msg.bot').filter({ hasText: '已为你建立案件' }).last().textContent();
    caseNo = /WQ-\d{8}-[A-Z0-9]{4}/.exec(filed ?? '')?.[0] ?? '';
    expect(caseNo).not.toBe('');
    // The pressed button shows its title, not the value it sent.
    expect(await widget('.msg.user').first().textContent()).toContain('同意');
    // "• " lines of the assessment arrive as a list, not as raw text.
    expect(await widget('.msg.bot li').count()).toBeGreaterThan(3);

    // The assessment fits a phone: at most three citation cards, every article behind 详细依据
    // (the details card itself is tested in widgetDetailsCard.browser.test.ts).
    const assessment = widget('.msg.bot').filter({ hasText: '点“详细依据”查看' }).last();
    const cards = await assessment.locator('.cite').count();
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThanOrEqual(3);
    expect(await assessment.locator('.more').count()).toBe(0);

    // A side question is answered from the law; its citation cards expand to the quoted article.
    // Earlier replies carry citation cards too: pin the answer to this turn's first reply, so a
    // message arriving mid-check cannot swap the element under the test.
    const before = await widget('.msg.bot').count();
    await input.fill('七天无理由退货是哪条法律规定的？');
    await input.press('Enter');
    const answer = widget('.msg.bot').nth(before);
    await answer.locator('button.cite-head').first().waitFor({ timeout: 30_000 });
    const head = answer.locator('button.cite-head').first();
    expect(await head.getAttribute('aria-expanded')).toBe('false');
    await head.click();
    expect(await head.getAttribute('aria-expanded')).toBe('true');
    expect((await answer.locator('.quote blockquote').first().textContent())?.length).toBeGreaterThan(10);
    // The replies came over the Direct Line WebSocket (CSP connect-src 'self' covers ws: on this origin).
    expect(sockets.some((url) => url.startsWith(`ws://127.0.0.1:${port}/v3/directline/conversations/`))).toBe(true);
    await screenshot(page, 'demo-case-filed');
  });

  it('uploads an image with a progress bar, and the bot acknowledges it', async () => {
    await widget('.file-input').setInputFiles({ name: '屏幕亮点.png', mimeType: 'image/png', buffer: noisyPng(300) });
    const upload = widget('.msg.upload').last();
    await upload.locator('progress').waitFor();
    await upload.filter({ hasText: '已上传 屏幕亮点.png' }).waitFor();
    expect(await upload.locator('progress').evaluate((p) => (p as unknown as { value: number }).value)).toBe(1);
    await botSaid('已收到 1 个证据文件：屏幕亮点.png');
    expect(await widget('.msg.bot').filter({ hasText: '已收到 1 个证据文件' }).last().textContent()).toContain(caseNo);
    // The server's echo of the upload is the same message, not a second one.
    expect(await widget('.msg.user').filter({ hasText: '屏幕亮点.png' }).count()).toBe(1);
    await screenshot(page, 'demo-evidence-uploaded');
  });

  it("says so when a file is over the server's limit or not evidence", async () => {
    await widget('.file-input').setInputFiles({ name: '开箱视频截图.png', mimeType: 'image/png', buffer: noisyPng(700) });
    await widget('.msg.upload.failed').filter({ hasText: '文件太大（上限 1 MB）' }).waitFor();
    await widget('.file-input').setInputFiles({ name: '发票.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片，只是文字') });
    await widget('.msg.upload.failed').filter({ hasText: '只能上传图片' }).waitFor();
  });

  it('keeps the same history across a reload, without duplicates', async () => {
    // Refused uploads are notes on this screen, not part of the conversation: they do not come back.
    await widget('.msg.upload.failed').evaluateAll((els) => els.forEach((el) => el.remove()));
    // Cards start folded after a reload: fold the open ones to compare like with like.
    for (const open of await widget('button.cite-head[aria-expanded="true"]').all()) await open.click();
    for (const more of await widget('.more').all()) await more.click();
    const before = await transcript();
    expect(before.length).toBeGreaterThan(6);
    await page.reload();
    await widget('.msg').first().waitFor({ timeout: 30_000 });
    for (const more of await widget('.more').all()) await more.click();
    // The panel stays open across pages of the shop and reloads, and fetches the history again.
    await expect.poll(transcript, { timeout: 30_000 }).toEqual(before);
    const ids = await widget('.msg.bot').evaluateAll((els) => els.map((el) => el.getAttribute('data-activity-id')));
    expect(new Set(ids).size).toBe(ids.length);
    await screenshot(page, 'demo-after-reload');
  });

  it('picks the same conversation up again after its token expired (the tab closed for hours)', async () => {
    const before = await transcript();
    // Runs in the page; the test's own types have no DOM, hence the narrow view of localStorage.
    type PageStorage = { localStorage: Record<string, string> & { getItem(k: string): string | null; setItem(k: string, v: string): void } };
    const stored = () =>
      page.evaluate(() => {
        const { localStorage } = globalThis as unknown as PageStorage;
        const key = Object.keys(localStorage).find((k) => k.startsWith('weiquan:')) ?? '';
        return { key, session: JSON.parse(localStorage.getItem(key) ?? '{}') as { conversationId: string; token: string; expiresAt: number; resume?: string } };
      });
    const { key, session } = await stored();
    expect(session.resume).toMatch(/^dlr1\./);
    // As if the page had been closed past the token's hour: an expired token, kept with its resume ticket.
    await page.evaluate(
      ([k, s]) =>
        (globalThis as unknown as PageStorage).localStorage.setItem(k, JSON.stringify({ ...s, token: 'dl1.expired.token', expiresAt: Date.now() - 60_000 })),
      [key, session] as const,
    );
    await page.reload();
    await widget('.msg').first().waitFor({ timeout: 30_000 });
    for (const more of await widget('.more').all()) await more.click();
    await expect.poll(transcript, { timeout: 30_000 }).toEqual(before);
    const after = (await stored()).session;
    expect(after.conversationId).toBe(session.conversationId);
    expect(after.expiresAt).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(after.token).toMatch(/^dl1\./);
    expect(after.token).not.toBe('dl1.expired.token');
  });

  it('shows the retry state while the server is down, and recovers when it is back', async () => {
    const before = await transcript();
    await service.kill();
    await widget('.status').filter({ hasText: '暂时连不上服务器' }).waitFor({ timeout: 30_000 });
    expect(await widget('.status .retry').isVisible()).toBe(true);
    await screenshot(page, 'demo-server-down');

    service = await startWeiquan({ databaseUrl: database.url, port, dataDir, env: SERVICE_ENV });
    await widget('.status').waitFor({ state: 'hidden', timeout: 40_000 });
    expect(await transcript()).toEqual(before);
    const input = widget('.input');
    await input.fill('有订单截图和聊天记录');
    await input.press('Enter');
    await expect.poll(async () => (await transcript()).length, { timeout: 30_000 }).toBeGreaterThan(before.length + 1);
    const after = await transcript();
    expect(after.slice(0, before.length)).toEqual(before);
    await screenshot(page, 'demo-recovered');
    expect(problems).toEqual([]);
  });

  it('shows what users and the server send as text, never as markup', async () => {
    const input = widget('.input');
    await input.fill('<img src=x onerror="window.__pwned=1">**不是粗体**');
    await input.press('Enter');
    const mine = widget('.msg.user').last();
    await expect.poll(() => mine.locator('.bubble').textContent()).toBe('<img src=x onerror="window.__pwned=1">**不是粗体**');
    expect(await widget('img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('starts a new conversation on request, with a numeric field for an amount and a date picker for a date', async () => {
    await widget('.text-button').click();
    await expect.poll(() => widget('.msg.user').count()).toBe(0);
    await botSaid('你好，我是维权助手');
    await widget('.input').fill('同意');
    await widget('.input').press('Enter');
    await botSaid('请说说发生了什么');
    const input = widget('.input');
    await input.fill('在淘宝买的电饭煲坏了，商家不给修');
    await input.press('Enter');
    // The welcome's quick starts also say 质量问题: press the choice this reply offers.
    await widget('.actions .chip').filter({ hasText: '质量问题' }).last().click();
    await botSaid('实际付了多少钱');
    const money = widget('.shaped input[type="number"]');
    await money.fill('299');
    await widget('.shaped .chip').click();
    await widget('.msg.user').filter({ hasText: '299元' }).waitFor();
    await botSaid('哪天签收的');
    const date = widget('.shaped input[type="date"]');
    await date.fill('2026-11-03');
    await date.press('Enter');
    await widget('.msg.user').filter({ hasText: '2026年11月3日' }).waitFor();
    await expect.poll(() => widget('.shaped input[type="date"]').count(), { timeout: 30_000 }).toBe(0);
    await screenshot(page, 'demo-shaped-input');
    expect(problems).toEqual([]);
  });

  it('falls back to polling where something closes every WebSocket at once', async () => {
    const tab = await browser.context.newPage();
    const tabProblems = watchPageProblems(tab);
    await tab.routeWebSocket(/\/stream/, (ws) => ws.close());
    await tab.goto(`${service.url}/`);
    const inTab = (selector: string) => tab.locator(`weiquan-widget ${selector}`);
    await inTab('.launcher').click();
    // The same conversation as the other tab (localStorage), its history fetched over HTTP.
    await inTab('.msg.user').filter({ hasText: '2026年11月3日' }).waitFor({ timeout: 30_000 });
    const before = await inTab('.msg.bot').count();
    await inTab('.input').fill('商家拒绝了');
    await inTab('.input').press('Enter');
    await expect.poll(() => inTab('.msg.bot').count(), { timeout: 30_000 }).toBeGreaterThan(before);
    expect(tabProblems).toEqual([]);
    await tab.close();
  });
});
