import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/storage/index.js';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';
import { launchChromium, watchPageProblems, type Browser } from './support/chromium.js';
import { startWeiquan, type Weiquan } from './support/service.js';

/**
 * The short assessment keeps its 详细依据 button inside the message, and pressing it shows the whole assessment
 * as one card of collapsible conclusions (closed until opened) instead of a long message; on a phone-sized page.
 */
let database: TestDatabase;
let dataDir: string;
let service: Weiquan;
let browser: Browser;
let page: Page;
let problems: string[];

const widget = (selector: string) => page.locator(`weiquan-widget ${selector}`);
const botSaid = (text: string) => widget('.msg.bot').filter({ hasText: text }).last().waitFor({ timeout: 30_000 });

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-details-'));
  service = await startWeiquan({ databaseUrl: database.url, port: await freePort(), dataDir });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  problems = watchPageProblems(page);
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (database) await dropTestDatabase(database);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the details card in the widget', () => {
  it('opens 详细依据 from the assessment as a card of collapsible conclusions', async () => {
    await page.goto(`${service.url}/`);
    await widget('.launcher').click();
    await botSaid('你好，我是维权助手');
    await widget('.input').fill('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退');
    await widget('.input').press('Enter');
    await botSaid('点“详细依据”查看');

    // The assessment: at most three conclusions, at most three cards, and its own 详细依据 button, which stays
    // although the same turn went on to the evidence question (whose buttons are the suggested replies).
    const assessment = widget('.msg.bot').filter({ hasText: '点“详细依据”查看' }).last();
    expect(await assessment.locator('li').count()).toBeLessThanOrEqual(3);
    expect(await assessment.locator('.cite').count()).toBeLessThanOrEqual(3);
    const open = assessment.locator('button.details-open');
    expect(await open.textContent()).toBe('详细依据');
    await botSaid('先把证据保存好');
    expect(await widget('.actions .chip').filter({ hasText: '详细依据' }).count()).toBe(0);

    await open.click();
    const card = widget('.msg.bot .details-card').last();
    await card.waitFor({ timeout: 30_000 });
    // The pressed button shows as the user's words, not its value.
    expect(await widget('.msg.user').last().textContent()).toContain('详细依据');

    // One disclosure per conclusion, all closed: more conclusions than the reply showed, in a card that fits.
    const items = card.locator('details.detail');
    const n = await items.count();
    expect(n).toBeGreaterThan(3);
    expect(await card.locator('h3').textContent()).toBe(`详细依据：${n} 条结论`);
    expect(await card.locator('details.detail[open]').count()).toBe(0);
    expect(await card.locator('.detail-text:visible').count()).toBe(0);
    expect(await card.locator('summary').first().textContent()).toBe('七日无理由退货期限');
    const box = await card.boundingBox();
    expect(box?.height ?? Infinity).toBeLessThan(844);
    // No long message: the text of the reply is not shown as a bubble of bullets.
    expect(await widget('.msg.bot').last().locator('.bubble li').count()).toBe(0);

    // Opening one conclusion shows its text and the articles it rests on; closing hides it again.
    await card.locator('summary').first().click();
    const first = items.first();
    expect(await first.getAttribute('open')).not.toBeNull();
    expect(await first.locator('.detail-text').textContent()).toContain('2026年11月10日');
    expect(await first.locator('.detail-cites').textContent()).toContain('《消费者权益保护法》第二十五条');
    await card.locator('summary').first().click();
    expect(await first.getAttribute('open')).toBeNull();

    // Open all / close all, and the keyboard reaches each conclusion.
    await card.locator('button.details-all').click();
    expect(await card.locator('details.detail[open]').count()).toBe(n);
    expect(await card.locator('button.details-all').textContent()).toBe('全部收起');
    await card.locator('button.details-all').click();
    expect(await card.locator('details.detail[open]').count()).toBe(0);
    await card.locator('summary').nth(1).focus();
    await page.keyboard.press('Enter');
    expect(await items.nth(1).getAttribute('open')).not.toBeNull();

    // Every article is still there, as citation cards under the card (the rest behind one button).
    expect(await widget('.msg.bot').last().locator('.cite').count()).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });
});
