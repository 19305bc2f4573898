import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../../src/agents/sql/agentStore.js';
import { wechatConversationId } from '../../src/channels/wechat/conversation.js';
import { messageSignature, sealEnvelope } from '../../src/channels/wechat/crypto.js';
import { makeTestEngine } from '../helpers/engine.js';
import { useTestDatabase } from '../helpers/testDatabase.js';
import { wecomCallback } from '../wechat/simulator.js';
import { startWechatServer, type WechatTestServer } from '../wechat/wechatServer.js';

const t = useTestDatabase();
let w: WechatTestServer;
const KFID = 'wkAbCdEf0123456789';

beforeAll(async () => {
  w = await startWechatServer({ db: t.db, url: t.url, engine: await makeTestEngine(t.db) });
});
afterAll(async () => {
  await w?.stop();
});

const SCRIPT = [
  '同意',
  '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退',
  '有订单截图、聊天记录和照片',
  '拒绝了',
  '一直不回',
  '商家同意了',
];

let seq = 0;
/** A customer of the 微信客服 account: each message queued for kf/sync_msg, then the callback that announces it. */
function customer() {
  const id = `wm${randomBytes(10).toString('hex')}`;
  const deliver = async (message: Record<string, unknown>) => {
    const token = w.sim.queueKf(KFID, {
      msgid: `msg${++seq}${randomBytes(4).toString('hex')}`,
      open_kfid: KFID,
      send_time: Math.floor(Date.now() / 1000),
      ...message,
    });
    const res = await wecomCallback({
      callback: `${w.server.base}/wecom/${w.siteId}`,
      corpId: w.kf.appId,
      token: w.kf.token,
      aesKey: w.kf.aesKey,
      openKfId: KFID,
      eventToken: token,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    await w.wechat.drain();
    return token;
  };
  return {
    id,
    conversationId: wechatConversationId('wk', w.siteId, id),
    async say(content: string): Promise<string[]> {
      const before = w.sim.sentTo(id).length;
      await deliver({ external_userid: id, origin: 3, msgtype: 'text', text: { content } });
      return w.sim.sentTo(id).slice(before);
    },
    async event(event: Record<string, unknown>): Promise<string[]> {
      const before = w.sim.sentTo(id).length;
      await deliver({ origin: 4, msgtype: 'event', event: { external_userid: id, open_kfid: KFID, ...event } });
      return w.sim.sentTo(id).slice(before);
    },
    deliver,
  };
}
const ownerOf = async (id: string) =>
  (await t.db.query<{ owner: string; agent_id: string | null }>(`select owner, agent_id from conversations where id = $1`, [id])).rows[0];

describe('企业微信 微信客服', () => {
  it('answers the URL check with the opened echostr only when msg_signature is ours', async () => {
    const echo = sealEnvelope(w.kf.aesKey, w.kf.appId, 'echo-778899');
    const ts = String(Math.floor(Date.now() / 1000));
    const query = (token: string) => new URLSearchParams({ msg_signature: messageSignature(token, ts, '5', echo), timestamp: ts, nonce: '5', echostr: echo });
    const good = await fetch(`${w.server.base}/wecom/${w.siteId}?${query(w.kf.token)}`);
    expect(await good.text()).toBe('echo-778899');
    const forged = await fetch(`${w.server.base}/wecom/${w.siteId}?${query('someoneElse')}`);
    expect(forged.status).toBe(401);
  });

  it('goes from entering the session to a filed case, syncing from the stored cursor, once per message', async () => {
    const c = customer();
    const welcome = await c.event({ event_type: 'enter_session', welcome_code: w.sim.welcomeCode(KFID, c.id) });
    expect(welcome.join('\n')).toContain('维权助手');
    const transcript: string[][] = [];
    for (const text of SCRIPT) transcript.push(await c.say(text));
    for (const replies of transcript) expect(replies.length).toBeGreaterThan(0);
    const filed = await t.db.query<{ case_no: string; status: string }>(`select case_no, status from cases where conversation_id = $1`, [c.conversationId]);
    expect(filed.rows).toEqual([{ case_no: expect.stringMatching(/^WQ-/), status: 'resolved' }]);
    const cursor = await t.db.query<{ cursor: string }>(`select cursor from wecom_kf_cursors where site_id = $1 and open_kfid = $2`, [w.siteId, KFID]);
    expect(Number(cursor.rows[0]!.cursor)).toBe(seq);
    // WeCom calls back again for the same messages: nothing is fetched or answered twice.
    const sent = w.sim.sent.length;
    const turns = (await t.db.query(`select 1 from processed_turns where conversation_id = $1`, [c.conversationId])).rowCount;
    const res = await wecomCallback({
      callback: `${w.server.base}/wecom/${w.siteId}`,
      corpId: w.kf.appId,
      token: w.kf.token,
      aesKey: w.kf.aesKey,
      openKfId: KFID,
      eventToken: w.sim.queueKf(KFID, { msgid: `x${seq}`, open_kfid: KFID, origin: 4, msgtype: 'event', event: { event_type: 'user_recall_msg' } }),
    });
    expect(res.status).toBe(200);
    await w.wechat.drain();
    seq++;
    expect(w.sim.sent.length).toBe(sent);
    expect((await t.db.query(`select 1 from processed_turns where conversation_id = $1`, [c.conversationId])).rowCount).toBe(turns);
  });

  it('stays silent while the shop’s staff hold the session in WeCom, and answers again when it ends', async () => {
    const c = customer();
    expect((await c.say('我买的耳机是假货')).length).toBeGreaterThan(0);
    await c.event({ event_type: 'session_status_change', change_type: 1, new_servicer_userid: 'staff_zhang' });
    expect(await ownerOf(c.conversationId)).toEqual({ owner: 'agent', agent_id: null });
    expect(await c.say('还在吗？')).toEqual([]);
    await c.event({ event_type: 'session_status_change', change_type: 3 });
    expect((await ownerOf(c.conversationId))?.owner).toBe('bot');
    expect((await c.say('商家还是不退')).length).toBeGreaterThan(0);
  });

  it('stays silent while one of our agents owns the conversation in the console', async () => {
    const c = customer();
    expect((await c.say('我买的衣服洗了就掉色')).length).toBeGreaterThan(0);
    const agent = await createAgent(t.db, {
      login: `kf${randomBytes(3).toString('hex')}`,
      displayName: '小王',
      siteId: w.siteId,
      role: 'agent',
      passwordHash: 'x',
    });
    await t.db.query(`update conversations set owner = 'agent', agent_id = $2, version = version + 1 where id = $1`, [c.conversationId, agent.id]);
    expect(await c.say('有人吗')).toEqual([]);
    const kept = await t.db.query(`select 1 from turn_events where conversation_id = $1 and type = 'user_message_to_agent'`, [c.conversationId]);
    expect(kept.rowCount).toBe(1);
    // Staff events in WeCom do not take a conversation from our agent.
    await c.event({ event_type: 'session_status_change', change_type: 1, new_servicer_userid: 'staff_li' });
    expect(await ownerOf(c.conversationId)).toEqual({ owner: 'agent', agent_id: agent.id });
  });
});
