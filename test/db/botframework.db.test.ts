import http from 'node:http';
import os from 'node:os';
import { TestAdapter, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBotFrameworkEndpoint, WeiquanBot, type BotFrameworkCredentials } from '../../src/channels/botframework/index.js';
import { TurnFailed } from '../../src/channels/botframework/weiquanBot.js';
import { makeLogger } from '../../src/logger.js';
import { makeApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { botFrameworkRouter } from '../../src/server/routes/botframework.js';
import { makeSites } from '../../src/sites/index.js';
import { makeTestEngine, type TestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

/**
 * The Bot Framework channel over the real engine and PostgreSQL: botbuilder's TestAdapter driving
 * the bot, and real HTTP requests to /api/messages on a running Express app.
 */
const t = useTestDatabase();
const logger = makeLogger({ level: 'silent', pretty: false });
let engine: TestEngine;
let siteId: string;

// A whole dispute, from the greeting to the seller agreeing: the case is filed at the story.
const STORY = '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退';
const FOLLOW_UPS = ['有订单截图、聊天记录和照片', '拒绝了', '一直不回', '商家同意了'];

beforeAll(async () => {
  engine = await makeTestEngine(t.db);
  siteId = (await makeSites({ db: t.db }).create({ name: '测试商城', allowedOrigins: [], locale: 'zh' })).site.id;
});

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close(100)));
});

async function conversationRow(id: string) {
  const rows = await t.db.query<{ site_id: string | null; channel: string; version: number }>(
    'select site_id, channel, version from conversations where id = $1',
    [id],
  );
  return rows.rows[0];
}
async function caseOf(conversationId: string) {
  const rows = await t.db.query<{ case_no: string; status: string; category: string }>(
    'select case_no, status, category from cases where conversation_id = $1',
    [conversationId],
  );
  return rows.rows;
}
const countTurns = async (conversationId: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from processed_turns where conversation_id = $1', [conversationId])).rows[0]?.n;

const messagesOf = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'message');
const lastWeiquan = (activities: Partial<Activity>[]) =>
  (messagesOf(activities).at(-1)?.channelData as { weiquan: Record<string, unknown> } | undefined)?.weiquan;

describe('WeiquanBot under TestAdapter, on the real engine', () => {
  it('holds a whole conversation to a filed case, stamped with the configured site', async () => {
    const bot = new WeiquanBot({ runTurn: engine.runTurn, siteId, logger });
    const adapter = new TestAdapter((ctx) => bot.run(ctx), {
      conversation: { id: 'full', isGroup: false, name: 'full', conversationType: 'personal' } as Activity['conversation'],
    });
    const turn = async (activity: Partial<Activity>) => {
      adapter.activeQueue.splice(0);
      await adapter.receiveActivity(activity);
      return [...adapter.activeQueue];
    };

    const welcome = await turn({
      type: 'conversationUpdate',
      id: 'join',
      membersAdded: [
        { id: 'bot', name: 'Bot' },
        { id: 'user', name: 'User' },
      ],
    });
    expect(welcome[0]?.type).toBe('typing');
    expect(messagesOf(welcome)[0]?.text).toContain('维权');
    // The welcome offers quick starts as buttons; consent given up front is a postBack with its value.
    const starters = messagesOf(welcome).find((a) => a.suggestedActions);
    expect(starters?.suggestedActions?.actions.every((a) => a.type === 'imBack')).toBe(true);

    await turn({ type: 'message', id: 'm1', text: '同意', value: 'yes' });
    const afterStory = await turn({ type: 'message', id: 'm2', text: STORY });
    const filed = lastWeiquan(afterStory);
    expect(filed).toMatchObject({ caseNo: expect.stringMatching(/^WQ-\d{8}-[0-9A-Z]{4}$/) });
    expect(messagesOf(afterStory).some((a) => a.attachments?.some((x) => x.contentType === 'application/vnd.microsoft.card.hero'))).toBe(true);
    let last = afterStory;
    for (const [i, text] of FOLLOW_UPS.entries()) last = await turn({ type: 'message', id: `f${i}`, text });

    expect(lastWeiquan(last)).toMatchObject({ caseNo: filed!.caseNo });
    expect(await conversationRow('bf:test:full')).toMatchObject({ site_id: siteId, channel: 'test' });
    expect(await caseOf('bf:test:full')).toEqual([{ case_no: filed!.caseNo, status: 'resolved', category: expect.any(String) }]);
  });

  it('answers a retried activity id with the same replies, running the turn once', async () => {
    const bot = new WeiquanBot({ runTurn: engine.runTurn, siteId, logger });
    const adapter = new TestAdapter((ctx) => bot.run(ctx), {
      conversation: { id: 'retry', isGroup: false, name: 'retry', conversationType: 'personal' } as Activity['conversation'],
    });
    const texts = async (activity: Partial<Activity>) => {
      adapter.activeQueue.splice(0);
      await adapter.receiveActivity(activity);
      return messagesOf(adapter.activeQueue).map((a) => a.text);
    };
    await texts({ type: 'message', id: 'r0', text: '你好' });
    await texts({ type: 'message', id: 'r1', value: 'yes' });
    const first = await texts({ type: 'message', id: 'r2', text: STORY });
    const turnsBefore = await countTurns('bf:test:retry');
    const again = await texts({ type: 'message', id: 'r2', text: STORY });
    expect(again).toEqual(first);
    expect(await countTurns('bf:test:retry')).toBe(turnsBefore);
    expect(await caseOf('bf:test:retry')).toHaveLength(1);
  });

  it('moves on from the consent question on a postBack value alone', async () => {
    const bot = new WeiquanBot({ runTurn: engine.runTurn, siteId, logger });
    const adapter = new TestAdapter((ctx) => bot.run(ctx), {
      conversation: { id: 'postback', isGroup: false, name: 'postback', conversationType: 'personal' } as Activity['conversation'],
    });
    await adapter.receiveActivity({ type: 'message', id: 'p0', text: '你好' });
    expect(lastWeiquan(adapter.activeQueue)?.awaiting).toMatchObject({ slot: 'description' });
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity({ type: 'message', id: 'p1', value: 'yes' });
    expect(lastWeiquan(adapter.activeQueue)?.awaiting).not.toMatchObject({ slot: 'consent' });
    const consent = await t.db.query<{ consent: string }>('select consent from conversations where id = $1', ['bf:test:postback']);
    expect(consent.rows[0]?.consent).toBe('given');
  });

  it('fails the turn (the channel retries) and stores nothing when the engine cannot write it', async () => {
    // A site that does not exist: the engine's single write fails on the foreign key, so nothing is kept.
    const bot = new WeiquanBot({ runTurn: engine.runTurn, siteId: 'site_missing', logger });
    const adapter = new TestAdapter((ctx) => bot.run(ctx), {
      conversation: { id: 'broken', isGroup: false, name: 'broken', conversationType: 'personal' } as Activity['conversation'],
    });
    await expect(adapter.receiveActivity({ type: 'message', id: 'b1', text: STORY, locale: 'zh-CN' })).rejects.toBeInstanceOf(TurnFailed);
    // No apology answered as if all was well: the failure is the answer (503 on /api/messages).
    expect(messagesOf(adapter.activeQueue)).toEqual([]);
    expect(await conversationRow('bf:test:broken')).toBeUndefined();
    expect(await countTurns('bf:test:broken')).toBe(0);
  });
});

async function serveBot(credentials: BotFrameworkCredentials | undefined, host = '127.0.0.1'): Promise<RunningServer> {
  const endpoint = makeBotFrameworkEndpoint({ runTurn: engine.runTurn, siteId, credentials, logger });
  const app = makeApp({
    logger,
    bodyLimit: '100kb',
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => t.db.stats(),
    isShuttingDown: () => false,
    routers: [botFrameworkRouter({ endpoint, status: () => 'ready' })],
  });
  const server = await listen(app, 0, host);
  servers.push(server);
  return server;
}

const emulatorActivity = (conversationId: string, fields: Record<string, unknown>) => ({
  channelId: 'emulator',
  serviceUrl: 'http://localhost:56789',
  conversation: { id: conversationId },
  from: { id: 'user-1', name: 'User' },
  recipient: { id: 'bot-1', name: 'Bot' },
  deliveryMode: 'expectReplies',
  locale: 'zh-CN',
  ...fields,
});

async function postActivity(base: string, activity: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
}

describe('POST /api/messages over HTTP, on the real engine', () => {
  it('holds a whole conversation to a filed case with expectReplies, from a loopback caller without credentials', async () => {
    const server = await serveBot(undefined);
    const base = `http://127.0.0.1:${server.port}`;
    const say = async (id: string, fields: Record<string, unknown>) => {
      const res = await postActivity(base, emulatorActivity('http-full', { id, ...fields }));
      expect(res.status).toBe(200);
      return (await readJson(res)).activities as Partial<Activity>[];
    };

    const welcome = await say('w', { type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }, { id: 'user-1' }] });
    expect(welcome.map((a) => a.type)[0]).toBe('typing');
    expect(messagesOf(welcome)[0]).toMatchObject({ from: { id: 'bot-1' }, recipient: { id: 'user-1' }, conversation: { id: 'http-full' }, replyToId: 'w' });
    await say('m1', { type: 'message', text: '同意' });
    const story = await say('m2', { type: 'message', text: STORY });
    const caseNo = lastWeiquan(story)?.caseNo;
    expect(caseNo).toMatch(/^WQ-/);
    let last = story;
    for (const [i, text] of FOLLOW_UPS.entries()) last = await say(`f${i}`, { type: 'message', text });
    expect(lastWeiquan(last)).toMatchObject({ caseNo, stage: expect.any(String) });
    expect(await caseOf('bf:emulator:http-full')).toEqual([{ case_no: caseNo, status: 'resolved', category: expect.any(String) }]);
    expect(await conversationRow('bf:emulator:http-full')).toMatchObject({ site_id: siteId, channel: 'emulator' });

    // A retry of a lost response gets the same replies back and changes nothing.
    const turns = await countTurns('bf:emulator:http-full');
    const retried = await say('m2', { type: 'message', text: STORY });
    expect(messagesOf(retried).map((a) => a.text)).toEqual(messagesOf(story).map((a) => a.text));
    expect(await countTurns('bf:emulator:http-full')).toBe(turns);
  });

  it('posts the replies to the channel serviceUrl in normal delivery mode (as the Emulator receives them)', async () => {
    const connector = await fakeConnector();
    const server = await serveBot(undefined);
    const res = await postActivity(`http://127.0.0.1:${server.port}`, {
      ...emulatorActivity('http-out', { id: 'o1', type: 'message', text: '你好' }),
      serviceUrl: connector.url,
      deliveryMode: undefined,
    });
    expect(res.status).toBe(200);
    expect(connector.received.map((r) => [r.path, r.activity.type])).toEqual([
      ['/v3/conversations/http-out/activities/o1', 'typing'],
      ...connector.received.slice(1).map(() => ['/v3/conversations/http-out/activities/o1', 'message']),
    ]);
    expect(connector.received.length).toBeGreaterThan(1);
    expect(connector.received[1]?.activity).toMatchObject({
      from: { id: 'bot-1' },
      recipient: { id: 'user-1' },
      channelData: { weiquan: { stage: expect.any(String) } },
    });
  });

  it('answers 502 when the channel refuses the replies, and a retry of the activity delivers the stored ones', async () => {
    const connector = await fakeConnector({ refuseFirstMessages: 1 });
    const server = await serveBot(undefined);
    const base = `http://127.0.0.1:${server.port}`;
    const activity = { ...emulatorActivity('http-refused', { id: 'x1', type: 'message', text: '你好' }), serviceUrl: connector.url, deliveryMode: undefined };
    const first = await postActivity(base, activity);
    expect(first.status).toBe(502);
    expect((await readJson(first)).error.code).toBe('CHANNEL_UNAVAILABLE');
    const turns = await countTurns('bf:emulator:http-refused');
    const retry = await postActivity(base, activity);
    expect(retry.status).toBe(200);
    const delivered = connector.received.filter((r) => r.activity.type === 'message' && r.status === 200);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered[0]?.activity.text).toContain('维权');
    expect(await countTurns('bf:emulator:http-refused')).toBe(turns);
  });

  it('with credentials, refuses a request without a token (401) and stores nothing', async () => {
    const server = await serveBot({
      appId: '11111111-2222-3333-4444-555555555555',
      password: 'not-a-real-secret',
      tenantId: undefined,
      appType: 'MultiTenant',
    });
    const base = `http://127.0.0.1:${server.port}`;
    for (const headers of [{}, { authorization: 'Bearer not.a.token' }] as Record<string, string>[]) {
      const res = await postActivity(base, emulatorActivity('http-auth', { id: 'a1', type: 'message', text: STORY }), headers);
      expect(res.status).toBe(401);
      expect((await readJson(res)).error.code).toBe('UNAUTHORIZED');
    }
    expect(await conversationRow('bf:emulator:http-auth')).toBeUndefined();
  });

  // A caller from another machine, made real: the server listens on every interface and the
  // request leaves from this machine's own non-loopback address.
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.runIf(external)('without credentials, refuses a caller that is not on loopback with 403 LOOPBACK_ONLY', async () => {
    const server = await serveBot(undefined, '0.0.0.0');
    const body = JSON.stringify(emulatorActivity('http-remote', { id: 'x1', type: 'message', text: '你好' }));
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: external, localAddress: external, port: server.port, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(403);
    expect(JSON.parse(text).error.code).toBe('LOOPBACK_ONLY');
    expect(await conversationRow('bf:emulator:http-remote')).toBeUndefined();
  });
});

/** A Bot Framework connector on loopback (what the Emulator runs): records the activities the bot posts. */
async function fakeConnector(options: { refuseFirstMessages?: number } = {}) {
  let refuse = options.refuseFirstMessages ?? 0;
  const received: { path: string; status: number; activity: Record<string, unknown> }[] = [];
  const connector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const activity = JSON.parse(body) as Record<string, unknown>;
      // A 400 is not retried by the connector client: the send fails at once.
      const status = activity.type === 'message' && refuse-- > 0 ? 400 : 200;
      received.push({ path: req.url ?? '', status, activity });
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify(status === 200 ? { id: `r${received.length}` } : { error: { code: 'BadRequest', message: 'refused' } }));
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  servers.push({ server: connector, port: 0, close: () => new Promise<void>((done) => connector.close(() => done())) } as RunningServer);
  return { url: `http://127.0.0.1:${(connector.address() as { port: number }).port}/`, received };
}
