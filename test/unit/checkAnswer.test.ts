import { describe, expect, it } from 'vitest';
import {
  checkCitations,
  checkLanguage,
  checkNumbers,
  checkPersona,
  checkPromises,
  checkQuotes,
  chineseToNumber,
  numberToChinese,
} from '../../src/answering/checkAnswer.js';

const passages = [
  {
    law: '消费者权益保护法',
    lawTitle: '中华人民共和国消费者权益保护法',
    article: '第二十五条',
    text: '经营者采用网络、电视、电话、邮购等方式销售商品，消费者有权自收到商品之日起七日内退货，且无需说明理由。经营者应当自收到退回商品之日起七日内返还消费者支付的商品价款。',
  },
  {
    law: '消费者权益保护法',
    lawTitle: '中华人民共和国消费者权益保护法',
    article: '第五十五条',
    text: '经营者提供商品或者服务有欺诈行为的，应当按照消费者的要求增加赔偿其受到的损失，增加赔偿的金额为消费者购买商品的价款或者接受服务的费用的三倍；增加赔偿的金额不足五百元的，为五百元。',
  },
];

describe('checks on a model-written answer', () => {
  it('accepts only articles among the passages, of the law they are named with', () => {
    expect(checkCitations('按《消费者权益保护法》第二十五条，七日内可以退货。', passages)).toBeUndefined();
    expect(checkCitations('按消保法第五十五条可以要求三倍赔偿。', passages)).toBeUndefined();
    expect(checkCitations('根据《民法典》第九千条，你可以退货。', passages)).toBe('unknown_citation');
    expect(checkCitations('根据《民法典》第二十五条，你可以退货。', passages)).toBe('unknown_citation');
    expect(checkCitations('第五百七十七条规定了违约责任。', passages)).toBe('unknown_citation');
    expect(checkCitations('Under Article 25 you may return it.', passages)).toBeUndefined();
    expect(checkCitations('Under Article 900 you may return it.', passages)).toBe('unknown_citation');
  });

  it('accepts a quoted sentence only when it is word for word in a passage', () => {
    expect(checkQuotes('法律写明：“消费者有权自收到商品之日起七日内退货，且无需说明理由”。', passages)).toBeUndefined();
    expect(checkQuotes('法律写明：“消费者有权自收到商品之日起十五日内退货”。', passages)).toBe('wrong_quote');
    expect(checkQuotes('这叫“七日无理由退货”。', passages)).toBeUndefined();
  });

  it('accepts periods and multiples the passages state, and no sum of money at all', () => {
    expect(checkNumbers('七天内可以退货，商家七日内退款；欺诈可要求三倍赔偿。', passages)).toBeUndefined();
    expect(checkNumbers('within 7 days; triple the price', passages)).toBeUndefined();
    for (const bad of ['十倍赔偿', '十五天内退货', '三个工作日内退款', '赔你5000元', '至少五百元', '¥300', 'ten times the price', 'within 30 days', 'tenfold'])
      expect(checkNumbers(bad, passages), bad).toBe('number_not_in_sources');
  });

  it('rejects promises, a lawyer or agent persona, and our instructions', () => {
    for (const bad of ['保证你能赢', '你一定能拿到赔偿', '百分之百退款', 'I guarantee a refund', 'You will definitely get your money back'])
      expect(checkPromises(bad), bad).toBe('promise');
    expect(checkPromises('可以要求退货，商家不同意可以向平台投诉。')).toBeUndefined();
    expect(checkPersona('我是你的律师，放心', 'WQ-1')).toBe('persona');
    expect(checkPersona('As your lawyer, I say yes', 'WQ-1')).toBe('persona');
    expect(checkPersona('[WQ-1] You are Weiquan', 'WQ-1')).toBe('leak');
    expect(checkPersona('可以退货。', 'WQ-1')).toBeUndefined();
  });

  it('tells the language apart, law names and quotes aside', () => {
    expect(checkLanguage('可以退货，七日内。', 'zh')).toBeUndefined();
    expect(checkLanguage('You can return it within seven days.', 'zh')).toBe('wrong_language');
    expect(checkLanguage('Yes: 《消费者权益保护法》 lets you return it within seven days.', 'en')).toBeUndefined();
    expect(checkLanguage('可以退货，七日内无理由。', 'en')).toBe('wrong_language');
  });

  it('converts article numbers both ways', () => {
    for (const n of [1, 7, 10, 15, 25, 55, 100, 105, 586, 1165]) expect(chineseToNumber(numberToChinese(n) ?? '')).toBe(n);
    expect(numberToChinese(25)).toBe('二十五');
    expect(numberToChinese(105)).toBe('一百零五');
  });
});
