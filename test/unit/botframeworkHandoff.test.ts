import { EventFactory, TestAdapter, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { makeBotFrameworkEndpoint, WeiquanBot, type HubHandoff } from '../../src/channels/botframework/index.js';
import { InvalidActivity, parseHandoffStatus } from '../../src/channels/botframework/hubHandoff.js';
import type { InboundMessage, OutboundReply, TurnResult } from '../../src/engine/types.js';
import { makeLogger } from '../../src/logger.js';

/**
 * The Bot Framework handoff protocol as the channel speaks it, with the engine and the hub's store
 * replaced by recording functions (their real behaviour is in test/db/botframeworkHandoff.db.test.ts).
 */
const logger = makeLogger({ level: 'silent', pretty: false });
const said = (text: string, stage: OutboundReply['channelData']['weiquan']['stage'] = 'handoff'): OutboundReply => ({
  text,
  channelData: { weiquan: { stage } },
});

function recordingHub(answers: { accepted?: boolean; failed?: OutboundReply[]; completed?: TurnResult } = {}) {
  const calls: unknown[][] = [];
  // What the store records: the turns whose handoff.initiate reached the channel.
  const signalled = new Set<string>();
  const hub: HubHandoff = {
    async initiation(conversationId, turnId) {
      calls.push(['initiation', conversationId, turnId]);
      if (signalled.has(turnId)) return undefined;
      return {
        context: { category: 'quality', caseNo: 'WQ-20261128-7K3P', stage: 'negotiate', locale: 'zh', reason: 'requested' },
        transcript: [
          { id: 't1', from: 'user', at: '2026-11-28T10:00:00.000+08:00', text: '屏幕有亮点' },
          { id: 't1#0', from: 'bot', at: '2026-11-28T10:00:00.000+08:00', text: '已记下。' },
          { id: 't2', from: 'user', at: '2026-11-28T10:01:00.000+08:00', withheld: 'no_consent' },
        ],
      };
    },
    async initiated(...args) {
      calls.push(['initiated', ...args]);
      signalled.add(args[1]);
    },
    async accepted(...args) {
      calls.push(['accepted', ...args]);
      return answers.accepted ?? true;
    },
    async failed(...args) {
      calls.push(['failed', ...args]);
      return answers.failed;
    },
    async completed(...args) {
      calls.push(['completed', ...args]);
      return answers.completed;
    },
  };
  return { hub, calls };
}

function botWith(runTurn: (inbound: InboundMessage) => Promise<TurnResult>, hub: HubHandoff | undefined) {
  const bot = new WeiquanBot({ runTurn, siteId: 'demo', logger, ...(hub ? { hub } : {}) });
  const adapter = new TestAdapter((ctx) => bot.run(ctx));
  return async (activity: Partial<Activity>) => {
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity(activity);
    return [...adapter.activeQueue];
  };
}

const askedForPerson = async (): Promise<TurnResult> => ({
  replies: [said('好的，正在为你转接人工客服。')],
  stage: 'handoff',
  duplicate: false,
  handoffRequested: true,
});
const status = (id: string, value: unknown) => ({ type: 'event', id, name: 'handoff.status', value });

describe('parseHandoffStatus', () => {
  it("takes the value botbuilder's EventFactory.createHandoffStatus builds", () => {
    const conversation = { id: 'c1' } as Activity['conversation'];
    expect(parseHandoffStatus(EventFactory.createHandoffStatus(conversation, 'accepted').value)).toEqual({ state: 'accepted' });
    expect(parseHandoffStatus(EventFactory.createHandoffStatus(conversation, 'failed', 'queue full').value)).toEqual({
      state: 'failed',
      message: 'queue full',
    });
  });

  it.each([[{ state: 'transferred' }], ['completed'], [{ state: 'failed', message: 7 }], [null], [{ state: 'failed', message: 'x'.repeat(2001) }]])(
    'refuses %o',
    (value) => {
      expect(() => parseHandoffStatus(value)).toThrow(InvalidActivity);
    },
  );
});

describe('WeiquanBot with an agent hub', () => {
  it('sends handoff.initiate after the replies of the turn that asked for a person', async () => {
    const { hub, calls } = recordingHub();
    const turn = botWith(askedForPerson, hub);
    const out = await turn({ type: 'message', id: 'h1', text: '转人工' });
    expect(out.map((a) => [a.type, a.name ?? a.text])).toEqual([
      ['typing', undefined],
      ['message', '好的，正在为你转接人工客服。'],
      ['event', 'handoff.initiate'],
    ]);
    const initiate = out[2]!;
    expect(initiate).toMatchObject({
      replyToId: 'h1',
      value: { category: 'quality', caseNo: 'WQ-20261128-7K3P', stage: 'negotiate', locale: 'zh', reason: 'requested' },
    });
    const transcript = initiate.attachments?.[0];
    expect(transcript).toMatchObject({ contentType: 'application/json', name: 'Transcript' });
    const lines = (transcript?.content as { activities: Activity[] }).activities;
    expect(lines.map((a) => [a.from.role, a.text])).toEqual([
      ['user', '屏幕有亮点'],
      ['bot', '已记下。'],
      ['user', ''],
    ]);
    expect(lines[2]?.channelData).toEqual({ weiquan: { withheld: 'no_consent' } });
    expect(calls).toEqual([
      ['initiation', 'bf:test:Convo1', 'h1'],
      ['initiated', 'bf:test:Convo1', 'h1', 'test'],
    ]);
  });

  it('asks the hub again on a retried turn only while it waits, and sends what the hub still owes', async () => {
    const { hub, calls } = recordingHub();
    await botWith(askedForPerson, hub)({ type: 'message', id: 'h1', text: '转人工' });
    const retried = botWith(async () => ({ ...(await askedForPerson()), handoffRequested: undefined, duplicate: true }), hub);
    expect((await retried({ type: 'message', id: 'h1', text: '转人工' })).map((a) => a.type)).toEqual(['typing', 'message']);
    // The first attempt's replies never reached the channel, so neither did its signal: the retry sends it.
    expect((await retried({ type: 'message', id: 'lost', text: '转人工' })).map((a) => a.type)).toEqual(['typing', 'message', 'event']);
    calls.splice(0);
    const ordinary = botWith(async () => ({ replies: [said('你好', 'triage')], stage: 'triage', duplicate: false }), hub);
    expect((await ordinary({ type: 'message', id: 'o1', text: '你好' })).map((a) => a.type)).toEqual(['typing', 'message']);
    expect(calls).toEqual([]);
    expect((await botWith(askedForPerson, undefined)({ type: 'message', id: 'h2', text: '转人工' })).map((a) => a.type)).toEqual(['typing', 'message']);
  });

  it('sends nothing at all, not even typing, for a message kept for the agent', async () => {
    const turn = botWith(async () => ({ replies: [], stage: 'handoff', duplicate: false, forwardedToAgent: true }), recordingHub().hub);
    expect(await turn({ type: 'message', id: 'u1', text: '在吗' })).toEqual([]);
  });

  it('hands each status to the hub with the conversation and the channel, and sends what it says', async () => {
    const completed: TurnResult = {
      replies: [said('人工客服已把对话交还给我（维权助手），我们接着处理。', 'negotiate')],
      stage: 'negotiate',
      duplicate: false,
    };
    const { hub, calls } = recordingHub({ failed: [said('抱歉，现在没有客服能接待。')], completed });
    const turn = botWith(askedForPerson, hub);
    expect(await turn(status('s1', { state: 'accepted' }))).toEqual([]);
    expect((await turn(status('s2', { state: 'failed', message: 'nobody online' }))).map((a) => a.text)).toEqual(['抱歉，现在没有客服能接待。']);
    expect((await turn(status('s3', { state: 'completed' }))).map((a) => a.text)).toEqual(['人工客服已把对话交还给我（维权助手），我们接着处理。']);
    expect(calls).toEqual([
      ['accepted', 'bf:test:Convo1', 'test'],
      ['failed', 'bf:test:Convo1', 'test', 'nobody online'],
      ['completed', 'bf:test:Convo1', 'test', 'handoff.status:s3'],
    ]);
  });

  it('ignores other events, and a status the hub finds nothing to apply to', async () => {
    const { hub, calls } = recordingHub({ accepted: false });
    const turn = botWith(askedForPerson, hub);
    expect(await turn({ type: 'event', id: 'e1', name: 'webchat/join', value: {} })).toEqual([]);
    expect(await turn(status('s1', { state: 'accepted' }))).toEqual([]);
    expect(await turn(status('s2', { state: 'completed' }))).toEqual([]);
    expect(calls.map((c) => c[0])).toEqual(['accepted', 'completed']);
  });
});

describe('makeBotFrameworkEndpoint', () => {
  it('refuses a malformed handoff.status as an invalid activity, without asking the hub', async () => {
    const { hub, calls } = recordingHub();
    const endpoint = makeBotFrameworkEndpoint({ runTurn: askedForPerson, siteId: 'demo', credentials: undefined, logger, hub });
    const activity = {
      type: 'event',
      id: 'bad',
      name: 'handoff.status',
      value: { state: 'maybe' },
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: 'c1' },
      from: { id: 'u' },
      recipient: { id: 'b' },
      deliveryMode: 'expectReplies',
    };
    expect(await endpoint.handle({ activity, authorization: '' })).toMatchObject({ kind: 'rejected', reason: 'invalid_activity' });
    expect(await endpoint.handle({ activity: { ...activity, value: { state: 'accepted' } }, authorization: '' })).toEqual({
      kind: 'handled',
      status: 200,
      body: { activities: [] },
    });
    expect(calls).toEqual([['accepted', 'bf:emulator:c1', 'emulator']]);
  });
});
