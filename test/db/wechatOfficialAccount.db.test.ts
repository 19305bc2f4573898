import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wechatConversationId } from '../../src/channels/wechat/conversation.js';
import { plainSignature } from '../../src/channels/wechat/crypto.js';
import { makeTestEngine, type TestEngine } from '../helpers/engine.js';
import { useTestDatabase } from '../helpers/testDatabase.js';
import { follower, type CallbackResult } from '../wechat/simulator.js';
import { startWechatServer, type WechatTestServer } from '../wechat/wechatServer.js';

const t = useTestDatabase();
let engine: TestEngine;
let w: WechatTestServer;
let turnsRun = 0;

const SCRIPT = [
  '同意',
  '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退',
  '有订单截图、聊天记录和照片',
  '拒绝了',
  '一直不回',
  '商家同意了',
];

beforeAll(async () => {
  engine = await makeTestEngine(t.db);
  w = await startWechatServer({
    db: t.db,
    url: t.url,
    engine,
    wrapTurn: (run) => async (inbound) => {
      const result = await run(inbound);
      if (!result.duplicate) turnsRun++;
      return result;
    },
  });
});
afterAll(async () => {
  await w?.stop();
});

const callback = () => `${w.server.base}/wechat/${w.siteId}`;
const user = (openId: string, mode: 'plain' | 'safe' = 'safe', timeoutMs?: number) =>
  follower({ callback: callback(), appId: w.app.appId, token: w.app.token, aesKey: w.app.aesKey, mode, openId, ...(timeoutMs ? { timeoutMs } : {}) });

/** What the follower saw for one message: the passive reply, or the customer-service messages that followed. */
async function said(f: ReturnType<typeof user>, result: CallbackResult, before: number): Promise<string[]> {
  expect(result.status).toBe(200);
  await w.wechat.drain();
  return [...(result.passive !== undefined ? [result.passive] : []), ...w.sim.sentTo(f.openId).slice(before)];
}

describe('公众号 safe mode, end to end', () => {
  it('answers the URL check with echostr only when the signature is the token’s', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const good = new URLSearchParams({ signature: plainSignature(w.app.token, ts, '42'), timestamp: ts, nonce: '42', echostr: 'echo-123' });
    const res = await fetch(`${callback()}?${good}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('echo-123');
    const forged = new URLSearchParams({ signature: plainSignature('other', ts, '42'), timestamp: ts, nonce: '42', echostr: 'echo-123' });
    const bad = await fetch(`${callback()}?${forged}`);
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    // Another site's path, or none configured: 404, never the echo.
    const none = await fetch(`${w.server.base}/wechat/no_such_site?${good}`);
    expect(none.status).toBe(404);
  });

  it('holds a whole conversation to a filed case, with numbered choices, and stores no OpenID', async () => {
    const f = user(`oAbC${Math.random().toString(36).slice(2, 12)}XyZ`);
    const turnsBefore = turnsRun;
    const welcome = await said(f, await f.event('subscribe'), w.sim.sentTo(f.openId).length);
    expect(welcome.join('\n')).toMatch(/维权|消费/);
    expect(welcome.join('\n')).toContain('回复数字选择');
    const transcript: string[][] = [];
    for (const text of SCRIPT) {
      const before = w.sim.sentTo(f.openId).length;
      transcript.push(await said(f, await f.text(text), before));
    }
    // One turn per message: the welcome and each line of the script.
    expect(turnsRun - turnsBefore).toBe(1 + SCRIPT.length);
    for (const replies of transcript) {
      expect(replies.length).toBeGreaterThan(0);
      for (const r of replies) expect(Buffer.byteLength(r)).toBeLessThanOrEqual(2048);
    }
    const conversationId = wechatConversationId('wx', w.siteId, f.openId);
    const filed = await t.db.query<{ case_no: string; status: string; site_id: string; channel: string }>(
      `select k.case_no, k.status, c.site_id, c.channel from cases k join conversations c on c.id = k.conversation_id where c.id = $1`,
      [conversationId],
    );
    expect(filed.rows).toHaveLength(1);
    expect(filed.rows[0]).toMatchObject({ status: 'resolved', site_id: w.siteId, channel: 'wechat' });
    expect(transcript.flat().join('\n')).toContain(filed.rows[0]!.case_no);
    // The OpenID is in no table: the conversation is known by a hash of it.
    const tables = await t.db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    for (const { table_name } of tables.rows) {
      const hit = await t.db.query(`select 1 from "${table_name}" x where x::text like $1 limit 1`, [`%${f.openId}%`]);
      expect(hit.rowCount, table_name).toBe(0);
    }
  });

  it('reads a numeric reply as the numbered choice it names', async () => {
    const f = user(`oNum${Math.random().toString(36).slice(2, 12)}`);
    const welcome = (await said(f, await f.event('subscribe'), 0)).join('\n');
    const first = /^1\. (.+)$/m.exec(welcome)?.[1];
    expect(first).toBeTruthy();
    const conversationId = wechatConversationId('wx', w.siteId, f.openId);
    const choices = await t.db.query<{ choices: { n: number; value: string }[] }>(`select choices from wechat_choices where conversation_id = $1`, [
      conversationId,
    ]);
    const value = choices.rows[0]!.choices.find((c) => c.n === 1)!.value;
    await said(f, await f.text('1'), w.sim.sentTo(f.openId).length);
    const events = await t.db.query<{ payload: { value?: string } }>(
      `select payload from turn_events where conversation_id = $1 and type = 'user_message' order by seq desc limit 1`,
      [conversationId],
    );
    expect(events.rows[0]!.payload.value).toBe(value);
  });

  it('works in plaintext mode too', async () => {
    const f = user(`oPlain${Math.random().toString(36).slice(2, 10)}`, 'plain');
    const replies = await said(f, await f.text('我买的耳机坏了，商家不给退'), 0);
    expect(replies.join('\n').length).toBeGreaterThan(10);
  });
});
