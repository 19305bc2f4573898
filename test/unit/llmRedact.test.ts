import { describe, expect, it } from 'vitest';
import { containsPhone, redact, restore } from '../../src/understanding/model/redact.js';

describe('redaction before anything leaves the process', () => {
  const cases: [string, string, RegExp][] = [
    ['phone', '我的电话是13812345678，尽快联系我', /⟨PHONE_1⟩/],
    ['phone with spaces', '手机 138 1234 5678', /⟨PHONE_1⟩/],
    ['phone with dashes and +86', 'call me on +86 139-1234-5678 please', /⟨PHONE_1⟩/],
    ['full-width phone', '电话１３８１２３４５６７８', /⟨PHONE_1⟩/],
    ['landline', '店铺电话0571-88886666', /⟨PHONE_1⟩/],
    ['ID number', '身份证号330106199001011234', /⟨ID_1⟩/],
    ['ID number with X', '身份证 11010519491231002X 拍照了', /⟨ID_1⟩/],
    ['bank card', '退款到卡 6222 0212 3456 7890 123', /⟨CARD_1⟩/],
    ['bank card digits', '银行卡6222021234567890123', /⟨CARD_1⟩/],
    ['order number', '订单号：DD20261103887766', /订单号：⟨ORDER_1⟩/],
    ['long order digits', '单号 4200001234567890 已经签收', /⟨ORDER_1⟩/],
    ['English order', 'order #A1B2C3D4E5 never arrived', /⟨ORDER_1⟩/],
    ['e-mail', '发到 zhang.wei@example.com 就行', /⟨EMAIL_1⟩/],
    ['address', '寄到杭州市西湖区文三路90号3幢201室', /⟨ADDRESS_1⟩/],
    ['name', '我叫张伟，想投诉', /我叫⟨NAME_1⟩/],
    ['name after 我是', '我是李娜。商家不退款', /我是⟨NAME_1⟩/],
    ['English name', 'Hi, my name is John Smith and my order is late', /⟨NAME_1⟩/],
  ];
  it.each(cases)('%s', (_label, text, expected) => {
    const r = redact(text);
    expect(r.text).toMatch(expected);
    expect(containsPhone(r.text)).toBe(false);
    expect(restore(r.text, r).normalize('NFKC')).toBe(text.normalize('NFKC'));
  });

  it('leaves prices, dates and products alone', () => {
    const text = '11月3号在京东买的iPhone 15，花了5999元，7天了还没发货';
    expect(redact(text).text).toBe(text);
  });

  it('gives one value one placeholder, and replaces known identifiers of any shape', () => {
    const r = redact('王小明说：13812345678 还是 13812345678', [{ kind: 'NAME', value: '王小明' }]);
    expect(r.text).toBe('⟨NAME_1⟩说：⟨PHONE_1⟩ 还是 ⟨PHONE_1⟩');
    expect(restore('请拨打⟨PHONE_1⟩，⟨NAME_1⟩', r)).toBe('请拨打13812345678，王小明');
    expect(restore('⟨PHONE_9⟩', r)).toBe('⟨PHONE_9⟩');
  });
});
