import { describe, expect, it } from 'vitest';
import { type Intent, type SlotName, understandOfflineSync } from '../../src/understanding/index.js';

const now = new Date('2026-11-28T10:00:00+08:00');
const intentsOf = (message: string, awaiting?: SlotName) => understandOfflineSync(message, { now, ...(awaiting ? { awaiting } : {}) }).intents;

describe('intents of short control messages', () => {
  it.each<[string, Intent[]]>([
    ['你好', ['greeting']],
    ['您好！', ['greeting']],
    ['在吗', ['greeting']],
    ['hello', ['greeting']],
    ['同意', ['consent_yes', 'yes']],
    ['我同意', ['consent_yes', 'yes']],
    ['I agree', ['consent_yes', 'yes']],
    ['不同意', ['consent_no', 'no']],
    ['拒绝', ['consent_no', 'no']],
    ['是的', ['yes']],
    ['嗯嗯', ['yes']],
    ['好的呀', ['yes']],
    ['对', ['yes']],
    ['yes', ['yes']],
    ['不是', ['no']],
    ['没有', ['no']],
    ['不用了', ['no', 'cancel']],
    ['nope', ['no']],
    ['重新开始', ['restart']],
    ['我想从头来', ['restart']],
    ['start over', ['restart']],
    ['返回上一步', ['back']],
    ['上一步', ['back']],
    ['go back', ['back']],
    ['取消', ['cancel']],
    ['算了', ['cancel']],
    ['不弄了', ['cancel']],
    ['never mind', ['cancel']],
    ['转人工', ['handoff']],
    ['人工客服', ['handoff']],
    ['找客服', ['handoff']],
    ['我要找真人', ['handoff']],
    ['I want to talk to a person', ['handoff']],
    ['human agent please', ['handoff']],
    ['你好吗', ['chitchat']],
    ['谢谢', ['chitchat']],
    ['哈哈哈', ['chitchat']],
    ['你是谁？', ['chitchat']],
    ['thank you', ['chitchat']],
    ['asdfgh', []],
  ])('%s → %j', (message, intents) => {
    expect(intentsOf(message)).toEqual(intents);
  });
});

describe('questions about rights', () => {
  it.each([
    '为什么商家可以不退？',
    '什么是七天无理由',
    '拆封了还能退吗',
    '这种情况怎么办',
    '我是否可以要求三倍赔偿',
    '能不能投诉到12315？',
    'Can I return an opened phone?',
    'what is the 7-day return rule',
    '我想问下七天无理由退货运费谁出',
  ])('%s', (message) => {
    expect(intentsOf(message)).toContain('question');
  });

  it('a question reports no refusal and no problem of its own', () => {
    const u = understandOfflineSync('为什么商家可以不退？', { now });
    expect(u.intents).toEqual(['question']);
    expect(u.slots).toEqual({});
  });

  it('a fact followed by a question is both', () => {
    const u = understandOfflineSync('商家说拆封了不给退，这合法吗？', { now });
    expect(u.intents).toEqual(['question', 'outcome_refused', 'provide_info']);
    expect(u.slots.sellerResponse).toBe('拒绝（拆封不退）');
  });

  it.each(['我在京东买的手机坏了', '11月3号收到的', '不知道怎么回事就坏了'])('%s is no question', (message) => {
    expect(intentsOf(message)).not.toContain('question');
  });
});

describe('corrections', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['不对，是11月3号收到的', { receivedDate: '2026-11-04' }, { receivedDate: '2026-11-03' }],
    ['说错了，应该是淘宝', { platform: '京东' }, { platform: '淘宝' }],
    ['不是京东，是淘宝', { platform: '京东' }, { platform: '淘宝' }],
    ['改成2999元', { amountFen: 299000 }, { amountFen: 299900 }],
    ['其实是10月30号下的单', { orderDate: '2026-10-31' }, { orderDate: '2026-10-30' }],
    ['actually I received it on Nov 3', { receivedDate: '2026-11-04' }, { receivedDate: '2026-11-03' }],
    ['是在拼多多买的', { platform: '京东' }, { platform: '拼多多' }],
  ])('%s', (message, known, slots) => {
    const u = understandOfflineSync(message, { now, known });
    expect(u.intents).toContain('correction');
    expect(u.slots).toMatchObject(slots);
  });

  it('不对 alone is a no, not a correction (there is no new value)', () => {
    expect(intentsOf('不对')).toEqual(['no']);
  });

  it.each(['收到了，但是颜色不对，想换货', '尺码不对'])('%s describes a problem, it corrects nothing', (message) => {
    expect(intentsOf(message)).not.toContain('correction');
  });

  it('repeating a known value is no correction', () => {
    expect(understandOfflineSync('11月3号收到的', { now, known: { receivedDate: '2026-11-03' } }).intents).toEqual(['provide_info']);
  });
});

describe('what the seller did', () => {
  it.each<[string, Intent, string]>([
    ['商家同意退款了', 'outcome_agreed', '同意'],
    ['已经退款了', 'outcome_agreed', '同意（已退款）'],
    ['问题解决了，谢谢', 'outcome_agreed', '同意（已退款）'],
    ['卖家拒绝了', 'outcome_refused', '拒绝'],
    ['客服不同意退货', 'outcome_refused', '拒绝'],
    ['商家说不给退', 'outcome_refused', '拒绝'],
    ['商家说特价商品不退', 'outcome_refused', '拒绝（特价不退）'],
    ['客服说是人为损坏', 'outcome_refused', '拒绝（称人为损坏）'],
    ['商家说是人为损坏不给退', 'outcome_refused', '拒绝（称人为损坏）'],
    ['他们说这个不是质量问题', 'outcome_refused', '拒绝（称不是质量问题）'],
    ['商家一直不回消息', 'outcome_no_reply', '不回复'],
    ['发了好几条，卖家已读不回', 'outcome_no_reply', '不回复'],
    ['联系不上商家', 'outcome_no_reply', '不回复'],
    ['商家一开始拒绝，后来同意了', 'outcome_agreed', '同意'],
    ['the seller ignored me', 'outcome_no_reply', '不回复'],
    ['they refunded me yesterday', 'outcome_agreed', '同意（已退款）'],
  ])('%s → %s', (message, intent, label) => {
    const u = understandOfflineSync(message, { now });
    expect(u.intents).toContain(intent);
    expect(u.intents).toContain('provide_info');
    expect(u.slots.sellerResponse).toBe(label);
  });

  it.each(['还没解决', '我还没收到退款', '我拒绝'])('%s reports no agreement', (message) => {
    expect(intentsOf(message)).not.toContain('outcome_agreed');
  });

  it('takes a bare answer as the seller response when the bot asked for it', () => {
    expect(understandOfflineSync('说要等厂家检测', { now, awaiting: 'sellerResponse' }).slots.sellerResponse).toBe('说要等厂家检测');
  });
});

describe('several intents in one message', () => {
  it.each<[string, Intent[]]>([
    ['你好，我在淘宝买的衣服掉色', ['greeting', 'provide_info']],
    ['谢谢，我是10月30号买的', ['chitchat', 'provide_info']],
    ['京东人工客服说不给退', ['outcome_refused', 'provide_info']],
    ['算了吧，商家已经退款了', ['cancel', 'outcome_agreed', 'provide_info']],
  ])('%s → %j', (message, intents) => {
    expect(intentsOf(message)).toEqual(intents);
  });
});
