import { testSeal } from '../helpers/testSeal.js';
import http from 'node:http';
import { TestAdapter, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBotFrameworkEndpoint, WeiquanBot } from '../../src/channels/botframework/index.js';
import { makeHubHandoff } from '../../src/handoff/makeHubHandoff.js';
import { makeLogger } from '../../src/logger.js';
import { makeApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { botFrameworkRouter } from '../../src/server/routes/botframework.js';
import { makeSites } from '../../src/sites/index.js';
import { makeTestEngine, type TestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

/**
 * The Bot Framework handoff protocol over the real engine and PostgreSQL: `handoff.initiate` when
 * the consumer asks for a person, and an agent hub's `handoff.status` (accepted, failed, completed)
 * honoured; through botbuilder's TestAdapter and through real HTTP on /api/messages.
 */
const t = useTestDatabase();
const logger = makeLogger({ level: 'silent', pretty: false });
let engine: TestEngine;
let siteId: string;

const STORY = '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退';

beforeAll(async () => {
  engine = await makeTestEngine(t.db);
  siteId = (await makeSites({ db: t.db }).create({ name: '测试商城', allowedOrigins: [], locale: 'zh' })).site.id;
});

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close(100)));
});

type Transcript = { activities: { from: { role: string }; text: string; channelData?: { weiquan?: { withheld?: string } } }[] };

const messagesOf = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'message');
const textsOf = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => a.text ?? '');
const initiatesOf = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'event' && a.name === 'handoff.initiate');
const lastWeiquan = (activities: Partial<Activity>[]) =>
  (messagesOf(activities).at(-1)?.channelData as { weiquan: Record<string, unknown> } | undefined)?.weiquan;
const transcriptOf = (initiate: Partial<Activity> | undefined) => initiate?.attachments?.[0]?.content as Transcript;
const status = (id: string, state: string, message?: string) => ({
  type: 'event',
  id,
  name: 'handoff.status',
  value: { state, ...(message ? { message } : {}) },
});

const ownerOf = async (id: string) =>
  (await t.db.query<{ owner: string; agent_id: string | null }>('select owner, agent_id from conversations where id = $1', [id])).rows[0];
const ownerEvents = async (id: string) =>
  (
    await t.db.query<{ actor: string; from: string; to: string }>(
      `select actor, payload->>'from' as from, payload->>'to' as to from conversation_events where conversation_id = $1 and type = 'owner_changed' order by seq`,
      [id],
    )
  ).rows;
const caseOf = async (id: string) =>
  (await t.db.query<{ case_no: string; status: string }>('select case_no, status from cases where conversation_id = $1', [id])).rows[0];
const caseEvents = async (caseNo: string) =>
  (await t.db.query<{ type: string; actor: string }>('select type, actor from case_events where case_no = $1 order by seq', [caseNo])).rows;
const forwarded = async (id: string) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from turn_events where conversation_id = $1 and type = 'user_message_to_agent'`, [id])).rows[0]
    ?.n;

function testBot(conversationId: string) {
  const bot = new WeiquanBot({ runTurn: engine.runTurn, siteId, logger, hub: makeHubHandoff({ db: t.db, seal: testSeal, runTurn: engine.runTurn }) });
  const adapter = new TestAdapter((ctx) => bot.run(ctx), {
    conversation: { id: conversationId, isGroup: false, name: conversationId, conversationType: 'personal' } as Activity['conversation'],
  });
  return async (activity: Partial<Activity>) => {
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity({ locale: 'zh-CN', ...activity });
    return [...adapter.activeQueue];
  };
}

describe('WeiquanBot and an agent hub, under TestAdapter', () => {
  it('signals handoff.initiate once, and follows the hub through failed, accepted and completed', async () => {
    const turn = testBot('hub');
    const id = 'bf:test:hub';
    await turn({
      type: 'conversationUpdate',
      id: 'join',
      membersAdded: [
        { id: 'bot', name: 'Bot' },
        { id: 'user', name: 'User' },
      ],
    });
    await turn({ type: 'message', id: 'm1', value: 'yes' });
    const story = await turn({ type: 'message', id: 'm2', text: STORY });
    const stageBefore = lastWeiquan(story)?.stage;
    const caseNo = lastWeiquan(story)?.caseNo;
    expect(caseNo).toMatch(/^WQ-/);
    expect(initiatesOf(story)).toHaveLength(0);

    const asked = await turn({ type: 'message', id: 'h1', text: '转人工' });
    expect(textsOf(asked).join('\n')).toContain('人工客服');
    // After the replies: the protocol's event, with the dispute and the transcript.
    expect(asked.at(-1)).toMatchObject({ type: 'event', name: 'handoff.initiate', replyToId: 'h1', conversation: { id: 'hub' }, from: { id: 'bot' } });
    expect(asked.at(-1)?.value).toEqual({ category: lastWeiquan(story)?.category, caseNo, stage: stageBefore, locale: 'zh', reason: 'requested' });
    expect(asked.at(-1)?.attachments?.[0]).toMatchObject({ contentType: 'application/json', name: 'Transcript' });
    const lines = transcriptOf(asked.at(-1)).activities;
    expect(lines.filter((a) => a.from.role === 'user').map((a) => a.text)).toEqual(['', STORY, '转人工']);
    expect(lines.filter((a) => a.from.role === 'bot').map((a) => a.text)).toEqual(expect.arrayContaining([...textsOf(story), ...textsOf(asked)]));
    expect(await ownerOf(id)).toEqual({ owner: 'waiting', agent_id: null });

    // The channel retries the same activity: the same replies, no second initiate; a repeated request neither.
    const retried = await turn({ type: 'message', id: 'h1', text: '转人工' });
    expect(textsOf(retried)).toEqual(textsOf(asked));
    expect(initiatesOf(retried)).toHaveLength(0);
    const again = await turn({ type: 'message', id: 'h2', text: '人工客服' });
    expect(textsOf(again).join('\n')).toContain('不需要重复申请');
    expect(initiatesOf(again)).toHaveLength(0);
    const signals = await t.db.query<{ actor: string; payload: unknown }>(
      `select actor, payload from conversation_events where conversation_id = $1 and type = 'handoff_initiated'`,
      [id],
    );
    expect(signals.rows).toEqual([{ actor: 'bot', payload: { turnId: 'h1', hub: 'hub:test' } }]);

    // failed: told honestly, still waiting, the case awaiting an agent.
    const failed = await turn(status('s1', 'failed', 'no agents online'));
    expect(textsOf(failed)).toEqual([expect.stringContaining(`现在没有客服能接待（案件 ${caseNo} 已标记为“等待人工”）`)]);
    expect(await ownerOf(id)).toEqual({ owner: 'waiting', agent_id: null });
    expect(await caseOf(id)).toEqual({ case_no: caseNo, status: 'awaiting_agent' });
    expect(await caseEvents(String(caseNo))).toContainEqual({ type: 'no_agent_available', actor: 'hub:test' });

    // accepted: the hub owns it; the consumer's next message is kept for the hub and the bot says nothing.
    expect(await turn(status('s2', 'accepted'))).toEqual([]);
    expect(await ownerOf(id)).toEqual({ owner: 'agent', agent_id: null });
    expect(await turn({ type: 'message', id: 'u1', text: '我等着呢' })).toEqual([]);
    expect(await forwarded(id)).toBe(1);

    // completed: the bot is back, says so, and answers again.
    const completed = await turn(status('s3', 'completed'));
    expect(textsOf(completed)[0]).toBe('人工客服已把对话交还给我（维权助手），我们接着处理。');
    expect(lastWeiquan(completed)?.stage).toBe(stageBefore);
    expect(await ownerOf(id)).toEqual({ owner: 'bot', agent_id: null });
    const back = await turn({ type: 'message', id: 'u2', text: '七天无理由退货怎么算？' });
    expect(messagesOf(back).length).toBeGreaterThan(0);
    expect(initiatesOf(back)).toHaveLength(0);

    expect((await ownerEvents(id)).map((e) => [e.actor, e.from, e.to])).toEqual([
      ['consumer', 'bot', 'waiting'],
      ['hub:test', 'waiting', 'agent'],
      ['hub:test', 'agent', 'bot'],
    ]);
  });

  it('ignores a status for a conversation that is not waiting for the hub, changing nothing', async () => {
    const turn = testBot('idle');
    await turn({ type: 'message', id: 'i1', text: '你好' });
    for (const [n, state] of ['accepted', 'failed', 'completed'].entries()) expect(await turn(status(`x${n}`, state))).toEqual([]);
    expect(await ownerOf('bf:test:idle')).toEqual({ owner: 'bot', agent_id: null });
    expect(await ownerEvents('bf:test:idle')).toEqual([]);
    // A conversation nobody has started: nothing to change, and nothing created.
    expect(await turn({ ...status('x9', 'accepted'), conversation: { id: 'never' } as Activity['conversation'] })).toEqual([]);
    expect(await ownerOf('bf:test:never')).toBeUndefined();
  });

  it('attaches no word the consumer typed without consent', async () => {
    const turn = testBot('private');
    await turn({ type: 'message', id: 'p0', text: '你好' });
    await turn({ type: 'message', id: 'p1', value: 'no' });
    await turn({ type: 'message', id: 'p2', text: '我叫欧阳锋锋，网购的东西坏了' });
    const asked = await turn({ type: 'message', id: 'p3', text: '转人工' });
    const [initiate] = initiatesOf(asked);
    const users = transcriptOf(initiate).activities.filter((a) => a.from.role === 'user');
    expect(users.length).toBeGreaterThanOrEqual(3);
    expect(users.filter((a) => a.text !== '')).toEqual([]);
    expect(users.filter((a) => a.channelData?.weiquan?.withheld === 'no_consent')).toHaveLength(3);
    expect(JSON.stringify(initiate)).not.toContain('欧阳锋锋');
  });
});

describe('POST /api/messages with an agent hub (expectReplies)', () => {
  async function serveBot() {
    const endpoint = makeBotFrameworkEndpoint({
      runTurn: engine.runTurn,
      siteId,
      credentials: undefined,
      logger,
      hub: makeHubHandoff({ db: t.db, seal: testSeal, runTurn: engine.runTurn }),
    });
    const app = makeApp({
      logger,
      bodyLimit: '100kb',
      trustProxy: false,
      readiness: async () => ({ ready: true, checks: {} }),
      poolStats: () => t.db.stats(),
      isShuttingDown: () => false,
      routers: [botFrameworkRouter({ endpoint, status: () => 'ready' })],
    });
    const server = await listen(app, 0, '127.0.0.1');
    servers.push(server);
    return `http://127.0.0.1:${server.port}`;
  }
  const post = (base: string, conversationId: string, fields: Record<string, unknown>) =>
    fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'emulator',
        serviceUrl: 'http://localhost:56789',
        conversation: { id: conversationId },
        from: { id: 'user-1', name: 'User' },
        recipient: { id: 'bot-1', name: 'Bot' },
        deliveryMode: 'expectReplies',
        locale: 'zh-CN',
        ...fields,
      }),
    });

  it('hands the conversation to the hub and back, with handoff.initiate in the replies', async () => {
    const base = await serveBot();
    const say = async (fields: Record<string, unknown>) => {
      const res = await post(base, 'http-hub', fields);
      expect(res.status).toBe(200);
      return (await readJson(res)).activities as Partial<Activity>[];
    };
    await say({ id: 'w', type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }, { id: 'user-1' }] });
    await say({ id: 'm1', type: 'message', text: '同意' });
    const story = await say({ id: 'm2', type: 'message', text: STORY });
    const caseNo = lastWeiquan(story)?.caseNo;

    const asked = await say({ id: 'h1', type: 'message', text: '我要转人工' });
    const [initiate, ...more] = initiatesOf(asked);
    expect(more).toEqual([]);
    expect(asked.at(-1)).toBe(initiate);
    expect(initiate).toMatchObject({
      name: 'handoff.initiate',
      from: { id: 'bot-1' },
      recipient: { id: 'user-1' },
      conversation: { id: 'http-hub' },
      replyToId: 'h1',
      value: { caseNo, category: lastWeiquan(story)?.category, stage: lastWeiquan(story)?.stage, locale: 'zh', reason: 'requested' },
      attachments: [{ contentType: 'application/json', name: 'Transcript' }],
    });
    expect(transcriptOf(initiate).activities.map((a) => a.text)).toEqual(expect.arrayContaining([STORY, '我要转人工', ...textsOf(asked)]));
    // The channel's retry of the lost response: the same replies, no second initiate.
    const retried = await say({ id: 'h1', type: 'message', text: '我要转人工' });
    expect(textsOf(retried)).toEqual(textsOf(asked));
    expect(initiatesOf(retried)).toEqual([]);

    expect(await say(status('s1', 'accepted'))).toEqual([]);
    expect(await say({ id: 'u1', type: 'message', text: '客服你好' })).toEqual([]);
    expect(await forwarded('bf:emulator:http-hub')).toBe(1);
    const completed = await say(status('s2', 'completed'));
    expect(textsOf(completed)[0]).toBe('人工客服已把对话交还给我（维权助手），我们接着处理。');
    expect(lastWeiquan(completed)?.stage).toBe(lastWeiquan(story)?.stage);
    // The hub retries its completed event: the same words again, the conversation changed once.
    expect(textsOf(await say(status('s2', 'completed')))).toEqual(textsOf(completed));
    expect((await ownerEvents('bf:emulator:http-hub')).map((e) => e.to)).toEqual(['waiting', 'agent', 'bot']);
    const back = await say({ id: 'u2', type: 'message', text: '商家还是不理我' });
    expect(messagesOf(back).length).toBeGreaterThan(0);
    expect(await ownerOf('bf:emulator:http-hub')).toEqual({ owner: 'bot', agent_id: null });
  });

  it('in normal delivery mode, signals the hub on the retry when the first replies never reached the channel, and only once', async () => {
    const connector = await fakeConnector();
    const base = await serveBot();
    const send = (fields: Record<string, unknown>) => post(base, 'http-lost', { serviceUrl: connector.url, deliveryMode: undefined, ...fields });
    expect((await send({ id: 'l0', type: 'message', text: '同意' })).status).toBe(200);
    connector.refuseNextMessage();
    const ask = { id: 'l1', type: 'message', text: '转人工' };
    expect((await send(ask)).status).toBe(502);
    expect(connector.received.filter((a) => a.type === 'event')).toEqual([]);
    expect((await send(ask)).status).toBe(200);
    expect((await send(ask)).status).toBe(200);
    const events = connector.received.filter((a) => a.type === 'event');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ name: 'handoff.initiate', replyToId: 'l1', value: { reason: 'requested', locale: 'zh' } });
  });

  it('tells the consumer when the hub has nobody, and refuses a malformed status with 400', async () => {
    const base = await serveBot();
    await post(base, 'http-fail', { id: 'f0', type: 'message', text: '同意' });
    await post(base, 'http-fail', { id: 'f1', type: 'message', text: '转人工' });
    const res = await post(base, 'http-fail', status('s1', 'failed'));
    expect(res.status).toBe(200);
    expect(textsOf((await readJson(res)).activities).join('\n')).toContain('抱歉，现在没有客服能接待');
    expect(await ownerOf('bf:emulator:http-fail')).toEqual({ owner: 'waiting', agent_id: null });

    for (const value of [{ state: 'transferred' }, 'accepted', { state: 'failed', message: 42 }, undefined]) {
      const bad = await post(base, 'http-fail', { id: 'bad', type: 'event', name: 'handoff.status', value });
      expect(bad.status).toBe(400);
      expect((await readJson(bad)).error.code).toBe('VALIDATION_FAILED');
    }
    expect(await ownerOf('bf:emulator:http-fail')).toEqual({ owner: 'waiting', agent_id: null });
  });
});

/** A Bot Framework connector on loopback (what the Emulator runs): takes the activities the bot posts, or refuses one message on request. */
async function fakeConnector() {
  let refuse = false;
  const received: Record<string, unknown>[] = [];
  const connector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const activity = JSON.parse(body) as Record<string, unknown>;
      // A 400 is not retried by the connector client: the send fails at once.
      const refused = refuse && activity.type === 'message';
      if (refused) refuse = false;
      else received.push(activity);
      res
        .writeHead(refused ? 400 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify(refused ? { error: { code: 'BadRequest', message: 'refused' } } : { id: `r${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  servers.push({ server: connector, port: 0, close: () => new Promise<void>((done) => connector.close(() => done())) } as RunningServer);
  return { url: `http://127.0.0.1:${(connector.address() as { port: number }).port}/`, received, refuseNextMessage: () => (refuse = true) };
}
