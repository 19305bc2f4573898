import { describe, expect, it } from 'vitest';
import { type UnderstandContext, understandOfflineSync } from '../../src/understanding/index.js';
import { simplifyChinese } from '../../src/common/normalizeText.js';
import { fixTypos } from '../../src/understanding/simplifyText.js';

/** A Friday: 上周五 is 2026-11-27, 大前天 2026-12-01. */
const now = new Date('2026-12-04T10:00:00+08:00');
const read = (message: string, context: Partial<UnderstandContext> = {}) => understandOfflineSync(message, { now, ...context });
const yesNo = (message: string) => read(message, { expectsYesNo: true }).intents;

describe('money in everyday forms and positions (issue 12, failure 3)', () => {
  it.each<[string, number]>([
    ['我在淘宝买的球鞋1399，穿了两天就开胶了', 139900],
    ['健身房年卡3680，店关门了', 368000],
    ['买了个耳机，1899，用了三天就没声音了', 189900],
    ['网上买的橙子89块一箱，一半是烂的', 8900],
    ['支付宝扣了一笔520块的免密支付，不是我操作的', 52000],
    ['电饭煲3500园，用了一个星期就坏了', 350000],
    ['衣服才79，运费还要我出', 7900],
    ['共享单车押金99一直退不了', 9900],
    ['免费试用七天，到期直接扣了我198', 19800],
  ])('%s → %i fen', (message, fen) => {
    expect(read(message).slots.amountFen).toBe(fen);
  });

  it.each([
    '直接给我12315投诉的文字',
    '我打了12315好几次都没人接',
    '等了30天还没发货',
    '我今年28岁',
    '房间号1208，空调是坏的',
    '分了12期，每期200',
    '打5折买的',
    '买了个2寸的相框',
  ])('takes no price from %s', (message) => {
    expect(read(message).slots.amountFen).toBeUndefined();
  });

  it('reads 合同8万 as the contract total, and the 定金 as what was paid', () => {
    expect(read('装修合同8万，付了一半公司就不干了').slots).toMatchObject({ contractTotalFen: 8_000_000 });
    expect(read('装修合同8万，付了一半公司就不干了').slots.amountFen).toBeUndefined();
    expect(read('家具总价3万，交了1万定金，现在商家交不了货').slots).toMatchObject({ contractTotalFen: 3_000_000, amountFen: 1_000_000, breachBy: 'seller' });
  });
});

describe('seller type from what was said (failures 2 and 6)', () => {
  it('reads a 数码旗舰店 selling refurbished goods as a trader, never a private seller', () => {
    const u = read('这是一家XX数码旗舰店，卖给我的平板是翻新的，当新机卖');
    expect(u.slots.sellerType).toBe('third_party');
    expect(u.category?.best).toBe('counterfeit');
  });
  it.each<[string, string]>([
    ['淘宝上的店铺', 'third_party'],
    ['是淘宝的一家店', 'third_party'],
    ['官方自营', 'platform_self_operated'],
    ['个人闲置', 'individual_second_hand'],
  ])('%s → %s', (message, type) => {
    expect(read(message, { awaiting: 'sellerType' }).slots.sellerType).toBe(type);
  });
});

describe('yes / no / unsure in every ordinary form (failure 8)', () => {
  it.each(['是的，同意', 'OK的', '👍', '好滴', '好嘞', '没毛病', '可以可以', '可以，不过不想留电话', '统一'])('%s is a yes', (message) => {
    expect(yesNo(message)).toContain('yes');
    expect(yesNo(message)).not.toContain('no');
  });
  it.each(['不了', '好的，不同意', '算了', '不用了', '不了谢谢', 'no thanks'])('%s is a no', (message) => {
    expect(yesNo(message)).toContain('no');
    expect(yesNo(message)).not.toContain('yes');
    expect(yesNo(message)).not.toContain('cancel');
  });
  it('别存我信息 declines (or withdraws) consent', () => {
    expect(yesNo('别存我信息')).toEqual(expect.arrayContaining(['consent_no', 'withdraw_consent']));
  });
  it('算了 with no yes/no question pending still cancels', () => {
    expect(read('算了').intents).toContain('cancel');
  });
  it.each(['不确定', '可能吧', 'maybe', "I'm not sure", '我再想想'])('%s is unsure', (message) => {
    expect(yesNo(message)).toEqual(['unsure']);
  });
  it('统一 is 同意 only when a yes/no question is pending', () => {
    expect(read('统一').intents).not.toContain('consent_yes');
    expect(yesNo('我统一')).toEqual(expect.arrayContaining(['consent_yes', 'yes']));
  });
});

describe('personal-data intents', () => {
  it.each<[string, string]>([
    ['删除我的信息', 'delete_my_data'],
    ['please delete all my personal information', 'delete_my_data'],
    ['导出我的信息', 'export_my_data'],
    ['export my data', 'export_my_data'],
    ['撤回同意', 'withdraw_consent'],
    ['I withdraw my consent', 'withdraw_consent'],
  ])('%s → %s, and no dispute type', (message, intent) => {
    const u = read(message);
    expect(u.intents).toContain(intent);
    expect(u.category).toBeUndefined();
  });
});

describe('dates relative to the conversation clock', () => {
  it.each<[string, string]>([
    ['上个月15号买的', '2026-11-15'],
    ['上周五下单的', '2026-11-27'],
    ['双十一买的', '2026-11-11'],
    ['618的时候下单的', '2026-06-18'],
  ])('%s → %s', (message, date) => {
    expect(read(message).slots.orderDate).toBe(date);
  });
  it('大前天 answers the received date', () => {
    expect(read('大前天', { awaiting: 'receivedDate' }).slots.receivedDate).toBe('2026-12-01');
  });
  it('keeps the dates of a return apart from the order dates', () => {
    const u = read('11月20号把货寄回去了，商家25号签收，到现在钱还没退');
    expect(u.slots).toMatchObject({ returnShippedDate: '2026-11-20', returnReceivedDate: '2026-11-25' });
    expect(u.slots.receivedDate).toBeUndefined();
    expect(u.category?.best).toBe('refund_after_return');
  });
});

describe('traditional characters and typos (failure 9)', () => {
  it('reads 我在淘寶買的手機殼是假貨 as simplified', () => {
    const u = read('我在淘寶買的手機殼是假貨');
    expect(u.slots).toMatchObject({ platform: '淘宝', product: '手机壳' });
    expect(u.category?.best).toBe('counterfeit');
  });
  it('converts character for character and leaves simplified words alone', () => {
    for (const s of ['網購的螢幕有壞點', '在餓了麼點的', '微信小程序里买的', '饿了么']) expect(simplifyChinese(s)).toHaveLength(s.length);
    expect(simplifyChinese('網購的螢幕有壞點')).toBe('网购的屏幕有坏点');
    expect(simplifyChinese('微信小程序里买的')).toBe('微信小程序里买的');
    expect(simplifyChinese('饿了么')).toBe('饿了么');
  });
  it('repairs 不里我 and 园 after a number, and nothing else', () => {
    expect(fixTypos('卖家一直不里我')).toBe('卖家一直不理我');
    expect(fixTypos('3500园')).toBe('3500元');
    expect(fixTypos('去公园玩')).toBe('去公园玩');
    expect(read('商家不里我').category?.best).toBe('after_sales');
  });
});

describe('language', () => {
  it.each<[string, 'zh' | 'en' | undefined]>([
    ['I bought shoes on Pinduoduo and they are fake', 'en'],
    ['my package never arrived', 'en'],
    ['2999的手机坏了', 'zh'],
    ['好', 'zh'],
    ['ok', undefined],
    ['👍', undefined],
  ])('%s → %s', (message, language) => {
    expect(read(message).language).toBe(language);
  });
});

describe('urgent situations (failure 1)', () => {
  it.each<[string, string]>([
    ['有个自称淘宝客服的人打电话说…让我把手机收到的验证码告诉他，现在还在通话中，怎么办？？急', 'scam_in_progress'],
    ['对方让我下载一个app开屏幕共享', 'scam_in_progress'],
    ['客服让我把钱转到安全账户', 'scam_in_progress'],
    ['the caller wants me to share my screen', 'scam_in_progress'],
    ['微信莫名其妙被扣了299，我根本没买过东西', 'unauthorized_payment'],
    ['there are charges on my card I never made', 'unauthorized_payment'],
    ['充电宝爆炸了，手被烫伤了', 'injury'],
    ['吃了外卖后全家上吐下泻，现在在医院', 'food_poisoning'],
    ['卖家威胁我说知道我住哪，要我删评价', 'threat'],
  ])('%s → %s', (message, urgent) => {
    expect(read(message).urgent).toContain(urgent);
  });
  it.each(['被冒充快递客服的人骗了，转了3000过去', '每个月被自动扣25元，找不到在哪取消', '充电器爆炸了，手机也坏了', '我孩子3岁，喝了奶粉拉肚子'])(
    '%s is not urgent',
    (message) => {
      expect(read(message).urgent).toBeUndefined();
    },
  );
  it('the scam call is classed as a scam, not a delivery problem', () => {
    expect(read('刚才一个电话说快递丢了要理赔，叫我开通备用金，现在还在聊').category?.best).toBe('scam');
  });
});

describe('question clauses (failure 7)', () => {
  it('lists each question clause as written', () => {
    const u = read('买了个99的数据线，三天就坏了，七天无理由从哪天开始算？还能退吗');
    expect(u.intents).toContain('question');
    expect(u.questions).toEqual(['七天无理由从哪天开始算？', '还能退吗']);
  });
  it.each(['大数据杀熟违法吗', '那我该怎么办', '还要等多久', '12315电话是多少'])('%s is a question', (message) => {
    expect(read(message).intents).toContain('question');
  });
});

describe('a value only of the slot kind (failure 5)', () => {
  it.each<[string, Parameters<typeof read>[1]]>([
    ['下一步呢', { awaiting: 'complainantName' }],
    ['为什么要名字', { awaiting: 'complainantName' }],
  ])('%s is no name', (message, context) => {
    expect(read(message, context).slots.complainantName).toBeUndefined();
  });
  it('8万 is no platform', () => {
    expect(read('8万', { awaiting: 'platform' }).slots.platform).toBeUndefined();
  });
  it('麻辣烫啊 is the product 麻辣烫', () => {
    expect(read('麻辣烫啊', { awaiting: 'product' }).slots.product).toBe('麻辣烫');
  });
  it('a rhetorical question is no problem description', () => {
    expect(read('这不是价格欺诈吗', { awaiting: 'problem' }).slots.problem).toBeUndefined();
  });
  it('still takes a real name', () => {
    expect(read('我叫李小红', { awaiting: 'complainantName' }).slots.complainantName).toBe('李小红');
  });
});

describe('the new dispute types and their facts', () => {
  it.each<[string, string]>([
    ['退货寄回去半个月了，商家一直不退款', 'refund_after_return'],
    ['租房押金2000，房东不退', 'deposit_refund'],
    ['订婚纱交了2000定金，后来商家说档期满了不做了', 'earnest_money'],
    ['下单时默认勾选了运费险和会员', 'tied_sale'],
    ['商家一直打电话让我改好评', 'review_manipulation'],
    ['老用户反而更贵，新用户有优惠', 'price_discrimination'],
    ['每个月被自动扣25元，找不到在哪取消', 'auto_renewal'],
    ['我儿子12岁，玩游戏充值了3000块', 'minor_payment'],
    ['付款后商家说标错价了，要取消订单', 'price_error_cancel'],
    ['淘宝账号无故被封，钱包余额取不出来', 'account_banned'],
    ['外卖里吃出了虫子', 'food_delivery'],
    ['在携程订的酒店，到店说没房了', 'travel_ticket'],
    ['装修公司偷工减料，墙面全裂了', 'service_contract'],
    ['用了新买的面膜脸上过敏，又红又痒', 'cosmetics_reaction'],
  ])('%s → %s', (message, type) => {
    expect(read(message).category?.best).toBe(type);
  });
  it('reads a closed shop, an offline purchase, a minor and who broke a 定金', () => {
    expect(read('在店里办的游泳卡，商家跑路了').slots).toMatchObject({ shopClosed: true, offline: true });
    expect(read('my son spent 3000 yuan on a mobile game, he is 12').slots).toMatchObject({ minorAge: 12, amountFen: 300_000 });
    expect(read('买车交了5000定金，我不想买了，4S店说定金不退').slots).toMatchObject({ breachBy: 'buyer', amountFen: 500_000 });
    expect(read('我孩子3岁，喝了奶粉拉肚子').slots.minorAge).toBeUndefined();
  });
});
