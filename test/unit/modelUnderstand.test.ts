import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeLogger } from '../../src/logger.js';
import { understandOffline } from '../../src/understanding/index.js';
import { makeModelUnderstand } from '../../src/understanding/model/modelUnderstand.js';
import { withModelPolicy } from '../../src/understanding/model/scope.js';
import { lastUserText, startFakeOpenAI, type FakeOpenAI } from '../helpers/fakeOpenAI.js';
import { testClient } from '../helpers/llm.js';

const now = new Date('2026-11-28T10:00:00+08:00');
const logger = makeLogger({ level: 'silent', pretty: false });

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function understander(over: Parameters<typeof testClient>[1] = {}) {
  const t = testClient(fake.baseUrl, over);
  return { ...t, understand: makeModelUnderstand({ offline: understandOffline, llm: t.client, logger }) };
}

describe('model-assisted understanding', () => {
  it('fills what the offline rules cannot read, proposing money and dates instead of setting them', async () => {
    const { understand, outcomes } = understander();
    fake.script({ json: { disputeType: 'quality_defect', confidence: 0.9, product: 'thingy', problem: 'broke after a couple of days', amountYuan: 300, receivedDate: '2026-11-25', platform: 'JD', wants: ['refund'] } });
    const u = await understand('my thingy from JD broke after a couple of days, paid three hundred and they keep stalling me', { now });
    expect(u.category).toMatchObject({ best: 'quality_defect', confidence: 0.75 });
    expect(u.slots).toMatchObject({ product: 'thingy', problem: 'broke after a couple of days', platform: '京东', wants: ['refund'] });
    expect(u.slots.amountFen).toBeUndefined();
    expect(u.proposed).toEqual({ amountFen: 30000, receivedDate: '2026-11-25' });
    expect(u.intents).toContain('provide_info');
    expect(outcomes).toEqual([{ purpose: 'understand', outcome: 'ok' }]);
  });

  it('keeps offline values where both exist', async () => {
    const { understand } = understander();
    fake.script({ json: { disputeType: 'cosmetics_reaction', confidence: 0.9, platform: '淘宝', product: '面膜', isFood: true } });
    const u = await understand('上个月在拼多多买的面膜，脸上起红疹了', { now });
    expect(u.slots.platform).toBe('拼多多');
    expect(u.slots.isFood).toBe(false);
    expect(u.proposed?.isFood).toBeUndefined();
    expect(u.category?.best).toBe('cosmetics_reaction');
    expect(u.category!.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('drops every value that cannot be right', async () => {
    const { understand, outcomes } = understander();
    fake.script({
      json: {
        disputeType: 'ten_times_compensation',
        product: 'iPhone 16 Pro Max',
        problem: '商家承诺十倍赔偿五万元',
        amountYuan: -5,
        orderDate: '2027-01-01',
        receivedDate: '2026-11-01',
        platform: 'Amazing Mall',
        sellerType: 'lawyer',
        wants: ['tenfold'],
      },
    });
    const u = await understand('东西有点问题，一直找不到人处理', { now, known: { orderDate: '2026-11-10' } });
    expect(u.category?.best ?? 'none').not.toBe('ten_times_compensation');
    expect(u.slots).toEqual((await understandOffline('东西有点问题，一直找不到人处理', { now, known: { orderDate: '2026-11-10' } })).slots);
    expect(u.proposed).toBeUndefined();
    expect(outcomes).toEqual([{ purpose: 'understand', outcome: 'rejected' }]);
  });

  it('proposes the awaited date when the offline rules cannot read it', async () => {
    const { understand } = understander();
    fake.script({ json: { receivedDate: '2026-11-20' } });
    const u = await understand('记得是发工资那天收到的', { now, awaiting: 'receivedDate', known: { orderDate: '2026-11-11' } });
    expect(u.proposed).toEqual({ receivedDate: '2026-11-20' });
    expect(u.slots.receivedDate).toBeUndefined();
    expect(u.problems).toEqual([]);
  });

  it('does not ask the model when the offline reading is complete or the message is a button or a yes', async () => {
    const { understand } = understander();
    await understand('同意', { now });
    await understand('转人工', { now });
    await understand('好的', { now, awaiting: 'openedPackage' });
    await understand('11月3号', { now, awaiting: 'orderDate' });
    expect(fake.chatRequests()).toHaveLength(0);
  });

  it('never sends a phone number, ID number, card, order number, address or name', async () => {
    const { understand } = understander();
    fake.onChat(() => ({ json: {} }));
    const message = '我叫张伟，电话13812345678，身份证330106199001011234，订单号DD20261103887766，住杭州市西湖区文三路90号3幢201室，东西坏了商家不管，退款打到6222021234567890123';
    await understand(message, { now });
    await understand('我朋友的手机是 139-1234-5678，东西一直没发货', { now, known: { complainantName: '王小明', address: '上海市浦东新区世纪大道100号' } });
    await understand('王小明也遇到了，寄到上海市浦东新区世纪大道100号的东西丢了', { now, known: { complainantName: '王小明', address: '上海市浦东新区世纪大道100号' } });
    expect(fake.chatRequests().length).toBe(3);
    const sent = fake.allSent();
    for (const secret of ['13812345678', '139-1234-5678', '12345678', '330106199001011234', 'DD20261103887766', '文三路90号', '张伟', '6222021234567890123', '王小明', '世纪大道100号']) expect(sent).not.toContain(secret);
    expect(lastUserText(fake.chatRequests()[0]!)).toContain('⟨PHONE_1⟩');
  });

  it('rejects placeholders copied into a slot', async () => {
    const { understand } = understander();
    fake.script({ json: { product: '⟨PHONE_1⟩', shopName: '⟨NAME_1⟩的店' } });
    const u = await understand('电话13812345678，那个东西坏掉了', { now });
    expect(u.slots.product).toBeUndefined();
    expect(u.slots.shopName).toBeUndefined();
  });

  it('falls back to the offline reading when the model fails, is slow or is switched off for the site', async () => {
    const { understand } = understander({ timeoutMs: 300 });
    const message = 'my thingy broke and they keep stalling me';
    const offline = await understandOffline(message, { now });
    fake.script({ status: 500 }, { status: 500 });
    expect(await understand(message, { now })).toEqual(offline);
    fake.script({ hang: true });
    expect(await understand(message, { now })).toEqual(offline);
    fake.script({ content: 'I think it is a quality problem' });
    expect(await understand(message, { now })).toEqual(offline);
    const before = fake.chatRequests().length;
    expect(await withModelPolicy(false, () => understand(message, { now }))).toEqual(offline);
    expect(fake.chatRequests()).toHaveLength(before);
  });
});
