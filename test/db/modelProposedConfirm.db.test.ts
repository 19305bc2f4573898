import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TurnResult } from '../../src/engine/types.js';
import { startFakeOpenAI, type ChatBody, type FakeOpenAI } from '../helpers/fakeOpenAI.js';
import { makeModelTestEngine } from '../helpers/llm.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const isUnderstanding = (body: ChatBody) => JSON.stringify(body.response_format ?? body.tools ?? '').includes('read_dispute');
const lastUser = (body: ChatBody) => String(body.messages?.at(-1)?.content ?? '');
const STORY = '我11月20号在京东买的蓝牙耳机，11月22号收到，一只耳朵没声音';
// No number the rules can read as a price: only a model would take it for ¥100.
const UNREADABLE_PRICE = '就一张红票子的价';

async function conversation() {
  const engine = await makeModelTestEngine(t.db, { baseUrl: fake.baseUrl });
  fake.onChat((body) => {
    if (!isUnderstanding(body)) return { status: 500 };
    return lastUser(body).includes('红票子') ? { json: { amountYuan: 100 } } : { json: {} };
  });
  const id = `proposed-${Math.random().toString(36).slice(2)}`;
  let n = 0;
  const say = (text: string, value?: string) => engine.runTurn({ conversationId: id, channel: 'test', turnId: `t${++n}`, text, ...(value ? { value } : {}) });
  const slots = async () =>
    (
      await t.db.query<{ snapshot: { context: { slots: Record<string, unknown>; confirming?: unknown } } }>(
        'select snapshot from conversations where id = $1',
        [id],
      )
    ).rows[0]?.snapshot.context;
  return { say, slots };
}

const texts = (r: TurnResult) => r.replies.map((x) => x.text).join('\n');

describe('values a model proposed are confirmed before use', () => {
  it('asks "is it ¥100?" and uses the amount only after a yes', async () => {
    const c = await conversation();
    const asked = await c.say(STORY);
    expect(asked.replies.at(-1)?.channelData.weiquan.awaiting?.slot).toBe('amountFen');
    const proposed = await c.say(UNREADABLE_PRICE);
    expect(proposed.replies.at(-1)?.text).toBe('我理解的金额是 ¥100，对吗？');
    expect(proposed.replies.at(-1)?.suggestedActions?.map((s) => s.title)).toEqual(['对', '不对']);
    expect(texts(proposed)).not.toMatch(/没太明白/);
    // Not used yet: not in the facts, not in any amount the reply states.
    expect((await c.slots())?.slots.amountFen).toBeUndefined();
    expect((await c.slots())?.confirming).toEqual({ slot: 'amountFen', value: 10000 });
    const confirmed = await c.say('对的');
    expect((await c.slots())?.slots.amountFen).toBe(10000);
    expect((await c.slots())?.confirming).toBeUndefined();
    expect(texts(confirmed)).toContain('¥100');
  });

  it('drops the proposal on a no and asks for the amount again', async () => {
    const c = await conversation();
    await c.say(STORY);
    await c.say(UNREADABLE_PRICE);
    const declined = await c.say('不对', 'proposed_no');
    expect(texts(declined)).toContain('不按这个算');
    expect(declined.replies.at(-1)?.channelData.weiquan.awaiting?.slot).toBe('amountFen');
    expect((await c.slots())?.slots.amountFen).toBeUndefined();
    expect((await c.slots())?.confirming).toBeUndefined();
    // The user's own figure then counts as any answer does.
    await c.say('159');
    expect((await c.slots())?.slots.amountFen).toBe(15900);
  });

  it('lets the user answer with another value, which wins, and forgets the proposal on any other message', async () => {
    const c = await conversation();
    await c.say(STORY);
    await c.say(UNREADABLE_PRICE);
    await c.say('不是，是129');
    expect((await c.slots())?.slots.amountFen).toBe(12900);
    const d = await conversation();
    await d.say(STORY);
    await d.say(UNREADABLE_PRICE);
    await d.say('七天无理由退货从哪天开始算？');
    expect((await d.slots())?.slots.amountFen).toBeUndefined();
    expect((await d.slots())?.confirming).toBeUndefined();
  });
});
