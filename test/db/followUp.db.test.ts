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
    const row = await t.db.query<{ conversationId: string; status: string }>('select conversation_id as "conversationId", status from cases where case_no = $1', [caseNo]);
    expect(row.rows).toEqual([{ conversationId: 'follow-up-second', status: 'resolved' }]);
  });
});
