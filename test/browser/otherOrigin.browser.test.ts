import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';
import { launchChromium, screenshot, watchPageProblems, type Browser } from './support/chromium.js';
import { startWeiquan, type Weiquan } from './support/service.js';

/**
 * A shop on another origin than Weiquan (a site created with the admin CLI allows it). On its pages:
 * our widget, under the CSP README.md tells shops to send; and, for conformance with a client nobody
 * here wrote, Microsoft's botframework-webchat bundle talking to our Direct Line endpoint. The page must come from a real loopback server: Chromium's local network
 * access checks block a page of unknown address (one fulfilled by the test) from reaching 127.0.0.1.
 */
const webchatJs = path.join(repoRoot, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js');

const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Web Chat</title>
<script src="/webchat.js"></script><script src="/start.js" defer></script></head>
<body><div id="webchat" style="height: 640px; width: 480px"></div></body></html>`;

// Gets a widget token the way a page does, then hands Web Chat only that token and our domain.
const startScript = (weiquan: string, siteId: string) => `(async () => {
  const res = await fetch('${weiquan}/api/webchat/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ siteId: '${siteId}', locale: 'zh-CN' }) });
  const { token } = await res.json();
  const directLine = window.WebChat.createDirectLine({ token, domain: '${weiquan}/v3/directline' });
  window.WebChat.renderWebChat({ directLine, locale: 'zh-CN' }, document.getElementById('webchat'));
})();`;

const run = promisify(execFile);

/** The shop's own strict policy plus exactly the directives README.md lists for Weiquan at `weiquan`. */
const shopCsp = (weiquan: string) =>
  [
    "default-src 'none'",
    `script-src 'self' ${weiquan}`,
    "style-src 'self'",
    `connect-src 'self' ${weiquan} ${weiquan.replace(/^http/, 'ws')}`,
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');

const widgetPage = (weiquan: string, siteId: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>对接测试商城</title>
<script src="${weiquan}/widget.js" data-site="${siteId}" async></script></head><body><h1>对接测试商城</h1></body></html>`;

let database: TestDatabase;
let dataDir: string;
let service: Weiquan;
let browser: Browser;
let shop: http.Server;
let shopUrl: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-webchat-'));
  service = await startWeiquan({ databaseUrl: database.url, dataDir });
  // The shop listens first (port 0: the system picks one, no probe that can race), then its origin is known.
  let files: Record<string, [string, string | Buffer]> = {};
  shop = http.createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file[0], ...(req.url === '/widget.html' ? { 'Content-Security-Policy': shopCsp(service.url) } : {}) }).end(file[1]);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  const site = await createSite(database.url, shopUrl);
  files = {
    '/page.html': ['text/html; charset=utf-8', page],
    '/start.js': ['application/javascript', startScript(service.url, site)],
    '/webchat.js': ['application/javascript', await fs.readFile(webchatJs)],
    '/widget.html': ['text/html; charset=utf-8', widgetPage(service.url, site)],
  };
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  shop?.closeAllConnections();
  shop?.close();
  await service?.stop();
  if (database) await dropTestDatabase(database);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

/** `npm run -s admin -- sites create … --json`, as an operator would run it; returns the new site's id. */
async function createSite(databaseUrl: string, origin: string): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'src/adminMain.ts', 'sites', 'create', '--name', '对接测试商城', '--origin', origin, '--json'],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    },
  );
  const created = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { id?: string };
  if (!created.id) throw new Error(`admin sites create printed no id:\n${stdout}`);
  return created.id;
}

describe('the official botframework-webchat UI against our Direct Line', () => {
  it('renders the welcome and holds a turn over the WebSocket stream', async () => {
    const tab = await browser.context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    const frames: string[] = [];
    tab.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));

    await tab.goto(`${shopUrl}/page.html`);
    await tab.getByText('你好，我是维权助手', { exact: false }).first().waitFor({ timeout: 60_000 });
    // Suggested actions render as Web Chat's own buttons; pressing one posts an imBack.
    await tab.getByRole('button', { name: '质量问题 / 货不对板' }).first().click();
    await tab.getByText('买的是什么商品', { exact: false }).first().waitFor({ timeout: 30_000 });
    // Both replies arrived as {activities, watermark} frames on the stream.
    expect(frames.some((f) => f.includes('买的是什么商品'))).toBe(true);
    await screenshot(tab, 'official-webchat');
    expect(errors).toEqual([]);
  });
});

describe('our widget on a shop page of another origin', () => {
  it('converses under the CSP the README documents, over the WebSocket stream', async () => {
    const tab = await browser.context.newPage();
    const problems = watchPageProblems(tab);
    const frames: string[] = [];
    tab.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await tab.goto(`${shopUrl}/widget.html`);
    const widget = (selector: string) => tab.locator(`weiquan-widget ${selector}`);
    await widget('.launcher').click();
    await widget('.msg.bot').filter({ hasText: '你好，我是维权助手' }).waitFor({ timeout: 30_000 });
    await widget('.input').fill('同意');
    await widget('.input').press('Enter');
    await widget('.msg.bot').filter({ hasText: '请说说发生了什么' }).waitFor({ timeout: 30_000 });
    expect(frames.some((f) => f.includes('请说说发生了什么'))).toBe(true);
    await screenshot(tab, 'widget-other-origin');
    expect(problems).toEqual([]);
  });
});
