import { testSeal } from '../helpers/testSeal.js';
import { caseIds, parseDate } from '../../src/engineDeps.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCase } from '../../src/cases/sql/caseStore.js';
import { makeRunTurn } from '../../src/engine/runTurn.js';
import type { OutboundReply } from '../../src/engine/types.js';
import { makeLogger } from '../../src/logger.js';
import { loadKnowledge, type Knowledge } from '../../src/retrieval/makeKnowledge.js';
import { assess } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar } from '../../src/rules/calendar/index.js';
import { understandOffline, type Understand, type Understanding } from '../../src/understanding/index.js';
import { repoRoot } from '../helpers/paths.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();

/**
 * The fields of the redesigned Understanding (urgent, questions, language, the personal-data intents),
 * given by an injected understander as a better one will give them: the dialog's side of issue 12 is
 * tested here whatever the offline rules on this branch already find.
 */
type Extra = Partial<Pick<Understanding, 'urgent' | 'questions' | 'language'>> & { intents?: Understanding['intents'] };

async function conversation(extras: Record<string, Extra>) {
  const logger = makeLogger({ level: 'silent', pretty: false });
  const knowledgeDir = path.join(repoRoot, 'knowledge');
  const knowledge: Knowledge = await loadKnowledge({ db: t.db, knowledgeDir, corpus: 'serving', logger });
  const calendar = makeCalendar(await loadHolidayCalendar(path.join(knowledgeDir, 'holidays/cn.json')));
  const understand: Understand = async (message, context) => {
    const offline = await understandOffline(message, context);
    const extra = extras[message];
    if (!extra) return offline;
    const { intents, ...rest } = extra;
    return { ...offline, ...rest, intents: intents ?? offline.intents };
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
    now: () => new Date('2026-11-28T10:00:00+08:00'),
    logger,
  });
  const id = `redesign-${Math.random().toString(36).slice(2)}`;
  let n = 0;
  const say = async (text: string, locale: 'zh' | 'en' = 'zh') => runTurn({ conversationId: id, channel: 'test', turnId: `t${++n}`, text, locale });
  const texts = (replies: OutboundReply[]) => replies.map((r) => r.text).join('\n');
  return { id, say, texts };
}

describe('the conversation redesign (issue 12), with the understanding fields injected', () => {
  it('leads a scam in progress with what to do now, then still helps', async () => {
    const scam = '有个自称淘宝客服的人打电话说要给我退款，让我把手机收到的验证码告诉他，现在还在通话中，怎么办？？急';
    const c = await conversation({ [scam]: { urgent: ['scam_in_progress'] } });
    await c.say('你好');
    const first = await c.say(scam);
    const text = c.texts(first.replies);
    expect(first.replies[0]?.text).toMatch(/^【紧急】/);
    for (const s of ['挂断', '验证码', '110', '96110', '银行']) expect(first.replies[0]?.text).toContain(s);
    // Not repeated on the next turn, and the help goes on.
    expect(text.length).toBeGreaterThan(first.replies[0]!.text.length);
    const next = await c.say('我该怎么办');
    expect(c.texts(next.replies)).not.toContain('【紧急】');
  });

  it('answers a question asked mid-form and asks the pending question again, never swallowing it', async () => {
    const q = '七天无理由从哪天开始算';
    const c = await conversation({ [q]: { intents: ['question'], questions: [q] } });
    await c.say('我在京东买的耳机想退，商家不给退');
    const asked = await c.say(q);
    const text = c.texts(asked.replies);
    expect(asked.replies.some((r) => (r.citations ?? []).length > 0)).toBe(true);
    expect(text).toContain('回到刚才的问题');
  });

  it('follows the language the user switches to, and back', async () => {
    const en = 'I bought a pair of sneakers on Taobao for 599 yuan and they turned out to be fake';
    const c = await conversation({ [en]: { language: 'en' }, 好的: { language: 'zh' } });
    await c.say('你好');
    const english = await c.say(en);
    expect(c.texts(english.replies)).toMatch(/First look: this is "Counterfeit goods"/);
    expect(c.texts(english.replies)).not.toMatch(/[初步判断哪天]/);
    const chinese = await c.say('好的');
    expect(c.texts(chinese.replies)).toMatch(/[\u4e00-\u9fff]{4}/);
  });

  it('withdrawn consent takes the identifying details off the dialog and the case, and the help goes on', async () => {
    const c = await conversation({ 撤回同意: { intents: ['withdraw_consent'] } });
    await c.say('同意');
    const filed = await c.say('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退，我电话13912345678');
    const caseNo = filed.caseNo ?? '';
    expect((await findCase(t.db, testSeal, caseNo))?.record.contact.phone).toBe('13912345678');
    const withdrawn = await c.say('撤回同意');
    expect(c.texts(withdrawn.replies)).toContain('已撤回同意');
    const stored = await findCase(t.db, testSeal, caseNo);
    expect(stored?.record.contact.phone ?? null).toBeNull();
    expect(stored?.record.order.amountFen).toBe(299900);
    const row = await t.db.query<{ consent: string; snapshot: { context: { slots: Record<string, unknown> } } }>(
      'select consent, snapshot from conversations where id = $1',
      [c.id],
    );
    expect(row.rows[0]?.consent).toBe('declined');
    expect(row.rows[0]?.snapshot.context.slots.phone).toBeUndefined();
    const events = await t.db.query<{ type: string }>('select type from case_events where case_no = $1 order by seq', [caseNo]);
    expect(events.rows.map((e) => e.type)).toContain('consent_withdrawn');
    // Still helped: the next step is there.
    const next = await c.say('有订单截图和聊天记录');
    expect(c.texts(next.replies)).toContain('第一步');
  });

  it('before consent keeps no identifier anywhere: not in the snapshot, the turn events or the stored replies', async () => {
    const c = await conversation({});
    const story = '我叫张三，电话13912345678，订单号123456789012，在京东买的耳机坏了，花了399';
    const turn = await c.say(story);
    expect(c.texts(turn.replies)).toContain('还没有保存');
    const stored = await t.db.query<{ snapshot: unknown }>('select snapshot from conversations where id = $1', [c.id]);
    const events = await t.db.query<{ payload: unknown }>('select payload from turn_events where conversation_id = $1', [c.id]);
    const replies = await t.db.query<{ replies: unknown }>('select replies from processed_turns where conversation_id = $1', [c.id]);
    for (const kept of [stored.rows, events.rows, replies.rows]) {
      const json = JSON.stringify(kept);
      expect(json).not.toContain('13912345678');
      expect(json).not.toContain('123456789012');
    }
  });
});
