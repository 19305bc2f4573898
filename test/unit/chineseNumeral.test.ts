import { describe, expect, it } from 'vitest';
import { NUMERAL_SOURCE, parseNumeral, toChineseNumber } from '../../src/common/chineseNumeral.js';

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
    expect(parseNumeral(text)).toBe(n);
    if (!text.startsWith('两')) expect(toChineseNumber(n)).toBe(text);
  });

  it('round-trips every article number up to 1300', () => {
    const wrong: number[] = [];
    for (let n = 1; n <= 1300; n++) if (parseNumeral(toChineseNumber(n)) !== n) wrong.push(n);
    expect(wrong).toEqual([]);
  });
});

describe('numerals as shoppers type prices and dates', () => {
  it.each([
    ['2999', 2999],
    ['2,999', 2999],
    ['2,999.00', 2999],
    ['2999.5', 2999.5],
    ['两千九百九十九', 2999],
    ['两千九', 2900],
    ['1万2', 12000],
    ['3千', 3000],
    ['2.9k', 2900],
    ['8w', 80000],
    ['万', 10000],
    ['十万', 100000],
    ['一百零五', 105],
    ['二〇二六', 2026],
    ['一亿', 100_000_000],
  ])('%s → %d', (text, n) => {
    expect(parseNumeral(text)).toBe(n);
  });

  it.each(['', '第五条', 'abc', '2999元', '12,34'])('%j is not a numeral', (text) => {
    expect(parseNumeral(text)).toBeUndefined();
  });

  it.each([
    ['花了1,299块', '1,299'],
    ['两千九的手机', '两千九'],
    ['1万2的沙发', '1万2'],
  ])('NUMERAL_SOURCE finds the numeral in %s', (text, numeral) => {
    expect(new RegExp(NUMERAL_SOURCE).exec(text)?.[0]).toBe(numeral);
  });

  it('bounds are not toChineseNumber’s business: other numbers stay in digits', () => {
    expect(toChineseNumber(10000)).toBe('10000');
    expect(toChineseNumber(0)).toBe('零');
    expect(toChineseNumber(1.5)).toBe('1.5');
  });
});
