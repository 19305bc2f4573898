import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wechatConversationId } from '../../src/channels/wechat/conversation.js';
import { makeTestEngine } from '../helpers/engine.js';
import { useTestDatabase } from '../helpers/testDatabase.js';
import { follower, type CallbackResult } from '../wechat/simulator.js';
import { startWechatServer, type WechatTestServer } from '../wechat/wechatServer.js';

const t = useTestDatabase();
let w: WechatTestServer;

beforeAll(async () => {
  w = await startWechatServer({ db: t.db, url: t.url, engine: await makeTestEngine(t.db) });
});
afterAll(async () => {
  await w?.stop();
});

const user = () =>
  follower({ callback: `${w.server.base}/wechat/${w.siteId}`, ...w.app, mode: 'safe', openId: `oMedia${Math.random().toString(36).slice(2, 12)}` });
async function said(f: ReturnType<typeof user>, result: CallbackResult): Promise<string> {
  const before = w.sim.sentTo(f.openId).length;
  expect(result.status).toBe(200);
  await w.wechat.drain();
  return [...(result.passive !== undefined ? [result.passive] : []), ...w.sim.sentTo(f.openId).slice(before)].join('\n');
}
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);
const evidenceOf = (conversationId: string) =>
  t.db.query<{ sha256: string; size: number; content_type: string; storage_path: string }>(
    `select sha256, size, content_type, storage_path from evidence_files where conversation_id = $1`,
    [conversationId],
  );

describe('公众号 images, voice and menu events', () => {
  it('keeps no image before consent, and stores it as evidence (downloaded, hashed) after', async () => {
    const f = user();
    const conversationId = wechatConversationId('wx', w.siteId, f.openId);
    await said(f, await f.text('我买的手机屏幕坏了，商家不给退'));
    const photo = jpeg();
    w.sim.addMedia('media_before', photo);
    const mediaCalls = w.sim.stats.mediaCalls;
    expect(await said(f, await f.image('media_before'))).toContain('同意保存个人信息');
    expect(w.sim.stats.mediaCalls).toBe(mediaCalls);
    expect((await evidenceOf(conversationId)).rows).toEqual([]);

    await said(f, await f.text('同意保存个人信息'));
    const consent = await t.db.query<{ consent: string }>(`select consent from conversations where id = $1`, [conversationId]);
    expect(consent.rows[0]?.consent).toBe('given');
    w.sim.addMedia('media_after', photo);
    const ack = await said(f, await f.image('media_after'));
    expect(ack.length).toBeGreaterThan(0);
    const rows = (await evidenceOf(conversationId)).rows;
    expect(rows).toEqual([
      expect.objectContaining({ sha256: createHash('sha256').update(photo).digest('hex'), size: photo.length, content_type: 'image/jpeg' }),
    ]);
    expect((await fs.readFile(path.join(w.dataDir, rows[0]!.storage_path))).equals(photo)).toBe(true);
  });

  it('asks again for an image WeChat cannot give or that is not an image, keeping nothing', async () => {
    const f = user();
    const conversationId = wechatConversationId('wx', w.siteId, f.openId);
    await said(f, await f.text('同意保存个人信息'));
    expect(await said(f, await f.image('no_such_media'))).toContain('图片没有收到');
    w.sim.addMedia('not_an_image', Buffer.from('MZ this is an executable'), 'image/jpeg');
    expect(await said(f, await f.image('not_an_image'))).toContain('图片没有收到');
    expect((await evidenceOf(conversationId)).rows).toEqual([]);
  });

  it('reads a voice message by its recognition text, and says so when there is none', async () => {
    const f = user();
    const conversationId = wechatConversationId('wx', w.siteId, f.openId);
    const reply = await said(f, await f.voice('voice_1', '我买的外卖吃坏了肚子'));
    expect(reply.length).toBeGreaterThan(0);
    const turns = await t.db.query(`select 1 from turn_events where conversation_id = $1 and type = 'user_message'`, [conversationId]);
    expect(turns.rowCount).toBe(1);
    expect(await said(f, await f.voice('voice_2'))).toContain('没能识别');
  });

  it('welcomes a new follower, takes a menu CLICK as the button it names, and ignores unsubscribe', async () => {
    const f = user();
    const conversationId = wechatConversationId('wx', w.siteId, f.openId);
    expect(await said(f, await f.event('subscribe'))).toContain('维权助手');
    await said(f, await f.event('CLICK', 'quality_defect'));
    const clicked = await t.db.query<{ payload: { value?: string } }>(
      `select payload from turn_events where conversation_id = $1 and type = 'user_message' order by seq desc limit 1`,
      [conversationId],
    );
    expect(clicked.rows[0]?.payload.value).toBe('quality_defect');
    const before = (await t.db.query(`select 1 from turn_events where conversation_id = $1`, [conversationId])).rowCount;
    expect((await f.event('unsubscribe')).body).toBe('success');
    expect((await t.db.query(`select 1 from turn_events where conversation_id = $1`, [conversationId])).rowCount).toBe(before);
  });
});
