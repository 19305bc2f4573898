import { describe, expect, it } from 'vitest';
import { choiceFor, plainText, renderReplies, splitText, TEXT_MAX_BYTES } from '../../src/channels/wechat/render.js';
import type { OutboundReply } from '../../src/engine/types.js';

const reply = (text: string, extra: Partial<OutboundReply> = {}): OutboundReply => ({ text, channelData: { weiquan: { stage: 'intake' as never } }, ...extra });

describe('WeChat rendering of replies', () => {
  it('numbers suggested actions across the turn and maps a numeric reply back to the choice', () => {
    const rendered = renderReplies(
      [
        reply('先选一个：', {
          suggestedActions: [
            { title: '质量问题', value: 'quality_defect' },
            { title: '虚假宣传', value: 'false_advertising' },
          ],
        }),
        reply('或者：', { suggestedActions: [{ title: '找人工', value: 'handoff' }] }),
      ],
      'zh',
    );
    expect(rendered.texts).toEqual(['先选一个：\n\n回复数字选择：\n1. 质量问题\n2. 虚假宣传', '或者：\n\n回复数字选择：\n3. 找人工']);
    expect(choiceFor('2', rendered.choices)?.value).toBe('false_advertising');
    expect(choiceFor(' ３ ', rendered.choices)?.value).toBe('handoff');
    expect(choiceFor('1。', rendered.choices)?.value).toBe('quality_defect');
    for (const other of ['4', '0', '12', '1 2', '第1个', '2999', '']) expect(choiceFor(other, rendered.choices)).toBeUndefined();
    expect(renderReplies([reply('Pick one', { suggestedActions: [{ title: 'Yes', value: 'yes' }] })], 'en').texts[0]).toBe(
      'Pick one\n\nReply with a number:\n1. Yes',
    );
  });

  it('names at most three citations and flattens Markdown', () => {
    const citations = ['第二十四条', '第二十五条', '第五十五条', '第五十六条'].map((article) => ({
      law: '消费者权益保护法',
      article,
      versionDate: '2013-10-25',
    }));
    const [text] = renderReplies([reply('**结论**：可以退货。\n> 引用一段', { citations })], 'zh').texts;
    expect(text).toBe(
      '结论：可以退货。\n引用一段\n\n依据：《消费者权益保护法》第二十四条（2013-10-25版）、《消费者权益保护法》第二十五条（2013-10-25版）、《消费者权益保护法》第五十五条（2013-10-25版） 等',
    );
    expect(plainText('[详情](https://example.com/a) `代码` ## 标题')).toBe('详情 https://example.com/a 代码 ## 标题');
  });

  it('splits long replies into WeChat-sized messages without losing or reordering a character', () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `第${i + 1}段：${'消费者权益'.repeat(20 + (i % 7) * 9)}`);
    const long = paragraphs.join('\n\n');
    const pieces = splitText(long, TEXT_MAX_BYTES);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(TEXT_MAX_BYTES);
    expect(pieces.join('\n\n')).toBe(long);
    // One unbroken line longer than a message (no breaks to split at) is cut by characters, emoji intact.
    const line = '😀维权'.repeat(1000);
    const cut = splitText(line, TEXT_MAX_BYTES);
    for (const p of cut) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(TEXT_MAX_BYTES);
    expect(cut.join('')).toBe(line);
    expect(splitText('短', TEXT_MAX_BYTES)).toEqual(['短']);
  });
});
