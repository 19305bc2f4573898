import { describe, expect, it } from 'vitest';
import { parseChineseNumber, toChineseNumber } from '../../src/retrieval/chineseNumber.js';

describe('Chinese numerals as statutes write them', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十五', 15],
    ['二十五', 25],
    ['一百', 100],
    ['一百零八', 108],
    ['一百一十', 110],
    ['五百八十四', 584],
    ['一千零一十', 1010],
    ['一千二百六十', 1260],
    ['两千九百九十九', 2999],
    ['三百', 300],
  ])('%s ⇄ %i', (text, n) => {
    expect(parseChineseNumber(text)).toBe(n);
    if (!text.startsWith('两')) expect(toChineseNumber(n)).toBe(text);
  });

  it('reads Arabic digits too and rejects other text', () => {
    expect(parseChineseNumber('584')).toBe(584);
    expect(parseChineseNumber('第五条')).toBeUndefined();
    expect(parseChineseNumber('')).toBeUndefined();
  });

  it('round-trips every article number up to 1300', () => {
    for (let n = 1; n <= 1300; n++) expect(parseChineseNumber(toChineseNumber(n))).toBe(n);
  });
});
