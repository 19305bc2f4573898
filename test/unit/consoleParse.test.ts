import { describe, expect, it } from 'vitest';
import { clock, duration, snippet, yuan } from '../../web/console/format.js';
import { strings } from '../../web/console/i18n.js';
import { parseConversationView, parseQueue, parseStreamMessage, ShapeError } from '../../web/console/parse.js';

/** The console's readers of what the server sends, and its formatting of money and waiting time. */
describe('the console reading server responses', () => {
  it('reads a queue item, with defaults for what a server may leave out', () => {
    const queue = parseQueue({
      waiting: [
        {
          conversationId: 'c1',
          siteId: 'demo',
          channel: 'widget',
          owner: 'waiting',
          agentId: null,
          category: 'counterfeit',
          amountFen: 12800,
          caseNo: 'WQ-20261129-2SKQ',
          reason: 'requested',
          serious: true,
          requestedAt: '2026-11-29T03:00:00Z',
          waitSeconds: 42,
        },
      ],
    });
    expect(queue.mine).toEqual([]);
    expect(queue.waiting[0]).toMatchObject({ conversationId: 'c1', amountFen: 12800, serious: true, waitSeconds: 42, agentName: null, lastMessage: null });
  });

  it('refuses a queue item without a conversation id', () => {
    expect(() => parseQueue({ waiting: [{ category: 'counterfeit' }] })).toThrow(ShapeError);
  });

  it('takes the internal notes out of the case events, and only string or boolean facts', () => {
    const view = parseConversationView({
      conversation: { id: 'c1', owner: 'agent', agentId: 'agt_1' },
      transcript: [{ seq: 3, from: 'robot', text: 'x', at: '2026-11-29T03:00:00Z' }],
      case: {
        caseNo: 'WQ-20261129-2SKQ',
        status: 'awaiting_agent',
        record: {
          facts: { problem: '屏幕有亮点', injured: false, extra: { nested: 1 } },
          order: { amountFen: 299900 },
          remedies: [{ title: '退货', text: '…', citations: [{ law: '消费者权益保护法', article: '第二十四条' }] }],
        },
        events: [
          { type: 'status', actor: 'agent:a', payload: { status: 'open' } },
          { type: 'note', actor: 'agent:a', payload: { text: '已核实' }, at: '2026-11-29T03:01:00Z' },
        ],
      },
      evidence: [{ id: 'e1', name: 'a.png', contentType: 'image/png', size: 10, url: '/x' }],
    });
    expect(view.case?.notes).toEqual([{ actor: 'agent:a', text: '已核实', at: '2026-11-29T03:01:00Z' }]);
    expect(view.case?.facts).toEqual({ problem: '屏幕有亮点', injured: false });
    expect(view.case?.order.amountFen).toBe(299900);
    expect(view.case?.remedies[0]?.citations).toEqual([{ law: '消费者权益保护法', article: '第二十四条', quote: undefined }]);
    // An unknown sender is shown as the system, never guessed to be the consumer or the bot.
    expect(view.transcript[0]?.from).toBe('system');
  });

  it('ignores stream messages it does not know, and text that is not JSON', () => {
    expect(parseStreamMessage('{"type":"queue"}')).toEqual({ type: 'queue' });
    expect(parseStreamMessage('{"type":"presence","who":"x"}')).toBeUndefined();
    expect(parseStreamMessage('not json')).toBeUndefined();
    expect(
      parseStreamMessage('{"type":"entry","conversationId":"c1","entry":{"seq":4,"from":"user","text":"在吗","at":"2026-11-29T03:00:00Z"}}'),
    ).toMatchObject({ type: 'entry', conversationId: 'c1', entry: { seq: 4, from: 'user', text: '在吗' } });
    expect(() => parseStreamMessage('{"type":"entry","entry":{}}')).toThrow(ShapeError);
  });
});

describe('the console formatting', () => {
  const zh = strings('zh');
  const en = strings('en');
  it('shows fen as yuan, with decimals only when there are some', () => {
    expect(yuan(299900, zh)).toBe('2,999元');
    expect(yuan(299950, zh)).toBe('2,999.50元');
    expect(yuan(5, en)).toBe('¥0.05');
  });

  it('shows waiting time in seconds, minutes and hours', () => {
    expect(duration(42, zh)).toBe('42秒');
    expect(duration(75, zh)).toBe('1分15秒');
    expect(duration(3700, zh)).toBe('1小时1分');
    expect(duration(75, en)).toBe('1 min 15 s');
  });

  it('reads times with the offsets PostgreSQL writes', () => {
    const local = (iso: string) => {
      const d = new Date(iso);
      return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    };
    expect(clock('2026-11-29T03:50:12.123+00')).toBe(local('2026-11-29T03:50:12.123Z'));
    expect(clock('2026-11-29T03:50:12.123+08:00')).toBe(local('2026-11-28T19:50:12.123Z'));
    expect(clock('not a time')).toBe('');
  });

  it('cuts a snippet on characters, not bytes', () => {
    expect(snippet('经营者  应当\n保证', 4)).toBe('经营者 …');
    expect(snippet('短', 4)).toBe('短');
  });
});
