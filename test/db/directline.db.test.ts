import type { DirectLine } from 'botframework-directlinejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChannelServer, type ChannelServer } from '../helpers/channelServer.js';
import { clientState, collect, makeDirectLine, post, type Act } from '../helpers/directLineClient.js';
import { makeTestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let server: ChannelServer;
let shop: { id: string; secret: string };

const SCRIPT = [
  '同意',
  '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退',
  '有订单截图、聊天记录和照片',
  '拒绝了',
  '一直不回',
  '商家同意了',
];

beforeAll(async () => {
  const engine = await makeTestEngine(t.db);
  server = await startChannelServer({ db: t.db, url: t.url, engine });
  const created = await server.channel.sites.create({ name: '测试商城', allowedOrigins: ['https://shop-a.example'], locale: 'zh' });
  shop = { id: created.site.id, secret: created.secret };
});
afterAll(async () => {
  await server?.stop();
});

const bot = (a: Act) => a.from.id === 'weiquan';
const weiquan = (a: Act) => a.channelData?.weiquan as { stage: string; caseNo?: string } | undefined;

/** A whole conversation to a filed case through the official client, one user message per bot answer. */
async function holdConversation(dl: DirectLine) {
  const inbox = collect(dl);
  try {
    await inbox.until((all) => all.some((a) => bot(a) && a.type === 'message'), 'the welcome');
    for (const text of SCRIPT) {
      const id = await post(dl, { text, channelData: { clientActID: `c-${Math.random().toString(36).slice(2)}` } });
      await inbox.until((all) => all.some((a) => bot(a) && a.type === 'message' && a.replyToId === id), `the replies to "${text}"`);
    }
    return inbox.activities;
  } finally {
    inbox.stop();
    dl.end();
  }
}

async function generateToken(secret: string) {
  const res = await fetch(`${server.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
  expect(res.status).toBe(200);
  return (await readJson(res)) as { conversationId: string; token: string; expires_in: number };
}

async function expectFiledCase(activities: Act[], conversationId: string) {
  const caseNo = activities.map(weiquan).find((w) => w?.caseNo)?.caseNo;
  expect(caseNo).toMatch(/^WQ-\d{8}-[0-9A-Z]{4}$/);
  const row = await t.db.query<{ status: string; site_id: string }>(
    `select k.status, c.site_id from cases k join conversations c on c.id = k.conversation_id where k.case_no = $1 and c.id = $2`,
    [caseNo, conversationId],
  );
  expect(row.rows).toEqual([{ status: 'resolved', site_id: shop.id }]);
  // No activity came twice, and the user's messages were echoed once each.
  const ids = activities.map((a) => a.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(activities.filter((a) => a.from.id === 'shopper' && a.type === 'message').map((a) => a.text)).toEqual(SCRIPT);
}

describe('the official botframework-directlinejs client', () => {
  it('holds a full conversation to a filed case over WebSocket', async () => {
    const { token, conversationId } = await generateToken(shop.secret);
    const dl = makeDirectLine({ token, domain: `${server.base}/v3/directline`, webSocket: true });
    const activities = await holdConversation(dl);
    expect(clientState(dl).conversationId).toBe(conversationId);
    await expectFiledCase(activities, conversationId);
    // Each turn showed typing before its replies; buttons and citations came in Bot Framework form.
    const firstReply = activities.findIndex((a) => bot(a) && a.type === 'message' && a.replyToId);
    expect(activities.slice(0, firstReply).some((a) => a.type === 'typing')).toBe(true);
    const welcome = activities.find((a) => bot(a) && a.type === 'message')!;
    expect(welcome.suggestedActions?.actions).toContainEqual({ type: 'imBack', title: '没收到货 / 快递丢件', value: 'non_delivery' });
    expect(welcome.from).toEqual({ id: 'weiquan', name: '维权助手', role: 'bot' });
    const citation = activities.flatMap((a) => a.attachments ?? [])[0];
    // Citations are hero cards (what Bot Framework clients render), with the quoted article as text.
    expect(citation?.contentType).toBe('application/vnd.microsoft.card.hero');
    expect(citation?.content).toMatchObject({
      title: expect.stringMatching(/^《.+》第.+条$/),
      text: expect.any(String),
      law: expect.any(String),
      article: expect.stringMatching(/^第.+条$/),
    });
  });

  it('holds a full conversation to a filed case by polling (webSocket: false), started with the site secret', async () => {
    const dl = makeDirectLine({ secret: shop.secret, domain: `${server.base}/v3/directline`, webSocket: false, pollingInterval: 200 });
    const activities = await holdConversation(dl);
    expect(clientState(dl).conversationId).toMatch(/^dl_/);
    await expectFiledCase(activities, clientState(dl).conversationId);
  });

  it('resumes from a watermark after a reconnect, without repeating what the client had', async () => {
    const { token, conversationId } = await generateToken(shop.secret);
    const first = makeDirectLine({ token, domain: `${server.base}/v3/directline`, webSocket: true });
    const inbox = collect(first);
    await inbox.until((all) => all.some((a) => bot(a) && a.type === 'message'), 'the welcome');
    const id = await post(first, { text: '同意' });
    await inbox.until((all) => all.some((a) => a.replyToId === id && a.type === 'message'), 'the consent reply');
    const seen = inbox.activities.length;
    const watermark = clientState(first).watermark;
    inbox.stop();
    first.end();

    // Messages sent while the page was away (another tab) are there when it comes back.
    await fetch(`${server.base}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'shopper' }, text: '在拼多多买的运动鞋是假的' }),
    });
    const again = makeDirectLine({ token, conversationId, watermark, domain: `${server.base}/v3/directline`, webSocket: true });
    const resumed = collect(again);
    await resumed.until(
      (all) => all.some((a) => a.from.id === 'shopper' && a.text === '在拼多多买的运动鞋是假的') && all.some((a) => bot(a) && a.type === 'message'),
      'the missed activities',
    );
    resumed.stop();
    again.end();
    const before = new Set(inbox.activities.slice(0, seen).map((a) => a.id));
    expect(resumed.activities.every((a) => !before.has(a.id))).toBe(true);
  });
});
