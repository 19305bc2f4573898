import { describe, expect, it } from 'vitest';
import { makeNormalizer, makeTokenizer, STOP_WORDS, toHalfWidth } from '../../src/retrieval/tokenize/index.js';

describe('normalization', () => {
  const normalize = makeNormalizer();

  it('turns Traditional Chinese into Simplified, phrases included', () => {
    expect(normalize('網購買的手機螢幕有亮點')).toBe('网购买的手机屏幕有亮点');
    expect(normalize('消費者權益保護法第25條')).toBe('消费者权益保护法第25条');
    expect(normalize('顯著輕微，著作權')).toBe('显著轻微,著作权');
  });

  it('leaves Simplified legal wording alone (the phrase table would turn 程序 into 进程)', () => {
    const text = '经法定程序宣告死亡,情节显著轻微的著作权';
    expect(normalize(text)).toBe(text);
  });

  it('folds full-width characters to half-width and lowercases', () => {
    expect(toHalfWidth('ＡＢＣ１２３（一）　')).toBe('ABC123(一) ');
    expect(normalize('ＡＰＰ自动续费１２个月')).toBe('app自动续费12个月');
  });
});

describe('tokenizer', () => {
  const tokenizer = makeTokenizer({ stopWords: STOP_WORDS, userDict: '七日无理由退货 3000 n\n' });

  it('drops punctuation and question words, keeps content words', () => {
    const terms = tokenizer.tokenize('网上买的手机，商家不给退怎么办？');
    expect(terms).toContain('手机');
    expect(terms).toContain('商家');
    expect(terms).not.toContain('怎么办');
    expect(terms).not.toContain('，');
    expect(terms).not.toContain('的');
  });

  it('keeps user-dictionary words whole and still emits their parts', () => {
    const terms = tokenizer.tokenize('七日无理由退货');
    expect(terms).toContain('七日无理由退货');
    expect(terms).toContain('退货');
  });

  it('tokenizes Traditional and Simplified input alike', () => {
    expect(tokenizer.tokenize('網購退貨')).toEqual(tokenizer.tokenize('网购退货'));
  });
});
