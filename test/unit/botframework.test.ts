import { TestAdapter, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { isLocalRequest, isLoopbackAddress, WeiquanBot } from '../../src/channels/botframework/index.js';
import { toActivities } from '../../src/channels/botframework/toActivities.js';
import { TurnFailed } from '../../src/channels/botframework/weiquanBot.js';
import { conversationIdFor, localeOf, toInbound, toWelcome } from '../../src/channels/botframework/toInbound.js';
import { parseConfig } from '../../src/config.js';
import type { InboundMessage, OutboundReply, TurnResult } from '../../src/engine/types.js';
import { makeLogger } from '../../src/logger.js';

const logger = makeLogger({ level: 'silent', pretty: false });

const activity = (fields: Partial<Activity>): Activity =>
  ({
    type: 'message',
    id: 'a1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/cn/',
    conversation: { id: '19:abc@thread.v2' },
    from: { id: 'user-1', name: 'user' },
    recipient: { id: 'bot-1', name: 'weiquan' },
    ...fields,
  }) as Activity;

describe('toInbound', () => {
  it('namespaces the conversation by channel and uses the activity id as the turn id', () => {
    expect(toInbound(activity({ text: ' 你好 ' }), 'demo')).toEqual({
      conversationId: 'bf:msteams:19:abc@thread.v2',
      channel: 'msteams',
      turnId: 'a1',
      siteId: 'demo',
      text: '你好',
    });
    expect(conversationIdFor({ channelId: 'emulator', conversation: { id: 'c1' } as Activity['conversation'] })).toBe('bf:emulator:c1');
  });

  it('takes a postBack value, and the value of a messageBack or card submit object', () => {
    expect(toInbound(activity({ text: 'yes', value: 'yes' }), 'demo')).toMatchObject({ text: 'yes', value: 'yes' });
    expect(toInbound(activity({ value: { value: 'refused' } }), 'demo')).toMatchObject({ value: 'refused' });
    expect(toInbound(activity({ value: 'agreed' }), 'demo')).not.toHaveProperty('text');
    expect(toInbound(activity({ text: '拒绝了', value: { other: 1 } }), 'demo')).not.toHaveProperty('value');
  });

  it('reads the language from the activity locale', () => {
    expect(toInbound(activity({ text: 'hi', locale: 'en-US' }), 'demo')?.locale).toBe('en');
    expect(toInbound(activity({ text: '你好', locale: 'zh-CN' }), 'demo')?.locale).toBe('zh');
    expect(toInbound(activity({ text: 'bonjour', locale: 'fr-FR' }), 'demo')).not.toHaveProperty('locale');
    expect([localeOf('zh-Hans'), localeOf('en_GB'), localeOf(undefined)]).toEqual(['zh', 'en', undefined]);
  });

  it("drops the bot's own @mention from a group-chat message", () => {
    const mentioned = activity({
      text: '<at>维权助手</at> 买的鞋是假的',
      entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: '维权助手' }, text: '<at>维权助手</at>' }],
    });
    expect(toInbound(mentioned, 'demo')?.text).toBe('买的鞋是假的');
  });

  it('gives nothing for a message with neither text nor a choice', () => {
    expect(toInbound(activity({ text: '   ', attachments: [{ contentType: 'image/png', contentUrl: 'https://x/y.png' }] }), 'demo')).toBeUndefined();
  });
});

describe('toWelcome', () => {
  it('greets a member who joined, once per activity id', () => {
    const joined = activity({
      type: 'conversationUpdate',
      id: 'u1',
      membersAdded: [
        { id: 'bot-1', name: 'weiquan' },
        { id: 'user-1', name: 'user' },
      ],
    });
    expect(toWelcome(joined, 'site_x')).toEqual({ conversationId: 'bf:msteams:19:abc@thread.v2', channel: 'msteams', turnId: 'u1', siteId: 'site_x' });
  });

  it('greets nobody when only the bot joined', () => {
    expect(toWelcome(activity({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'weiquan' }] }), 'demo')).toBeUndefined();
  });
});

describe('toActivities', () => {
  it('sends text, imBack choices, channelData.weiquan and citations as Weiquan citation attachments', () => {
    const reply: OutboundReply = {
      text: '根据消费者权益保护法第二十五条，你可以七日内退货。',
      suggestedActions: [{ title: '同意', value: 'yes' }],
      citations: [{ law: '消费者权益保护法', article: '第二十五条' }],
      channelData: { weiquan: { stage: 'welcome' } },
    };
    const [out] = toActivities([reply]);
    expect(out).toMatchObject({
      type: 'message',
      text: reply.text,
      suggestedActions: { actions: [{ type: 'imBack', title: '同意', value: 'yes' }] },
      channelData: { weiquan: { stage: 'welcome' } },
      // A hero card: clients render title and text; our widget reads the fields.
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.hero',
          content: { title: '《消费者权益保护法》第二十五条', law: '消费者权益保护法', article: '第二十五条' },
        },
      ],
    });
  });

  it('leaves out suggested actions and attachments when there are none', () => {
    const [out] = toActivities([{ text: '好的', channelData: { weiquan: { stage: 'triage' } } }]);
    expect(out).not.toHaveProperty('suggestedActions');
    expect(out).not.toHaveProperty('attachments');
  });
});

describe('isLoopbackAddress / isLocalRequest', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['192.0.2.2', false],
    ['::ffff:192.0.2.2', false],
    ['fd00::2', false],
    ['localhost', false],
    ['', false],
    [undefined, false],
  ])('%s is loopback: %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it('refuses a loopback peer that forwards someone else (a reverse proxy on this machine)', () => {
    expect(isLocalRequest('127.0.0.1', {})).toBe(true);
    expect(isLocalRequest('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).toBe(true);
    expect(isLocalRequest('127.0.0.1', { 'x-forwarded-for': '203.0.113.5, 127.0.0.1' })).toBe(false);
    expect(isLocalRequest('::1', { 'x-real-ip': '203.0.113.5' })).toBe(false);
    expect(isLocalRequest('127.0.0.1', { forwarded: 'for="[2001:db8::1]:4711";proto=https' })).toBe(false);
    expect(isLocalRequest('127.0.0.1', { forwarded: 'for=127.0.0.1:5000' })).toBe(true);
    expect(isLocalRequest('192.0.2.2', {})).toBe(false);
  });
});

/** An engine stand-in that records what it was given; the real engine is driven in test/db. */
function recordingEngine(answer: (inbound: InboundMessage) => OutboundReply[]) {
  const seen: InboundMessage[] = [];
  const runTurn = async (inbound: InboundMessage): Promise<TurnResult> => {
    seen.push(inbound);
    return { replies: answer(inbound), stage: 'triage', duplicate: false };
  };
  return { seen, runTurn };
}

const said = (text: string): OutboundReply => ({ text, channelData: { weiquan: { stage: 'triage' } } });

describe('WeiquanBot under TestAdapter', () => {
  it('sends a typing activity, then the replies, for a message', async () => {
    const engine = recordingEngine((m) => [said(`收到：${m.text}`), said('还有别的吗？')]);
    const bot = new WeiquanBot({ runTurn: engine.runTurn, siteId: 'demo', logger });
    const adapter = new TestAdapter((ctx) => bot.run(ctx));
    await adapter.receiveActivity({ type: 'message', id: 'm1', text: '你好', locale: 'zh-CN' });
    expect(adapter.activeQueue.map((a) => [a.type, a.text])).toEqual([
      ['typing', undefined],
      ['message', '收到：你好'],
      ['message', '还有别的吗？'],
    ]);
    // onWaiting: how a slow model's wait reaches the channel (a typing activity while the turn runs).
    expect(engine.seen).toEqual([
      { conversationId: 'bf:test:Convo1', channel: 'test', turnId: 'm1', siteId: 'demo', text: '你好', locale: 'zh', onWaiting: expect.any(Function) },
    ]);
  });

  it('runs the welcome turn when the user joins, and nothing when only the bot does', async () => {
    const engine = recordingEngine(() => [said('你好，我是维权助手。')]);
    const bot = new WeiquanBot({ runTurn: engine.runTurn, siteId: 'demo', logger });
    const adapter = new TestAdapter((ctx) => bot.run(ctx));
    await adapter.receiveActivity({ type: 'conversationUpdate', id: 'c0', membersAdded: [{ id: 'bot', name: 'Bot' }] });
    expect(adapter.activeQueue).toHaveLength(0);
    await adapter.receiveActivity({
      type: 'conversationUpdate',
      id: 'c1',
      membersAdded: [
        { id: 'bot', name: 'Bot' },
        { id: 'user', name: 'User' },
      ],
    });
    expect(adapter.activeQueue.map((a) => a.text)).toEqual([undefined, '你好，我是维权助手。']);
    expect(engine.seen).toEqual([{ conversationId: 'bf:test:Convo1', channel: 'test', turnId: 'c1', siteId: 'demo', onWaiting: expect.any(Function) }]);
  });

  it('passes a postBack value to the engine as the choice', async () => {
    const engine = recordingEngine(() => [said('好的')]);
    const bot = new WeiquanBot({ runTurn: engine.runTurn, siteId: 'demo', logger });
    const adapter = new TestAdapter((ctx) => bot.run(ctx));
    await adapter.receiveActivity({ type: 'message', id: 'p1', text: '商家拒绝了', value: 'refused' });
    expect(engine.seen[0]).toMatchObject({ text: '商家拒绝了', value: 'refused' });
  });

  it('reports an engine failure as a failed turn (the channel retries), not an apology sent as success', async () => {
    const failing = async (): Promise<TurnResult> => {
      throw new Error('database went away');
    };
    const bot = new WeiquanBot({ runTurn: failing, siteId: 'demo', logger });
    const adapter = new TestAdapter((ctx) => bot.run(ctx));
    await expect(adapter.receiveActivity({ type: 'message', id: 'e1', text: 'hello', locale: 'en-US' })).rejects.toBeInstanceOf(TurnFailed);
    expect(adapter.activeQueue.filter((a) => a.type === 'message')).toHaveLength(0);
  });

  it('says where to send files when a message carries only attachments', async () => {
    const engine = recordingEngine(() => [said('不该调用')]);
    const bot = new WeiquanBot({ runTurn: engine.runTurn, siteId: 'demo', logger });
    const adapter = new TestAdapter((ctx) => bot.run(ctx));
    await adapter.receiveActivity({ type: 'message', id: 'f1', attachments: [{ contentType: 'image/png', contentUrl: 'https://x/y.png' }] });
    expect(engine.seen).toHaveLength(0);
    expect(adapter.activeQueue.map((a) => a.text)).toEqual(['这里暂时收不到文件。请用文字描述情况，或在网页聊天窗口上传证据。']);
  });
});

describe('Bot Framework configuration', () => {
  it('turns authentication off without an app id and points at the demo site by default', () => {
    const result = parseConfig({});
    expect(result.ok && result.config).toMatchObject({ botframework: undefined, botframeworkSiteId: 'demo', demoSite: true });
  });

  it('is not configured in production without a site', () => {
    const result = parseConfig({ NODE_ENV: 'production' });
    expect(result.ok && result.config).toMatchObject({ demoSite: false, botframeworkSiteId: undefined });
    expect(parseConfig({ NODE_ENV: 'production', BOTFRAMEWORK_SITE_ID: 'site_ab12cd34' })).toMatchObject({
      ok: true,
      config: { botframeworkSiteId: 'site_ab12cd34' },
    });
  });

  it('accepts the credential combinations Azure Bot Service uses', () => {
    expect(parseConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' })).toMatchObject({
      ok: true,
      config: { botframework: { appId: 'app', password: 'pw', appType: 'MultiTenant' } },
    });
    expect(parseConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: 't' }).ok).toBe(
      true,
    );
    expect(parseConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 't' }).ok).toBe(true);
  });

  it.each([
    [{ MICROSOFT_APP_PASSWORD: 'pw' }, /MICROSOFT_APP_ID: required/],
    [{ MICROSOFT_APP_ID: 'app' }, /MICROSOFT_APP_PASSWORD: required/],
    [{ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant' }, /MICROSOFT_APP_TENANT_ID: required/],
    [{ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 't' }, /must not be set/],
    [{ MICROSOFT_APP_TYPE: 'Anonymous' }, /MICROSOFT_APP_TYPE/],
    [{ BOTFRAMEWORK_SITE_ID: 'Not A Site' }, /BOTFRAMEWORK_SITE_ID/],
  ])('rejects %o', (env, problem) => {
    const result = parseConfig(env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(problem);
  });
});
