import { describe, expect, it } from 'vitest';
import { collectingChannel, makeTestEngine } from '../helpers/engine.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();

describe('citations in replies', () => {
  it('carry the text and version of the article we hold, so channels can expand them', async () => {
    const engine = await makeTestEngine(t.db);
    const chat = collectingChannel(engine, 'quotes-1');
    await chat.say('同意');
    const turn = await chat.say('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退');
    const citations = turn.replies.flatMap((r) => r.citations ?? []);
    expect(citations.length).toBeGreaterThan(1);
    for (const c of citations) {
      const held = engine.knowledge.article(c.law, c.article);
      expect(held, `${c.law}${c.article} is an article we hold`).toBeDefined();
      expect(c.quote && held?.text.startsWith(c.quote.replace(/…$/, ''))).toBe(true);
      expect(c.versionDate).toBe(held?.versionDate ?? undefined);
    }
    const sevenDays = citations.find((c) => c.law === '消费者权益保护法' && c.article === '第二十五条');
    expect(sevenDays?.quote).toContain('七日内退货');
  });
});
