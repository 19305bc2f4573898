import { caseIds, parseDate } from '../../src/engineDeps.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRunTurn } from '../../src/engine/runTurn.js';
import { makeLogger } from '../../src/logger.js';
import { loadKnowledge } from '../../src/retrieval/makeKnowledge.js';
import { assess } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar } from '../../src/rules/calendar/index.js';
import { understandOffline, type Understand, type UnderstandContext } from '../../src/understanding/index.js';
import { repoRoot } from '../helpers/paths.js';
import { useTestDatabase } from '../helpers/testDatabase.js';
import { eraseConsumerData } from '../../src/cases/sql/retention.js';
import { testSeal } from '../helpers/testSeal.js';

const t = useTestDatabase();

/** The real engine whose understanding is the offline one, recorded (every context it was given). */
async function engine(wrap: (offline: Understand) => Understand = (o) => o) {
  const logger = makeLogger({ level: 'silent', pretty: false });
  const knowledgeDir = path.join(repoRoot, 'knowledge');
  const knowledge = await loadKnowledge({ db: t.db, knowledgeDir, corpus: 'serving', logger });
  const calendar = makeCalendar(await loadHolidayCalendar(path.join(knowledgeDir, 'holidays/cn.json')));
  const contexts: { message: string; context: UnderstandContext }[] = [];
  const inner = wrap(understandOffline);
  const understand: Understand = (message, context) => {
    contexts.push({ message, context });
    return inner(message, context);
  };
  const runTurn = makeRunTurn({
    db: t.db,
    understand,
    answer: knowledge.answer,
    quote: knowledge.article,
    assess: (input) => assess(input, calendar),
    parseDate,
    caseIds,
    seal: testSeal,
    dataRights: { erase: (id, keep) => eraseConsumerData(t.db, id, keep) },
    now: () => new Date('2026-11-28T10:00:00+08:00'),
    logger,
  });
  const conversation = () => {
    const id = `extras-${Math.random().toString(36).slice(2)}`;
    let n = 0;
    return {
      id,
      say: (text: string, value?: string, locale: 'zh' | 'en' = 'zh') =>
        runTurn({ conversationId: id, channel: 'test', turnId: `t${++n}`, text, ...(value ? { value } : {}), locale }),
    };
  };
  return { contexts, conversation };
}

describe('yes / no prompts tell the understanding so', () => {
  it('passes expectsYesNo at the consent prompt only, so a typo there (统一) reads as 同意', async () => {
    const e = await engine();
    const c = e.conversation();
    await c.say('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退');
    const asked = await c.say('有订单截图和聊天记录');
    expect(asked.replies.at(-1)?.channelData.weiquan.awaiting?.slot).toBe('consent');
    expect(e.contexts.every((x) => x.context.expectsYesNo === undefined)).toBe(true);
    const given = await c.say('统一');
    expect(e.contexts.at(-1)?.context.expectsYesNo).toBe(true);
    expect(given.caseNo).toMatch(/.+/);
    const stored = await t.db.query<{ consent: string }>('select consent from conversations where id = $1', [c.id]);
    expect(stored.rows[0]?.consent).toBe('given');
    // Past the prompt, ordinary messages are read as ever.
    await c.say('商家拒绝了');
    expect(e.contexts.at(-1)?.context.expectsYesNo).toBeUndefined();
  });
});

describe('a quick-start button as the very first message', () => {
  it('is taken, whether the value comes as text (imBack) or as the value (messageBack), before any welcome was shown', async () => {
    const e = await engine();
    const asText = await e.conversation().say('quality_defect');
    expect(asText.replies.at(-1)?.channelData.weiquan.category).toBe('quality_defect');
    expect(asText.stage).not.toBe('welcome');
    const asValue = await e.conversation().say('旅行票务', 'travel_ticket');
    expect(asValue.replies.at(-1)?.channelData.weiquan.category).toBe('travel_ticket');
    // A plain greeting first is still answered by the welcome alone.
    const hello = await e.conversation().say('你好');
    expect(hello.stage).toBe('welcome');
    expect(hello.replies.at(-1)?.channelData.weiquan.category).toBeUndefined();
  });

  it('classes a 美团 / 猫眼 / 淘票票 movie ticket as a ticket dispute, not food delivery', async () => {
    const e = await engine();
    for (const story of ['美团上买了两张电影票，场次取消了不退钱', '猫眼买的演唱会门票，演出延期了不给退', '淘票票买的电影票退款失败']) {
      const turn = await e.conversation().say(story);
      expect(turn.replies.at(-1)?.channelData.weiquan.category, story).toBe('travel_ticket');
    }
    expect((await e.conversation().say('美团外卖点的麻辣烫送了一个半小时，都凉了')).replies.at(-1)?.channelData.weiquan.category).toBe('food_delivery');
  });
});

describe('a second dispute in the same conversation', () => {
  const first = '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退';
  const cases = (id: string) =>
    t.db.query<{ case_no: string; category: string; status: string; record: { facts?: Record<string, unknown> } & Record<string, unknown> }>(
      'select case_no, category, status, record from cases where conversation_id = $1 order by created_at, case_no',
      [id],
    );

  it('opens a second case and keeps the first as it was', async () => {
    const e = await engine();
    const c = e.conversation();
    await c.say('同意');
    const filed = await c.say(first);
    const firstNo = filed.caseNo ?? '';
    expect(firstNo).toMatch(/.+/);
    await c.say('有订单截图和聊天记录');
    const before = (await cases(c.id)).rows;
    expect(before).toHaveLength(1);

    const second = await c.say('另外，我11月20号在拼多多买的运动鞋399块，穿了两天就开胶了');
    const text = second.replies.map((r) => r.text).join('\n');
    expect(text).toContain(firstNo);
    expect(second.replies.at(-1)?.channelData.weiquan.category).toBe('quality_defect');
    // The new story is collected from scratch (nothing of the phone's facts carried over), and filed once assessed.
    expect(second.replies.at(-1)?.channelData.weiquan.awaiting?.slot).toBe('receivedDate');
    const assessed = await c.say('11月22号收到的');
    const after = (await cases(c.id)).rows;
    expect(after).toHaveLength(2);
    const kept = after.find((k) => k.case_no === firstNo);
    const opened = after.find((k) => k.case_no !== firstNo);
    // The first case is untouched: its type, its facts, its status.
    expect(kept?.category).toBe(before[0]?.category);
    expect(kept?.status).toBe(before[0]?.status);
    expect(JSON.stringify(kept?.record)).toContain('手机');
    expect(JSON.stringify(kept?.record)).not.toContain('运动鞋');
    expect(opened?.category).toBe('quality_defect');
    expect(JSON.stringify(opened?.record)).toContain('运动鞋');
    expect(JSON.stringify(opened?.record)).not.toContain('手机');
    expect(assessed.caseNo).toBe(opened?.case_no);
    const events = await t.db.query<{ type: string }>('select type from case_events where case_no = $1 order by seq', [firstNo]);
    expect(events.rows.map((r) => r.type)).toContain('set_aside');
  });

  it('keeps one case when the message only corrects or adds to the filed dispute', async () => {
    const e = await engine();
    const c = e.conversation();
    await c.say('同意');
    await c.say(first);
    await c.say('有订单截图和聊天记录');
    await c.say('手机屏幕还是有亮点');
    await c.say('不是2999，是2899');
    await c.say('不对，不是手机，是平板，屏幕也有亮点');
    expect((await cases(c.id)).rows).toHaveLength(1);
  });
});
