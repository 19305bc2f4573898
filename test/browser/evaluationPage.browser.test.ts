import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/storage/index.js';
import { insertEvaluationFixture } from '../db/operator/evaluationFixture.js';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';
import { createTestAgent } from './support/agents.js';
import { launchChromium, screenshot, watchPageProblems, type Browser } from './support/chromium.js';
import { startWeiquan, type Weiquan } from './support/service.js';

/** The evaluation page: an agent of one site opens it from the console and sees that site's figures drawn. */
let database: TestDatabase;
let dataDir: string;
let service: Weiquan;
let browser: Browser;
let page: Page;
let problems: string[];
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-evaluation-'));
  service = await startWeiquan({ databaseUrl: database.url, port: await freePort(), dataDir });
  await insertEvaluationFixture(database.db);
  await createTestAgent(database.db, { login: 'wang.fang', displayName: '王芳', siteId: 's_alpha', password: PASSWORD });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1800 });
  problems = watchPageProblems(page);
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (database) await dropTestDatabase(database);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

/** The part of a canvas element this test reads (the Node project's types have no DOM). */
type Canvas = {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
};

/** Pixels of a chart's canvas that are drawn (not transparent). */
const drawnPixels = (page: Page, chart: string) =>
  page.locator(`[data-chart="${chart}"] canvas`).evaluate((element) => {
    const canvas = element as unknown as Canvas;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) drawn++;
    return drawn;
  });

describe('the evaluation page', () => {
  it('opens from the console and draws the site’s figures for the chosen period', async () => {
    await page.goto(`${service.url}/console`);
    await page.getByLabel('账号').fill('wang.fang');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('已登录：王芳').waitFor();
    await page.getByRole('link', { name: '评估' }).click();
    await page.getByRole('heading', { name: '预案执行评估' }).waitFor();
    await page.getByLabel('起').fill('2026-11-01');
    await page.getByLabel('止').fill('2026-11-30');
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByText('2026-11-01 至 2026-11-30：3 件案件').waitFor();

    for (const chart of ['casesByDay', 'byCategory', 'byPlatform', 'byMerchant', 'byProduct', 'stepReached', 'letters']) {
      const canvas = page.locator(`[data-chart="${chart}"] canvas`);
      await canvas.waitFor();
      expect(await drawnPixels(page, chart), chart).toBeGreaterThan(500);
    }
    const merchants = page.locator('[data-chart="byMerchant"] table');
    expect(await merchants.innerText()).toMatch(/甲店\s+2[\s\S]*乙店\s+1/);
    expect(await page.locator('[data-chart="handoff"] td').allInnerTexts()).toEqual(['5', '4', '2', '6分钟', '9分钟', '1', '1']);
    expect(await page.locator('[data-chart="questionGroups"]').innerText()).toContain('能不能退运费 [已隐去:电话 phone]');
    // Another site's rows (拼多多) are not this agent's.
    expect(await page.locator('[data-chart="byPlatform"]').innerText()).not.toContain('拼多多');
    const csv = await page.locator('[data-chart="byMerchant"] a.csv').getAttribute('href');
    expect(csv).toBe('/api/evaluation.csv?from=2026-11-01&to=2026-11-30&site=s_alpha&chart=byMerchant');
    const response = await page.request.get(`${service.url}${csv ?? ''}`);
    expect(await response.text()).toContain('甲店,2');
    await screenshot(page, 'console-evaluation');

    await page.getByRole('link', { name: '返回工作台' }).click();
    await page.getByText('暂时没有等待的对话').waitFor();
    expect(problems).toEqual([]);
  });
});
