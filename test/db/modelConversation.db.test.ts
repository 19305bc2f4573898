import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSitesCommand } from '../../src/admin/sites.js';
import { makeSites } from '../../src/sites/index.js';
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
const UNREADABLE = 'my thingy from JD broke after a couple of days and they keep stalling me';

describe('a conversation with the model configured', () => {
  it('fills the case from a message the offline rules cannot read', async () => {
    const offline = await makeModelTestEngine(t.db);
    const model = await makeModelTestEngine(t.db, { baseUrl: fake.baseUrl });
    fake.onChat((body) =>
      isUnderstanding(body)
        ? { json: { disputeType: 'quality_defect', confidence: 0.9, product: 'thingy', platform: 'JD', problem: 'broke after a couple of days' } }
        : { status: 500 },
    );
    const say = (engine: typeof model, id: string, turnId: string, text: string) =>
      engine.runTurn({ conversationId: id, channel: 'test', turnId, locale: 'en', text });

    await say(offline, 'unreadable-offline', 't1', 'I agree');
    await say(model, 'unreadable-model', 't1', 'I agree');
    const a = await say(offline, 'unreadable-offline', 't2', UNREADABLE);
    const b = await say(model, 'unreadable-model', 't2', UNREADABLE);
    expect(a.replies.at(-1)?.channelData.weiquan.category).toBeUndefined();
    expect(b.replies.at(-1)?.channelData.weiquan.category).toBe('quality_defect');
    expect(b.stage).not.toBe(a.stage);
    // The model read it from the redacted text; the rules engine is still the one that decides.
    const stored = await t.db.query<{ snapshot: { context: { slots: Record<string, unknown> } } }>('select snapshot from conversations where id = $1', [
      'unreadable-model',
    ]);
    expect(stored.rows[0]?.snapshot.context.slots).toMatchObject({ product: 'thingy', platform: '京东' });
    expect(model.outcomes).toContainEqual({ purpose: 'understand', outcome: 'ok' });
  });

  it('sends nothing to the model for a site that turned it off, and the admin CLI switches it', async () => {
    const sites = makeSites({ db: t.db });
    const { site } = await sites.create({ name: 'Offline shop', allowedOrigins: ['https://offline.example'], locale: 'en' });
    expect(site.modelEnabled).toBe(true);
    const out: string[] = [];
    expect(await runSitesCommand(['model', '--site', site.id, '--model', 'off'], { sites, out: { write: (s) => out.push(s) } })).toBe(0);
    expect(out.join('')).toMatch(/model off/);
    expect(await runSitesCommand(['model', '--site', site.id, '--model', 'maybe'], { sites, out: { write: (s) => out.push(s) } })).toBe(2);
    expect(await runSitesCommand(['model', '--site', 'site_nosuchsite', '--model', 'on'], { sites, out: { write: (s) => out.push(s) } })).toBe(1);
    expect((await sites.find(site.id))?.modelEnabled).toBe(false);

    const model = await makeModelTestEngine(t.db, { baseUrl: fake.baseUrl, sites });
    fake.onChat(() => ({ json: { disputeType: 'quality_defect', confidence: 0.9 } }));
    const say = (siteId: string, id: string, turnId: string, text: string) =>
      model.runTurn({ conversationId: id, channel: 'test', turnId, locale: 'en', siteId, text });
    await say(site.id, 'site-off', 't1', 'I agree');
    const off = await say(site.id, 'site-off', 't2', UNREADABLE);
    expect(off.replies.at(-1)?.channelData.weiquan.category).toBeUndefined();
    expect(fake.chatRequests()).toHaveLength(0);

    // An unknown site is not allowed (fail closed); no site at all (the chat CLI) is.
    expect(await sites.modelAllowed('site_unknown1')).toBe(false);
    expect(await sites.modelAllowed(undefined)).toBe(true);

    const { site: on } = await sites.create({ name: 'Model shop', allowedOrigins: ['https://model.example'], locale: 'en' });
    await say(on.id, 'site-on', 't1', 'I agree');
    const used = await say(on.id, 'site-on', 't2', UNREADABLE);
    expect(used.replies.at(-1)?.channelData.weiquan.category).toBe('quality_defect');
    expect(fake.chatRequests().length).toBeGreaterThan(0);

    const listed: string[] = [];
    await runSitesCommand(['list', '--json'], { sites, out: { write: (s) => listed.push(s) } });
    expect(JSON.parse(listed.join(''))).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: site.id, model: 'off' }), expect.objectContaining({ id: on.id, model: 'on' })]),
    );
  });
});
