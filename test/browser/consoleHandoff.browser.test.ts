import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, squash } from '../helpers/documents.js';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';
import { createTestAgent } from './support/agents.js';
import { launchChromium, screenshot, watchPageProblems, type Browser } from './support/chromium.js';
import { startWeiquan, type Weiquan } from './support/service.js';

/**
 * Issue 6 end to end: a consumer in the widget on the demo shop asks for a person; agent 张伟 sees
 * it arrive in the console queue, claims it, reads the case, replies with a citation from the law
 * search; the consumer gets the reply and the bot says nothing meanwhile; 张伟 hands back at the
 * evidence step and the bot carries on from there. A second agent, 王强, on another origin (so the
 * browser keeps a separate session cookie), loses the claim race and sees why.
 */
let database: TestDatabase;
let dataDir: string;
let service: Weiquan;
let browser: Browser;
let shop: Page;
let agent: Page;
let rival: Page;
let problems: string[];
let conversationId: string;
let caseNo: string;
const PASSWORD = 'a long enough password';
/**
 * 王强's stream passes through the test, which cuts it while his view must stay stale (the moment
 * before a push reaches him) and refuses reconnections until it lets them through again.
 */
let rivalStream: WebSocketRoute | undefined;
let cutRivalStream = false;

const widget = (selector: string) => shop.locator(`weiquan-widget ${selector}`);
const botSaid = (text: string) => widget('.msg').filter({ hasText: text }).last().waitFor({ timeout: 30_000 });
const say = async (text: string) => {
  await widget('.input').fill(text);
  await widget('.input').press('Enter');
};
const widgetMessages = () =>
  widget('.msg').evaluateAll((els) => els.map((el) => ({ user: el.classList.contains('user'), text: (el.textContent ?? '').trim() })));

async function signIn(page: Page, base: string, login: string, name: string): Promise<void> {
  await page.goto(`${base}/console`);
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText(`已登录：${name}`).waitFor();
  await page.locator('.connection').filter({ hasText: '已连接' }).waitFor();
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-handoff-'));
  service = await startWeiquan({ databaseUrl: database.url, dataDir });
  await createTestAgent(database.db, { login: 'zhang.wei', displayName: '张伟', password: PASSWORD });
  await createTestAgent(database.db, { login: 'wang.qiang', displayName: '王强', password: PASSWORD });
  browser = await launchChromium();
  shop = await browser.context.newPage();
  agent = await browser.context.newPage();
  rival = await browser.context.newPage();
  problems = [...watchPageProblems(shop), ...watchPageProblems(agent), ...watchPageProblems(rival)];
  await rival.routeWebSocket(/\/console\/stream$/, async (ws) => {
    if (cutRivalStream) return ws.close();
    rivalStream = ws;
    ws.connectToServer();
  });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (database) await dropTestDatabase(database);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('handing a widget conversation to an agent in the console and back', () => {
  it('shows a consumer who asks for a person in the signed-in agents’ queues, live', async () => {
    await signIn(agent, service.url, 'zhang.wei', '张伟');
    await signIn(rival, service.url.replace('127.0.0.1', 'localhost'), 'wang.qiang', '王强');
    await agent.getByText('暂时没有等待的对话').waitFor();

    await shop.goto(`${service.url}/`);
    await widget('.launcher').click();
    await botSaid('你好，我是维权助手');
    await widget('.input').fill('同意');
    await widget('.input').press('Enter');
    await botSaid('请说说发生了什么');
    await say('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退');
    await botSaid('已为你建立案件，编号 WQ-');
    await say('有订单截图和聊天记录');
    await botSaid('第一步：和商家协商');
    await say('转人工');
    await botSaid('正在为你转接人工客服');

    // No reload: the stream tells the console the queue changed.
    const item = agent.locator('.queue-item').filter({ hasText: '七天无理由退货被拒' });
    await item.waitFor();
    expect(await item.textContent()).toContain('2,999元');
    expect(await item.textContent()).toContain('用户要求人工');
    expect(await item.textContent()).toMatch(/已等待 \d+秒/);
    caseNo = /WQ-\d{8}-[A-Z0-9]{4}/.exec((await item.textContent()) ?? '')?.[0] ?? '';
    expect(caseNo).not.toBe('');
    conversationId = (await item.getAttribute('data-conversation')) ?? '';
    await rival.locator(`.queue-item[data-conversation="${conversationId}"]`).waitFor();
    await screenshot(agent, 'console-queue-waiting');
  });

  it('tells the agent who lost a claim race that someone else took it', async () => {
    await rival.locator(`.queue-item[data-conversation="${conversationId}"]`).click();
    await rival.getByRole('button', { name: '认领' }).and(rival.locator(':enabled')).waitFor();
    // 王强 loses his connection: his view stays as it is, the push that 张伟 claimed it cannot reach him.
    cutRivalStream = true;
    await rivalStream?.close();
    await rival.locator('.connection').filter({ hasText: '连接已断开，正在重新连接…' }).waitFor();

    await agent.locator(`.queue-item[data-conversation="${conversationId}"]`).click();
    await agent.getByRole('button', { name: '认领' }).click();
    await agent.getByText('你现在负责这个对话').waitFor({ state: 'attached' });
    await expect.poll(() => agent.getByRole('textbox', { name: '回复消费者' }).isEnabled()).toBe(true);

    await rival.getByRole('button', { name: '认领' }).click();
    await rival.getByRole('alert').filter({ hasText: '另一位客服已先认领了这个对话' }).waitFor();
    await rival.getByText('由 张伟 处理中').waitFor();
    expect(await rival.getByRole('textbox', { name: '回复消费者' }).isDisabled()).toBe(true);
    await screenshot(rival, 'console-claim-conflict');
    // The stream comes back by itself (with backoff) once the connection is possible again.
    cutRivalStream = false;
    await rival.locator('.connection').filter({ hasText: '已连接' }).waitFor({ timeout: 60_000 });
  });

  it('shows the agent the transcript and the case', async () => {
    const transcript = agent.getByRole('log', { name: '对话记录' });
    await transcript.locator('.entry.from-user').filter({ hasText: '屏幕有亮点' }).waitFor();
    await transcript.locator('.entry.from-bot').filter({ hasText: '正在为你转接人工客服' }).waitFor();
    const casePanel = agent.getByRole('complementary', { name: '案件' });
    await casePanel.getByText(caseNo).first().waitFor();
    const facts = (await casePanel.locator('dl').allTextContents()).join(' ');
    expect(facts).toContain('屏幕有亮点');
    expect(facts).toContain('2,999元');
    expect(facts).toContain('京东');
    expect(await casePanel.locator('.cards li').count()).toBeGreaterThan(1);
    expect(await casePanel.locator('.cards .chip').filter({ hasText: '《' }).count()).toBeGreaterThan(0);
    await screenshot(agent, 'console-case');

    // The case's dossier downloads with the agent's session (issue 17).
    const [dossier] = await Promise.all([agent.waitForEvent('download', { timeout: 30_000 }), casePanel.locator('a[data-doc="dossier.pdf"]').click()]);
    expect(dossier.suggestedFilename()).toBe(`${caseNo}-dossier.pdf`);
    const dossierText = squash((await pdfText(new Uint8Array(await fs.readFile(await dossier.path())))).text);
    expect(dossierText).toContain(caseNo);
    expect(dossierText).toContain('¥2,999');
    expect(await casePanel.locator('.documents li').count()).toBe(7);

    // The status select PATCHes the case with the agent's session.
    await casePanel.getByLabel('案件状态').selectOption('negotiating');
    await agent.getByText('状态已更新').waitFor({ state: 'attached' });
    const stored = await agent.evaluate(async (no) => ((await (await fetch(`/api/cases/${no}`)).json()) as { status: string }).status, caseNo);
    expect(stored).toBe('negotiating');
  });

  it('gets the consumer’s words live, replies with a citation, and the bot stays silent', async () => {
    await say('请问多久能退款？');
    const transcript = agent.getByRole('log', { name: '对话记录' });
    await transcript.locator('.entry.from-user').filter({ hasText: '请问多久能退款？' }).waitFor();

    const search = agent.getByRole('search');
    await search.getByRole('searchbox').fill('七天无理由退货 拆封');
    await search.getByRole('button', { name: '检索' }).click();
    const insert = agent.getByRole('button', { name: /^把 《.+》第.+条 插入回复$/ }).first();
    await insert.waitFor();
    const reply = agent.getByRole('textbox', { name: '回复消费者' });
    await reply.fill('您好，依据');
    await insert.click();
    const text = await reply.inputValue();
    expect(text).toMatch(/^您好，依据\n《.+》第.+条：/);
    const cited = /《(.+?)》(第.+?条)/.exec(text)!;
    expect(await agent.getByRole('list', { name: '随消息发送的引用' }).textContent()).toContain(`《${cited[1]}》${cited[2]}`);
    await reply.press('Enter');
    const sent = transcript.locator('.entry.from-agent').filter({ hasText: '您好，依据' });
    await sent.waitFor();
    expect(await sent.locator('.chip').first().textContent()).toBe(`《${cited[1]}》${cited[2]}`);
    expect(await reply.inputValue()).toBe('');

    await widget('.msg').filter({ hasText: '您好，依据' }).waitFor({ timeout: 30_000 });
    const messages = await widgetMessages();
    const asked = messages.findLastIndex((m) => m.user && m.text.includes('请问多久能退款'));
    // After the consumer's question: the agent's reply and nothing from the bot.
    expect(messages.slice(asked + 1).map((m) => m.text.includes('您好，依据'))).toEqual([true]);
    const entries = await transcript.locator('.entry').evaluateAll((els) => els.map((el) => el.className));
    expect(entries.slice(-2)).toEqual(['entry from-user', 'entry from-agent']);
    await screenshot(agent, 'console-replied');
    await screenshot(shop, 'widget-agent-reply');
  });

  it('keeps an internal note off the consumer’s screen and renders what people typed as text', async () => {
    const casePanel = agent.getByRole('complementary', { name: '案件' });
    await casePanel.getByRole('textbox', { name: '内部备注，消费者看不到' }).fill('<img src=x onerror="window.__pwned=1">已核实订单');
    await casePanel.getByRole('button', { name: '添加备注' }).click();
    await casePanel.locator('.notes li').filter({ hasText: '<img src=x onerror="window.__pwned=1">已核实订单' }).waitFor();
    expect(await agent.locator('.notes img').count()).toBe(0);
    expect(await agent.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect((await widgetMessages()).some((m) => m.text.includes('已核实订单'))).toBe(false);
  });

  it('hands back at the evidence step, and the bot carries on from there', async () => {
    const casePanel = agent.getByRole('complementary', { name: '案件' });
    await casePanel.getByLabel('交还后从哪一步继续').selectOption('evidence');
    await casePanel.getByRole('button', { name: '交还机器人' }).click();
    await botSaid('人工客服已把对话交还给我');
    await expect.poll(() => agent.getByRole('textbox', { name: '回复消费者' }).isDisabled()).toBe(true);
    const state = await agent.evaluate(async (id) => {
      const response = await fetch(`/console/api/conversations/${id}`);
      const body = (await response.json()) as { conversation: { owner: string; stage: string } };
      return { owner: body.conversation.owner, stage: body.conversation.stage };
    }, conversationId);
    expect(state).toEqual({ owner: 'bot', stage: 'evidence' });

    // At the evidence step again: naming the evidence moves on to negotiating with the seller, as the first time.
    const before = (await widgetMessages()).length;
    await say('有订单截图和聊天记录');
    await expect
      .poll(async () => (await widgetMessages()).slice(before).some((m) => !m.user && m.text.includes('第一步：和商家协商')), { timeout: 30_000 })
      .toBe(true);
    await agent.getByRole('log', { name: '对话记录' }).locator('.entry.from-bot').filter({ hasText: '第一步：和商家协商' }).last().waitFor();
    await screenshot(shop, 'widget-bot-resumed');
  });

  it('closes a second handoff, and the consumer is told and is back with the bot', async () => {
    await say('转人工');
    await botSaid('正在为你转接人工客服');
    const item = agent.locator(`.queue-item[data-conversation="${conversationId}"]`);
    await item.filter({ hasText: '已等待' }).waitFor();
    await item.click();
    await agent.getByRole('button', { name: '认领' }).click();
    await expect.poll(() => agent.getByRole('button', { name: '结束' }).isEnabled()).toBe(true);
    await agent.getByRole('button', { name: '结束' }).click();
    await botSaid('本次人工服务已结束');
    await agent.getByText('对话已结束').waitFor({ state: 'attached' });
    await expect.poll(() => agent.getByRole('textbox', { name: '回复消费者' }).isDisabled()).toBe(true);
    await agent.getByText('还没有认领对话').waitFor();
    expect(problems).toEqual([]);
  });
});
