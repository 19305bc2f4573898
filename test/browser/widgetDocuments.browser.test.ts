import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, squash } from '../helpers/documents.js';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';
import { launchChromium, watchPageProblems, type Browser } from './support/chromium.js';
import { startWeiquan, type Weiquan } from './support/service.js';

/** The shopper's side of issue 17: after consent and a filed case, the widget downloads the case's documents. */
let database: TestDatabase;
let dataDir: string;
let service: Weiquan;
let browser: Browser;
let page: Page;
let problems: string[];
const documentRequests: { url: string; authorization: string | undefined }[] = [];

const widget = (selector: string) => page.locator(`weiquan-widget ${selector}`);
const botSaid = (text: string) => widget('.msg.bot').filter({ hasText: text }).last().waitFor({ timeout: 30_000 });

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-docs-'));
  service = await startWeiquan({ databaseUrl: database.url, dataDir });
  browser = await launchChromium();
  page = await browser.context.newPage();
  problems = watchPageProblems(page);
  page.on('request', (r) => {
    if (r.url().includes('/documents/')) documentRequests.push({ url: r.url(), authorization: r.headers().authorization });
  });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (database) await dropTestDatabase(database);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('documents in the widget', () => {
  it('offers no download before consent and a filed case', async () => {
    await page.goto(`${service.url}/`);
    await widget('.launcher').click();
    await botSaid('你好，我是维权助手');
    expect(await widget('.docs').isVisible()).toBe(false);
  });

  it('downloads the 12315 complaint of the filed case as a PDF, fetched with the conversation token', async () => {
    await widget('.input').fill('同意');
    await widget('.input').press('Enter');
    await botSaid('请说说发生了什么');
    await widget('.input').fill('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退');
    await widget('.input').press('Enter');
    await botSaid('已为你建立案件，编号 WQ-');
    const filed = await widget('.msg.bot').filter({ hasText: '已为你建立案件' }).last().textContent();
    const caseNo = /WQ-\d{8}-[A-Z0-9]{4}/.exec(filed ?? '')?.[0] ?? '';
    expect(caseNo).not.toBe('');

    await widget('.docs summary').click();
    expect(await widget('.docs li').count()).toBe(7);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), widget('.docs button[data-doc="complaint-12315.pdf"]').click()]);
    expect(download.suggestedFilename()).toBe(`${caseNo}-complaint-12315.pdf`);
    const file = await download.path();
    const bytes = new Uint8Array(await fs.readFile(file));
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const text = squash((await pdfText(bytes)).text);
    expect(text).toContain('消费投诉书');
    expect(text).toContain(caseNo);
    expect(text).toContain('¥2,999');
    expect(text).toContain('京东');

    // The file came over the Direct Line path with the token in a header: no secret in the URL.
    expect(documentRequests).toHaveLength(1);
    expect(documentRequests[0]?.url).toMatch(/\/v3\/directline\/conversations\/[^/]+\/documents\/complaint-12315\.pdf$/);
    expect(documentRequests[0]?.authorization).toMatch(/^Bearer \S+/);
    // The same URL without the token gets nothing.
    expect((await fetch(documentRequests[0]?.url ?? '')).status).toBe(401);
    expect(problems).toEqual([]);
  });
});
