import { describe, expect, it } from 'vitest';
import { redactActivity, redactIdentifiers } from '../../src/channels/redactIdentifiers.js';

// Each: the text, and the identifiers in it that must not survive.
const WITH_IDENTIFIERS: [string, string[]][] = [
  ['我叫欧阳娜娜，手机13912345678', ['欧阳娜娜', '13912345678']],
  ['手机 139 1234 5678', ['139 1234 5678']],
  ['电话+86 139-1234-5678', ['1234-5678']],
  ['座机010-12345678', ['12345678']],
  ['身份证110101199003071234', ['110101199003071234']],
  ['身份证号11010119900307123X', ['11010119900307123X']],
  ['银行卡 6222 0212 3456 7890 123', ['6222 0212 3456']],
  ['卡号6222021234567890123', ['6222021234567890123']],
  ['订单号 2026112812345678901', ['2026112812345678901']],
  ['京东订单 285731946025', ['285731946025']],
  ['订单 SO20261128AB12 已发货', ['SO20261128AB12']],
  ['快递单号 SF1234567890123', ['SF1234567890123']],
  ['邮箱 zhang.san@example.com', ['zhang.san@example.com']],
  ['email: john.smith@mail.example.co.uk', ['john.smith@mail.example.co.uk']],
  ['住在北京市朝阳区建国路88号', ['建国路88号', '朝阳区']],
  ['收货地址：上海市浦东新区世纪大道100号3栋502室', ['世纪大道100号', '502室']],
  ['地址是广州市天河区体育西路191号', ['体育西路191号']],
  ['寄到杭州市西湖区文三路478号华星时代广场', ['文三路478号']],
  ['我家在幸福花园3栋2单元501号', ['幸福花园3栋']],
  ['收件人李四', ['李四']],
  ['姓名：王小明', ['王小明']],
  ['我是张伟。', ['张伟']],
  ['我姓王', ['王']],
  ['联系人 司马光', ['司马光']],
  ['my name is John Smith', ['John Smith']],
  ['Call me Alice Wong please', ['Alice Wong']],
  ['Ship to 123 Main Street, Apt 4B', ['123 Main Street']],
  ['Mr. Chen will call', ['Chen']],
  ['110101199003071234.jpg', ['110101199003071234']],
  [
    '我叫赵敏，住址：成都市武侯区人民南路四段9号，电话 13800138000，身份证 510107198805051234，订单号 1234567890123',
    ['赵敏', '人民南路', '13800138000', '510107198805051234', '1234567890123'],
  ],
];

// Each: text that carries no identifier and must come through unchanged.
const WITHOUT: string[] = [
  '我是消费者，10月30号在京东买了2999元的手机',
  '依据消费者权益保护法第五十五条，可以要求三倍赔偿',
  '案件编号 WQ-20261128-7K3P，可以拨打12315投诉',
  '请在 2026-12-05 前联系商家',
  '商家说拆封了不给退，我想退货',
  '屏幕有亮点，11月3号收到',
  'I bought shoes for 599 yuan on Taobao and they are fake',
  '七天无理由退货的期限是收到商品之日起七日',
  '退款 1299.00 元，运费 12 元',
  '我是第一次网购遇到这种事',
  '快递到了但是包装破了',
  'The seller refused a refund after 7 days',
];

describe('redactIdentifiers', () => {
  it.each(WITH_IDENTIFIERS)('hides the identifiers in %s', (text, secrets) => {
    const out = redactIdentifiers(text).text;
    for (const s of secrets) expect(out, out).not.toContain(s);
    expect(out).toContain('[已隐去:');
  });
  it.each(WITHOUT)('leaves %s as it is', (text) => {
    expect(redactIdentifiers(text)).toEqual({ text, found: [] });
  });
  it('redacts an activity: text, display name, attachment names and values; ids and hashes stay', () => {
    const activity = {
      type: 'message',
      from: { id: 'u1', name: 'Ann Lee', role: 'user' },
      text: '手机13912345678',
      value: '我叫李雷',
      attachments: [{ contentType: 'image/png', name: '110101199003071234.png', content: { sha256: 'ab'.repeat(32) } }],
      channelData: { clientActivityID: 'c1234567890123' },
    };
    const out = redactActivity(activity);
    expect(JSON.stringify(out)).not.toMatch(/13912345678|李雷|Ann Lee|110101199003071234/);
    expect(out).toMatchObject({
      from: { id: 'u1', role: 'user' },
      channelData: { clientActivityID: 'c1234567890123' },
      attachments: [{ content: { sha256: 'ab'.repeat(32) } }],
    });
    const clean = { type: 'message', from: { id: 'u1', role: 'user' }, text: '你好' };
    expect(redactActivity(clean)).toBe(clean);
  });
});
