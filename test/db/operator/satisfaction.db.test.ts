import { describe, expect, it } from 'vitest';
import { makeEvaluation } from '../../../src/operator/evaluation.js';
import { parseRating, withSatisfaction } from '../../../src/operator/satisfaction.js';
import { makeTestEngine } from '../../helpers/engine.js';
import { useTestDatabase } from '../../helpers/testDatabase.js';

const t = useTestDatabase();

describe('the satisfaction question', () => {
  it('reads a button value or a typed score with a comment, and nothing else', () => {
    expect(parseRating({ value: 'satisfaction:4' })).toEqual({ score: 4, comment: null });
    expect(parseRating({ text: 'satisfaction:2' })).toEqual({ score: 2, comment: null });
    expect(parseRating({ text: '5' })).toEqual({ score: 5, comment: null });
    expect(parseRating({ text: '四星，回复很快' })).toEqual({ score: 4, comment: '回复很快' });
    expect(parseRating({ text: '3分 电话13812345678打不通' })?.comment).toBe('电话[已隐去:电话 phone]打不通');
    for (const text of ['15', '6', '5月3日收到的', '3500元', '一直不回复', '2999']) expect(parseRating({ text }), text).toBeUndefined();
  });

  it('is asked once when a case is resolved, stores the answer with identifiers removed, and shows on the evaluation', async () => {
    const engine = await makeTestEngine(t.db);
    await t.db.query(`insert into sites (id, name, secret_hash) values ('s_rate', 's_rate', 'hash-s_rate')`);
    const runTurn = withSatisfaction(engine.runTurn, { db: t.db });
    let n = 0;
    const say = (text: string) => runTurn({ conversationId: 'rate-1', channel: 'test', turnId: `t${++n}`, text, siteId: 's_rate' });
    await say('在吗');
    await say('上个月25号在拼多多买了一台299的破壁机，物流显示签收了，但我根本没收到，快递员说放驿站了，驿站也找不到');
    expect((await say('物流记录和聊天记录都截图了')).stage).toBe('negotiate');
    // A digit before the case is resolved is the dialog's, not a rating.
    const consent = await say('可以，同意');
    expect(consent.replies.map((r) => r.text).join('\n')).not.toContain('满意');
    const resolved = await say('商家同意退款了');
    expect(resolved.stage).toBe('resolved');
    const ask = resolved.replies.at(-1);
    expect(ask?.text).toContain('请回复 1–5 分');
    expect(ask?.suggestedActions?.map((a) => a.value)).toEqual(['satisfaction:5', 'satisfaction:4', 'satisfaction:3', 'satisfaction:2', 'satisfaction:1']);

    const thanks = await say('4分 客服回复有点慢，我电话13812345678');
    expect(thanks.replies.map((r) => r.text)).toEqual(['谢谢你的评价（4 分）。你的意见会用于改进维权预案和服务。']);
    const stored = await t.db.query<{ score: number; comment: string }>(`select score, comment from satisfaction_ratings where conversation_id = 'rate-1'`);
    expect(stored.rows).toEqual([{ score: 4, comment: '客服回复有点慢，我电话[已隐去:电话 phone]' }]);
    // Answered once: another number goes to the dialog.
    const again = await say('5');
    expect(again.replies.map((r) => r.text).join('\n')).not.toContain('谢谢你的评价');
    expect((await t.db.query(`select 1 from satisfaction_ratings where conversation_id = 'rate-1'`)).rowCount).toBe(1);

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const e = await makeEvaluation({ db: t.db }).evaluate({ sites: ['s_rate'], from: today, to: today });
    expect(e.satisfaction).toEqual({
      count: 1,
      average: 4,
      byScore: [{ key: '4', count: 1 }],
      comments: [{ score: 4, text: '客服回复有点慢，我电话[已隐去:电话 phone]', at: today }],
    });
  });
});
