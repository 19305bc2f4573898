import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';
import { createTestAgent } from './support/agents.js';
import { launchChromium, screenshot, watchPageProblems, type Browser } from './support/chromium.js';
import { startWeiquan, type Weiquan } from './support/service.js';

/** The console page itself: served safely, signs in and out, Chinese first with English remembered. */
let database: TestDatabase;
let dataDir: string;
let service: Weiquan;
let browser: Browser;
let page: Page;
let problems: string[];
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-console-'));
  service = await startWeiquan({ databaseUrl: database.url, dataDir });
  // The demo site exists once the service has started.
  await createTestAgent(database.db, { login: 'li.na', displayName: '李娜', password: PASSWORD });
  browser = await launchChromium();
  page = await browser.context.newPage();
  problems = watchPageProblems(page);
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (database) await dropTestDatabase(database);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the agent console page', () => {
  it('is served at /console under a strict CSP with security headers, script and styles from files', async () => {
    const response = await fetch(`${service.url}/console`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const script = await fetch(`${service.url}/console/console.js`);
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    const again = await fetch(`${service.url}/console/console.js`, { headers: { 'If-None-Match': script.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await fetch(`${service.url}/console/console.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');

    await page.goto(`${service.url}/console`);
    await page.getByLabel('账号').waitFor();
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(await page.locator('[style]').count()).toBe(0);
    await expect.poll(() => page.getByLabel('账号').evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    await screenshot(page, 'console-sign-in');
  });

  it('switches to English and remembers it across a reload, then back to Chinese', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByLabel('Password').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByLabel('Login').waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByLabel('账号').waitFor();
    await page.reload();
    await page.getByLabel('密码').waitFor();
  });

  it('gives one message for a wrong password and an unknown login', async () => {
    for (const login of ['li.na', 'nobody']) {
      await page.getByLabel('账号').fill(login);
      await page.getByLabel('密码').fill('wrong password 123');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').filter({ hasText: '账号或密码不正确' }).waitFor();
    }
  });

  it('signs in to the three-column console, live, and signs out', async () => {
    await page.getByLabel('账号').fill('LI.NA');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('已登录：李娜').waitFor();
    await page.getByRole('navigation', { name: '排队中的对话' }).waitFor();
    await page.getByRole('main').getByText('从左侧队列选择一个对话').waitFor();
    await page.getByRole('complementary', { name: '案件' }).getByRole('search').waitFor();
    await page.locator('.connection').filter({ hasText: '已连接' }).waitFor();
    await page.getByText('暂时没有等待的对话').waitFor();
    await screenshot(page, 'console-empty-queue');

    // The session is the cookie: a reload goes straight back to the console.
    await page.reload();
    await page.getByText('已登录：李娜').waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('账号').waitFor();
    await page.reload();
    await page.getByLabel('账号').waitFor();
    expect(await page.getByText('已登录：李娜').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
