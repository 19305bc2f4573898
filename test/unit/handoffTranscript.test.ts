import { describe, expect, it } from 'vitest';
import { toTranscript } from '../../src/handoff/transcript.js';

const at = '2026-11-28T10:00:00.000+08:00';

describe('the console transcript', () => {
  it('shows who said what, hides typing, and shows a button press as the button’s title', () => {
    const rows = [
      {
        seq: 1,
        at,
        activity: {
          type: 'message',
          from: { id: 'weiquan', role: 'bot' },
          text: '你同意吗？',
          suggestedActions: {
            actions: [
              { type: 'imBack', title: '同意', value: 'yes' },
              { type: 'imBack', title: '不同意', value: 'no' },
            ],
          },
        },
      },
      { seq: 2, at, activity: { type: 'typing', from: { id: 'weiquan', role: 'bot' } } },
      { seq: 3, at, activity: { type: 'message', from: { id: 'u1', role: 'user' }, value: 'yes' } },
      {
        seq: 4,
        at,
        activity: {
          type: 'message',
          from: { id: 'agent:agt_1', name: '小王', role: 'bot' },
          text: '您好',
          attachments: [{ contentType: 'application/vnd.weiquan.citation+json', content: { law: '消费者权益保护法', article: '第二十四条', quote: '…' } }],
        },
      },
      {
        seq: 5,
        at,
        activity: {
          type: 'message',
          from: { id: 'u1', role: 'user' },
          text: '照片',
          attachments: [{ contentType: 'image/png', name: 'a.png', content: { sha256: 'ab'.repeat(32) } }],
        },
      },
    ];
    expect(toTranscript(rows)).toEqual([
      { seq: 1, from: 'bot', text: '你同意吗？', at },
      { seq: 3, from: 'user', text: '同意', at },
      { seq: 4, from: 'agent', name: '小王', text: '您好', at, citations: [{ law: '消费者权益保护法', article: '第二十四条', quote: '…' }] },
      { seq: 5, from: 'user', text: '照片', at, attachments: [{ name: 'a.png', contentType: 'image/png', sha256: 'ab'.repeat(32) }] },
    ]);
  });
});
