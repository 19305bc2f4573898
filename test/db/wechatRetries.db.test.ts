import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWechatChannels, type WechatChannels } from '../../src/composeWechat.js';
import { wechatConversationId } from '../../src/channels/wechat/conversation.js';
import { plainSignature } from '../../src/channels/wechat/crypto.js';
import { buildWechatXml } from '../../src/channels/wechat/xml.js';
import type { InboundMessage, TurnResult } from '../../src/engine/types.js';
import { makeLogger } from '../../src/logger.js';
import { makeTestEngine, type TestEngine } from '../helpers/engine.js';
import { useTestDatabase } from '../helpers/testDatabase.js';
import { follower } from '../wechat/simulator.js';
import { startWechatServer, type WechatTestServer } from '../wechat/wechatServer.js';

const t = useTestDatabase();
let engine: TestEngine;

const SCRIPT = [
  '同意',
  '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退',
  '有订单截图、聊天记录和照片',
  '拒绝了',
  '一直不回',
  '商家同意了',
];

/** Counts the turns the engine really ran (not the stored replies it returned again), and slows the first run of each turn. */
function slowCounting(delayMs: number) {
  const ran: string[] = [];
  const seen = new Set<string>();
  const wrap = (run: (i: InboundMessage) => Promise<TurnResult>) => async (inbound: InboundMessage) => {
    const key = `${inbound.conversationId}/${inbound.turnId}`;
    if (!seen.has(key)) {
      seen.add(key);
      await new Promise((r) => setTimeout(r, delayMs));
    }
    const result = await run(inbound);
    if (!result.duplicate) ran.push(key);
    return result;
  };
  return { ran, wrap };
}

beforeAll(async () => {
  engine = await makeTestEngine(t.db);
});

const openId = (tag: string) => `o${tag}${Math.random().toString(36).slice(2, 12)}`;
const casesOf = async (siteId: string, id: string) =>
  (await t.db.query(`select case_no from cases where conversation_id = $1`, [wechatConversationId('wx', siteId, id)])).rowCount;

describe('WeChat retrying a callback that answers late', () => {
  const counter = slowCounting(900);
  let w: WechatTestServer;
  beforeAll(async () => {
    // Our deadline (1.5 s) is longer than the follower's patience (0.4 s): WeChat retries while the turn runs.
    w = await startWechatServer({ db: t.db, url: t.url, engine, replyDeadlineMs: 1500, wrapTurn: counter.wrap });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('runs the turn once and gives the retry the same passive reply', async () => {
    const f = follower({ callback: `${w.server.base}/wechat/${w.siteId}`, ...w.app, mode: 'safe', openId: openId('Retry'), timeoutsMs: [300, 300, 5000] });
    const result = await f.text('我买的耳机坏了，商家不给退');
    expect(result.attempts).toBe(3);
    expect(result.status).toBe(200);
    const ranBefore = counter.ran.length;
    expect(counter.ran.filter((k) => k.startsWith(wechatConversationId('wx', w.siteId, f.openId)))).toHaveLength(1);
    await w.wechat.drain();
    // Either the passive reply reached the retry, or the replies came as customer-service messages; never both, never twice.
    const cs = w.sim.sentTo(f.openId);
    if (result.passive !== undefined) expect(cs).toEqual([]);
    else expect(cs.length).toBeGreaterThan(0);
    expect(counter.ran.length).toBe(ranBefore);
  });

  it('files one case when every message of a conversation is delivered three times at once', async () => {
    const id = openId('Triple');
    const f = follower({ callback: `${w.server.base}/wechat/${w.siteId}`, ...w.app, mode: 'safe', openId: id, timeoutMs: 5000 });
    for (const text of SCRIPT) {
      const xml = buildWechatXml({
        ToUserName: 'gh_0123456789ab',
        FromUserName: id,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'text',
        Content: text,
        MsgId: f.nextMsgId(),
      });
      const answers = await Promise.all([f.post(xml), f.post(xml), f.post(xml)]);
      for (const a of answers) expect(a.status).toBe(200);
    }
    await w.wechat.drain();
    const conversation = wechatConversationId('wx', w.siteId, id);
    expect(counter.ran.filter((k) => k.startsWith(`${conversation}/`))).toHaveLength(SCRIPT.length);
    expect(await casesOf(w.siteId, id)).toBe(1);
    const processed = await t.db.query(`select turn_id from processed_turns where conversation_id = $1`, [conversation]);
    expect(processed.rowCount).toBe(SCRIPT.length);
  });
});

describe('a turn longer than the reply deadline', () => {
  const counter = slowCounting(700);
  let w: WechatTestServer;
  beforeAll(async () => {
    w = await startWechatServer({ db: t.db, url: t.url, engine, replyDeadlineMs: 250, wrapTurn: counter.wrap });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('answers success in time and sends the replies through the customer-service API', async () => {
    const f = follower({ callback: `${w.server.base}/wechat/${w.siteId}`, ...w.app, mode: 'safe', openId: openId('Late'), timeoutMs: 5000 });
    const result = await f.text('我买的耳机坏了，商家不给退');
    expect(result).toMatchObject({ status: 200, attempts: 1, body: 'success' });
    await w.wechat.drain();
    expect(w.sim.sentTo(f.openId).length).toBeGreaterThan(0);
  });

  it('refreshes a revoked access token once for many conversations at once', async () => {
    const warm = follower({ callback: `${w.server.base}/wechat/${w.siteId}`, ...w.app, mode: 'safe', openId: openId('Warm'), timeoutMs: 5000 });
    await warm.text('你好');
    await w.wechat.drain();
    const calls = w.sim.stats.tokenCalls;
    w.sim.expireAllTokens();
    const users = Array.from({ length: 6 }, (_, i) =>
      follower({ callback: `${w.server.base}/wechat/${w.siteId}`, ...w.app, mode: 'safe', openId: openId(`C${i}`), timeoutMs: 5000 }),
    );
    await Promise.all(users.map((u) => u.text('我买的衣服质量有问题')));
    await w.wechat.drain();
    for (const u of users) expect(w.sim.sentTo(u.openId).length).toBeGreaterThan(0);
    expect(w.sim.stats.tokenCalls - calls).toBe(1);
  });

  it('refreshes before expiry, once across two instances sharing the database', async () => {
    const second = makeWechatChannels({
      settings: {
        wechat: { apiBase: w.sim.base, wecomApiBase: w.sim.base, secretsKey: w.secretsKey, replyDeadlineMs: 250 },
        dataDir: w.dataDir,
        uploadMaxBytes: 1 << 20,
      },
      db: t.db,
      logger: makeLogger({ level: 'silent', pretty: false }),
      runTurn: engine.runTurn,
    }) as WechatChannels;
    // Tokens that live 301 s are due for refresh one second after they are issued (300 s margin).
    w.sim.setTokenTtl(301);
    await t.db.query(`update wechat_access_tokens set expires_at = now() where site_id = $1`, [w.siteId]);
    w.wechat.tokens.forget(w.siteId, 'mp');
    const first = await w.wechat.tokens.get(w.siteId, 'mp');
    expect(await second.tokens.get(w.siteId, 'mp')).toBe(first);
    await new Promise((r) => setTimeout(r, 1100));
    const calls = w.sim.stats.tokenCalls;
    const got = await Promise.all([
      ...Array.from({ length: 10 }, () => w.wechat.tokens.get(w.siteId, 'mp')),
      ...Array.from({ length: 10 }, () => second.tokens.get(w.siteId, 'mp')),
    ]);
    expect(w.sim.stats.tokenCalls - calls).toBe(1);
    expect(new Set(got).size).toBe(1);
    expect(got[0]).not.toBe(first);
    w.sim.setTokenTtl(7200);
  });
});

describe('forged and malformed callbacks', () => {
  let w: WechatTestServer;
  beforeAll(async () => {
    w = await startWechatServer({ db: t.db, url: t.url, engine });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('are refused with a stable code, and nothing is written', async () => {
    const callback = `${w.server.base}/wechat/${w.siteId}`;
    const id = openId('Forged');
    const forgedToken = follower({ callback, ...w.app, token: 'notTheToken', mode: 'plain', openId: id });
    expect(await forgedToken.text('你好')).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const forgedSafe = follower({ callback, ...w.app, token: 'notTheToken', mode: 'safe', openId: id });
    expect(await forgedSafe.text('你好')).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    // Signed with our token but sealed for another app: the envelope does not open.
    const otherApp = follower({ callback, ...w.app, appId: 'wx0000000000000000', mode: 'safe', openId: id });
    expect(await otherApp.text('你好')).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    // A signature from ten minutes ago (a replay), an XXE body, no query at all.
    const old = String(Math.floor(Date.now() / 1000) - 600);
    const replay = new URLSearchParams({ signature: plainSignature(w.app.token, old, '1'), timestamp: old, nonce: '1' });
    const body = buildWechatXml({ ToUserName: 'gh_x', FromUserName: id, CreateTime: 1, MsgType: 'text', Content: 'hi', MsgId: '1' });
    const replayed = await fetch(`${callback}?${replay}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
    expect(replayed.status).toBe(401);
    const now = String(Math.floor(Date.now() / 1000));
    const signed = new URLSearchParams({ signature: plainSignature(w.app.token, now, '2'), timestamp: now, nonce: '2' });
    const xxe = `<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>${body.replace('hi', '&x;')}`;
    const refused = await fetch(`${callback}?${signed}`, { method: 'POST', body: xxe, headers: { 'content-type': 'text/xml' } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    const bare = await fetch(callback, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
    expect(bare.status).toBe(401);
    const huge = await fetch(`${callback}?${signed}`, { method: 'POST', body: `<xml>${'x'.repeat(100_000)}</xml>`, headers: { 'content-type': 'text/xml' } });
    expect(huge.status).toBe(413);
    expect((await t.db.query(`select 1 from wechat_inbound where site_id = $1`, [w.siteId])).rowCount).toBe(0);
    expect((await t.db.query(`select 1 from conversations where id = $1`, [wechatConversationId('wx', w.siteId, id)])).rowCount).toBe(0);
  });

  it('accept the replaced token and key for a while after they are changed', async () => {
    const callback = `${w.server.base}/wechat/${w.siteId}`;
    await w.wechat.apps.set(w.siteId, 'mp', w.app.appId, { secret: w.app.secret, token: 'newToken123', aesKey: 'B'.repeat(43) });
    const old = follower({ callback, ...w.app, mode: 'safe', openId: openId('Rot') });
    expect((await old.text('你好')).status).toBe(200);
    const fresh = follower({ callback, ...w.app, token: 'newToken123', aesKey: 'B'.repeat(43), mode: 'safe', openId: openId('Rot') });
    const answer = await fresh.text('你好');
    expect(answer.status).toBe(200);
    expect(answer.passive ?? '').not.toBe('');
  });
});
