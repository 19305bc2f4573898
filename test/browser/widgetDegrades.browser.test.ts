import type { AddressInfo } from 'node:net';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAGE_CSP } from '../../src/server/routes/widget.js';
import { buildWidget } from '../../src/server/widget/buildWidget.js';
import { freePort } from '../../src/storage/index.js';
import { repoRoot } from '../helpers/paths.js';
import { launchChromium, screenshot, watchPageProblems, type Browser } from './support/chromium.js';

/**
 * A shop page whose Weiquan server is gone: the widget (served here, then the server closes) shows
 * its retry state, and the page keeps working, under the same strict CSP as the demo page.
 */
const hostPage = (widgetSrc: string, extra = '') => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>店铺</title>
<script src="/host.js" defer></script><script src="${widgetSrc}" data-site="demo"${extra} async></script></head>
<body><h1>店铺首页</h1><button id="buy" type="button">购买</button><output id="count">0</output></body></html>`;
const hostScript = `(() => { let n = 0; document.getElementById('buy').addEventListener('click', () => { n += 1; document.getElementById('count').textContent = String(n); }); })();`;

let browser: Browser;
let server: http.Server;
let port: number;
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-widget-'));
  await buildWidget({ webDir: path.join(repoRoot, 'web'), outDir: tmp });
  const widget = await fs.readFile(path.join(tmp, 'widget.js'));
  // A port where nothing listens (the probe's socket is closed again): the widget must say it cannot connect.
  const closedPort = await freePort();
  const weiquan = `http://127.0.0.1:${closedPort}`;
  // What README.md tells a shop to add when Weiquan is on another origin (here: one where nothing listens).
  const shopCsp = DEMO_PAGE_CSP.replace("script-src 'self'", `script-src 'self' ${weiquan}`).replace(
    "connect-src 'self'",
    `connect-src 'self' ${weiquan} ws://127.0.0.1:${closedPort}`,
  );
  const routes: Record<string, [string, string | Buffer]> = {
    '/host.html': ['text/html; charset=utf-8', hostPage('/widget.js')],
    '/unreachable.html': ['text/html; charset=utf-8', hostPage(`${weiquan}/widget.js`)],
    '/english.html': ['text/html; charset=utf-8', hostPage('/widget.js', ' data-locale="en"')],
    '/blank.html': ['text/html; charset=utf-8', hostPage('/no-widget.js')],
    '/host.js': ['application/javascript', hostScript],
    '/widget.js': ['application/javascript', widget],
  };
  server = http.createServer((req, res) => {
    // What Weiquan answers a page whose origin the site does not allow.
    if (req.method === 'POST' && req.url === '/api/webchat/token') {
      return void res.writeHead(403, { 'Content-Type': 'application/json' }).end('{"error":{"code":"ORIGIN_NOT_ALLOWED","message":"not allowed"}}');
    }
    const route = routes[req.url ?? ''];
    if (!route) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': route[0], 'Content-Security-Policy': req.url === '/unreachable.html' ? shopCsp : DEMO_PAGE_CSP }).end(route[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

const globalsOf = (page: Page) => page.evaluate(() => Object.getOwnPropertyNames(globalThis));

// The page-load case runs first: the other one closes the server for good.
describe('the widget when its server is unreachable', () => {
  it('leaves the page working when widget.js itself cannot be loaded', async () => {
    const page = await browser.context.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`http://127.0.0.1:${port}/unreachable.html`).catch(() => undefined);
    await page.locator('#buy').click();
    expect(await page.locator('#count').textContent()).toBe('1');
    expect(await page.locator('weiquan-widget').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('speaks English when the page asks for it, and says so when the site refuses the page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${port}/english.html`);
    const launcher = page.locator('weiquan-widget .launcher');
    expect(await launcher.getAttribute('aria-label')).toBe('Open the Weiquan chat');
    await launcher.click();
    await page.locator('weiquan-widget .status').filter({ hasText: 'Weiquan is not available on this page for now' }).waitFor();
    expect(await page.locator('weiquan-widget .input').getAttribute('placeholder')).toBe('Tell me what happened…');
  });

  it('shows a retry state, throws nothing into the page, adds one global, and the page keeps working', async () => {
    const blank = await browser.context.newPage();
    await blank.goto(`http://127.0.0.1:${port}/blank.html`);
    const baseline = new Set(await globalsOf(blank));
    await blank.close();

    const page = await browser.context.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`http://127.0.0.1:${port}/host.html`);
    const launcher = page.locator('weiquan-widget .launcher');
    await expect.poll(() => launcher.count()).toBe(1);
    expect((await globalsOf(page)).filter((name) => !baseline.has(name))).toEqual(['WeiquanWidget']);

    // The Weiquan server goes away after the page loaded the widget.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));

    await launcher.click();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const status = page.locator('weiquan-widget .status');
    await status.locator('text=暂时连不上服务器').waitFor();
    await screenshot(page, 'widget-unreachable');
    await page.locator('weiquan-widget .status .retry').click();
    await status.locator('text=暂时连不上服务器').waitFor();

    await page.locator('#buy').click();
    await page.locator('#buy').click();
    expect(await page.locator('#count').textContent()).toBe('2');

    // Keyboard: the text field has focus when the panel opens; Tab goes on to attach, then send.
    // A string expression: the test's TypeScript has no DOM types.
    const focused = () =>
      page.evaluate<string>(
        "(() => { const a = document.querySelector('weiquan-widget').shadowRoot.activeElement; return a ? a.className + '|' + (a.getAttribute('aria-label') || '') : ''; })()",
      );
    await page.locator('weiquan-widget .input').focus();
    expect(await focused()).toBe('input|输入消息');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('icon-button|上传证据（图片、PDF 或短视频）');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('icon-button send|发送');

    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press('Escape');
    expect(await page.locator('weiquan-widget .panel').isHidden()).toBe(true);
    expect(await launcher.evaluate((el) => (el.getRootNode() as unknown as { activeElement: unknown }).activeElement === el)).toBe(true);
    expect(problems).toEqual([]);
  });
});
