import { TestAdapter } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WeiquanBot } from '../../src/channels/botframework/index.js';
import { makeLogger } from '../../src/logger.js';
import { startChannelServer, type ChannelServer } from '../helpers/channelServer.js';
import { collect, makeDirectLine, post, type Act } from '../helpers/directLineClient.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fakeOpenAI.js';
import { readJson } from '../helpers/http.js';
import { makeModelTestEngine } from '../helpers/llm.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let fake: FakeOpenAI;
let server: ChannelServer;
let secret: string;
// Vague enough that the offline rules leave the type unsure, so the model is asked.
const VAGUE = 'my thingy from JD broke after a couple of days and they keep stalling me';
const SLOW = { delayMs: 1600, then: { json: { disputeType: 'quality_defect', confidence: 0.9 } } };
const FAST = { json: { disputeType: 'quality_defect', confidence: 0.9 } };

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const engine = await makeModelTestEngine(t.db, { baseUrl: fake.baseUrl, timeoutMs: 5000 });
  server = await startChannelServer({ db: t.db, url: t.url, engine });
  secret = (await server.channel.sites.create({ name: 'Typing shop', allowedOrigins: ['https://typing.example'], locale: 'en' })).secret;
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});
beforeEach(() => fake.reset());

const bot = (a: Act) => a.from.id === 'weiquan';

async function directLineTurn(reply: typeof SLOW | typeof FAST) {
  fake.onChat(() => reply);
  const res = await fetch(`${server.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
  const { token, conversationId } = (await readJson(res)) as { token: string; conversationId: string };
  const dl = makeDirectLine({ token, domain: `${server.base}/v3/directline`, webSocket: true });
  const inbox = collect(dl);
  try {
    await inbox.until((all) => all.some((a) => bot(a) && a.type === 'message'), 'the welcome');
    const from = inbox.activities.length;
    const id = await post(dl, { text: VAGUE });
    // Before consent the stored replies are the redacted ones: found by their place after the echo of the message.
    await inbox.until((all) => all.slice(all.findIndex((a) => a.id === id) + 1).some((a) => bot(a) && a.type === 'message'), 'the replies');
    const stored = await t.db.query<{ n: string }>(`select count(*) as n from channel_activities where conversation_id = $1 and activity->>'type' = 'typing'`, [
      conversationId,
    ]);
    return { turn: inbox.activities.slice(from), storedTyping: Number(stored.rows[0]?.n) };
  } finally {
    inbox.stop();
    dl.end();
  }
}

describe('typing while the model is slow', () => {
  it('Direct Line: a slow model call sends typing before the turn ends; it is not stored', async () => {
    const slow = await directLineTurn(SLOW);
    const firstReply = slow.turn.findIndex((a) => bot(a) && a.type === 'message' && a.id !== undefined && a.from.id === 'weiquan');
    const early = slow.turn.slice(0, firstReply).filter((a) => a.type === 'typing' && a.id === undefined);
    expect(early).toHaveLength(1);
    // The log keeps what it kept before: the one typing stored with this turn's replies, none for the early one.
    expect(slow.storedTyping).toBe(1);
    const fast = await directLineTurn(FAST);
    expect(fast.turn.filter((a) => a.type === 'typing' && a.id === undefined)).toHaveLength(0);
  });

  it('Bot Framework: typing goes out while the turn waits, once, and not again before the replies', async () => {
    const engine = await makeModelTestEngine(t.db, { baseUrl: fake.baseUrl, timeoutMs: 5000 });
    const logger = makeLogger({ level: 'silent', pretty: false });
    const run = async (reply: typeof SLOW | typeof FAST, id: string) => {
      fake.onChat(() => reply);
      // What went out, and whether the engine had returned the turn by then.
      const seen: { type: string; duringTurn: boolean }[] = [];
      let returned = false;
      const bot = new WeiquanBot({
        runTurn: async (inbound) => {
          const result = await engine.runTurn(inbound);
          returned = true;
          return result;
        },
        siteId: 'demo',
        logger,
      });
      const adapter = new TestAdapter(async (ctx) => {
        ctx.onSendActivities(async (_c, activities, next) => {
          for (const a of activities) seen.push({ type: a.type ?? '', duringTurn: !returned });
          return next();
        });
        await bot.run(ctx);
      });
      adapter.conversation.conversation.id = `typing-${id}`;
      await adapter.receiveActivity({ type: 'message', id, text: VAGUE, locale: 'en-US' });
      return seen;
    };
    const slow = await run(SLOW, 'slow-1');
    expect(slow.filter((a) => a.type === 'typing')).toEqual([{ type: 'typing', duringTurn: true }]);
    expect(slow[0]?.type).toBe('typing');
    expect(slow.filter((a) => a.type === 'message').length).toBeGreaterThan(0);
    const fast = await run(FAST, 'fast-1');
    // A quick model: the typing goes with the replies, as it always did.
    expect(fast.filter((a) => a.type === 'typing')).toEqual([{ type: 'typing', duringTurn: false }]);
  });
});
