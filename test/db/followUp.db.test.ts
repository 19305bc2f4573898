import { describe, expect, it } from 'vitest';
import { collectingChannel, makeTestEngine } from '../helpers/engine.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();

describe('a consumer coming back with the case number and phone', () => {
  it('continues from where the case stands, in a new conversation', async () => {
    const engine = await makeTestEngine(t.db);
    const first = collectingChannel(engine, 'follow-up-first');
    await first.say('同意');
    const filed = await first.say('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退，我手机号13800138000');
    const caseNo = filed.caseNo;
    expect(caseNo).toMatch(/^WQ-/);
    await first.say('有订单截图和聊天记录');
    const before = await first.say('商家拒绝了');
    expect(before.stage).toBe('platform');

    const second = collectingChannel(engine, 'follow-up-second');
    await second.say('你好');
    const wrongPhone = await second.say(`我的案件编号是 ${caseNo}，手机 13900000000`);
    expect(wrongPhone.replies.map((r) => r.text).join('\n')).toContain('没有找到');
    const resumed = await second.say(`我的案件编号是 ${caseNo}，手机 13800138000`);
    expect(resumed.stage).toBe('platform');
    expect(resumed.replies.map((r) => r.text).join('\n')).toContain(`找到了案件 ${caseNo}`);
    const done = await second.say('平台同意退款了');
    expect(done.stage).toBe('resolved');
    const row = await t.db.query<{ conversationId: string; status: string }>(
      'select conversation_id as "conversationId", status from cases where case_no = $1',
      [caseNo],
    );
    expect(row.rows).toEqual([{ conversationId: 'follow-up-second', status: 'resolved' }]);
  });

  it('resumes a case its conversation moved away from where it was left, and 返回上一步 reopens it', async () => {
    const engine = await makeTestEngine(t.db);
    const first = collectingChannel(engine, 'moved-on-first');
    await first.say('同意');
    const filed = await first.say('在拼多多买的鞋是假的，599块，是第三方店铺卖的，我手机号13800138001');
    const caseNo = filed.caseNo ?? '';
    expect(filed.stage).toBe('evidence');
    await first.say('重新开始');
    const next = await first.say('孩子喝的奶粉过期了，在淘宝买的，80元，11月25日收到');
    expect(next.caseNo).toMatch(/^WQ-/);
    expect(next.caseNo).not.toBe(caseNo);

    const second = collectingChannel(engine, 'moved-on-second');
    await second.say('你好');
    const resumed = await second.say(`案件编号 ${caseNo}，手机 13800138001`);
    expect(resumed.stage).toBe('cancelled');
    const reopened = await second.say('返回上一步');
    expect(reopened.stage).toBe('evidence');
    expect(reopened.caseNo).toBe(caseNo);
    const rows = await t.db.query<{ caseNo: string; conversationId: string; status: string; kept: boolean }>(
      'select case_no as "caseNo", conversation_id as "conversationId", status, snapshot is not null as kept from cases where case_no = any($1::text[]) order by created_at',
      [[caseNo, next.caseNo]],
    );
    expect(rows.rows).toEqual([
      { caseNo, conversationId: 'moved-on-second', status: 'open', kept: false },
      { caseNo: next.caseNo, conversationId: 'moved-on-first', status: 'open', kept: false },
    ]);
    const events = await t.db.query<{ type: string }>('select type from case_events where case_no = $1 order by seq', [caseNo]);
    expect(events.rows.map((e) => e.type)).toEqual(['filed', 'closed', 'resumed', 'status_changed']);
  });
});
