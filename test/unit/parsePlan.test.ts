import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/retrieval/ingest/parsePlan.js';
import { seedPlanFile } from '../helpers/paths.js';

describe('parsePlan on the operator plan this product was commissioned from (one flattened page dump)', () => {
  const plan = parsePlan(fs.readFileSync(seedPlanFile, 'utf8'), 'seed');
  const headings = plan.sections.map((s) => s.heading);

  it('takes the title from the page markers, in Simplified characters', () => {
    expect(plan.title).toBe('电子商务平台消费者权益保护与维权预案');
  });

  it('finds all nine chapters and every numbered section, in order', () => {
    expect(headings.filter((h) => /^第.章/.test(h))).toHaveLength(9);
    const numbers = headings.filter((h) => /^\d/.test(h)).map((h) => h.split(' ')[0]);
    expect(numbers).toHaveLength(56);
    expect(numbers.slice(0, 12)).toEqual(['1.1', '1.2', '2.1', '2.2', '2.2.1', '2.2.2', '2.2.3', '2.2.4', '2.3', '3.1', '3.2', '3.2.1']);
  });

  it('separates inline headings from the body text that follows them', () => {
    expect(headings).toEqual(
      expect.arrayContaining([
        '第一章 概述',
        '1.1 消费者权益保护的意义',
        '2.3 法律法规的实施与监督',
        '3.2.1 审核商家资质',
        '3.3.1 交易安全措施',
        '5.1 维权预案的制定原则',
        '6.1.1 及时收集证据',
        '6.1.3 申请电子商务平台介入',
        '9.1 技术创新在消费者权益保护中的作用',
      ]),
    );
    const principles = plan.sections.find((s) => s.heading === '5.1 维权预案的制定原则');
    expect(principles?.text.startsWith('在电子商务平台')).toBe(true);
    expect(principles?.path).toEqual(['第五章 消费者权益保护与维权预案制定', '5.1 维权预案的制定原则']);
  });

  it('repairs a section number the dump mangled ("(3).2.2" is 3.2.2)', () => {
    expect(headings).toContain('3.2.2 商品信息审核');
    // The mangled "(3)" belongs to the number, not to the end of 3.2.1's text.
    const before = plan.sections.find((s) => s.heading === '3.2.1 审核商家资质');
    expect(before?.text).toBe('电子商务平台应严格审核商家入驻资质,保证商家具备合法经营资格。对于无法提供合法资质的商家,平台应拒绝其入驻。');
    const glued = parsePlan('第一章 总则\n1.1 目的 为保护消费者。\n1.2 范围 本预案适用于网购。（1）.3 依据 依据消保法。', 'x');
    expect(glued.sections.map((s) => s.heading.split(' ')[0])).toEqual(['第一章', '1.1', '1.2', '1.3']);
    expect(glued.sections.map((s) => s.text).join('\n')).not.toMatch(/[（(]1[）)]/);
  });

  it('puts list items on their own lines and drops pinyin annotations and page furniture', () => {
    const evidence = plan.sections.find((s) => s.heading.startsWith('6.2.2'));
    expect(evidence?.text.split('\n').length).toBeGreaterThan(2);
    const all = plan.sections.map((s) => s.text).join('\n');
    expect(all).not.toMatch(/\((quán|wù|fèi)\)/);
    expect(all).not.toContain('温馨提示');
    expect(all).not.toContain('下载本文档');
  });
});

describe('parsePlan on other shapes', () => {
  it('uses Markdown headings when there are any', () => {
    const plan = parsePlan('# 我的预案\n\n## 第一章 总则\n\n### 1.1 目的\n\n为了保护消费者。\n\n### 1.2 范围\n\n本平台。\n', 'x');
    expect(plan.title).toBe('我的预案');
    expect(plan.sections.map((s) => [s.heading, s.path.length, s.text])).toEqual([
      ['第一章 总则', 1, ''],
      ['1.1 目的', 2, '为了保护消费者。'],
      ['1.2 范围', 2, '本平台。'],
    ]);
  });

  it('does not take numbers inside sentences for headings', () => {
    const text = '第一章总则1.1目的为保护消费者,赔偿额为价款的3.5倍以内。1.2适用范围本预案适用于平台。第二章流程2.1收集证据消费者应保存订单。';
    const plan = parsePlan(text, '示例预案');
    expect(plan.sections.map((s) => s.heading)).toEqual(['第一章 总则', '1.1 目的', '1.2 适用范围', '第二章 流程', '2.1 收集证据']);
    expect(plan.sections[1]?.text).toContain('3.5倍');
  });

  it('converts Traditional characters', () => {
    const plan = parsePlan('第一章總則1.1目的為保護消費者權益。', '預案');
    expect(plan.sections.map((s) => s.heading)).toEqual(['第一章 总则', '1.1 目的']);
  });
});

describe('parsePlan leaves Simplified text alone', () => {
  it('does not rewrite Simplified wording the way a phrase converter would (建立, 程序)', () => {
    const plan = parsePlan('# 预案\n\n本预案说明建立投诉程序的要求。\n\n## 第一章 总则\n\n平台应建立健全投诉处理程序。\n', 'x');
    expect(plan.sections.map((s) => [s.heading, s.text])).toEqual([
      ['预案', '本预案说明建立投诉程序的要求。'],
      ['第一章 总则', '平台应建立健全投诉处理程序。'],
    ]);
  });
});
