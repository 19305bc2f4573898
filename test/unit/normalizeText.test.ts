import { describe, expect, it } from 'vitest';
import { lowerCaseSameLength, normalizeForSearch, normalizeMessage, simplifyChinese, toHalfWidth } from '../../src/common/normalizeText.js';

describe('text normalisation: the one implementation', () => {
  it.each([
    ['１２３', '123'],
    ['ＡＢＣａｂｃ', 'ABCabc'],
    ['￥２９９９．５０', '¥2999.50'],
    ['５０％', '50%'],
    ['１１／３', '11/3'],
    ['a\u3000b', 'a b'],
    ['2999，11', '2999,11'],
    ['真的吗？！', '真的吗?!'],
  ])('toHalfWidth(%j) = %j', (text, narrow) => {
    expect(toHalfWidth(text)).toBe(narrow);
  });

  it.each([
    ['２９９９，１１', '2999，11'],
    ['ＩＰＨＯＮＥ　１５？', 'iphone 15？'],
    ['￥１２：３０－１３：００', '¥12:30-13:00'],
    ['（京东）！', '（京东）！'],
  ])('normalizeMessage(%j) = %j, Chinese punctuation kept', (text, normalized) => {
    expect(normalizeMessage(text)).toBe(normalized);
  });

  it.each([
    ['淘寶買的手機殼', '淘宝买的手机壳'],
    ['網路', '网络'],
    ['螢幕有亮點', '屏幕有亮点'],
    ['程序', '程序'],
    ['像素特么不好', '像素特么不好'],
    ['顯著標明', '显著标明'],
    ['著作权', '著作权'],
  ])('simplifyChinese(%j) = %j, Simplified never rewritten', (text, simplified) => {
    expect(simplifyChinese(text)).toBe(simplified);
  });

  it('a Traditional word beside a Simplified 么 leaves the 么 alone (the retrieval normaliser once made it 幺)', () => {
    expect(normalizeForSearch('京東買的，說的話都特么一個樣子')).toBe('京东买的,说的话都特么一个样子');
  });

  it.each(['İstanbul 淘寶 ＡＢＣ', '𬶨豚 網購 ＩＰＨＯＮＥ', 'Ǆemal 消費者權益'])('every step keeps the length of %j, so offsets stay aligned', (text) => {
    expect(normalizeMessage(text)).toHaveLength(text.length);
    expect(normalizeForSearch(text)).toHaveLength(text.length);
    expect(lowerCaseSameLength(text)).toHaveLength(text.length);
  });
});
