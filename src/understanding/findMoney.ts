import { type Span, findAll, overlaps } from './matchPhrases.js';
import { NUMERAL_SOURCE, parseNumeral } from '../common/chineseNumeral.js';

/** A sum of money the message mentions, in yuan (negative when the user typed a minus sign). */
export type MoneyMention = Span & {
  text: string;
  yuan: number;
  /** Written with a currency word or sign: 599块, ¥2,999, 599 yuan. */
  explicit: boolean;
  /** Said as what was paid: 花了599, 2999的手机, 售价, paid. */
  price: boolean;
  /** Said as something else: 运费10元, 补偿50元, 优惠券20元. */
  other: boolean;
  /** The whole contract: 合同8万, 总价3万 (a 定金 is measured against it). */
  contract: boolean;
};

/** Where product words sit in the message: a number straight after one (球鞋1399) or after 的 before one (1.2w的相机) is its price. */
export type GoodsSpans = { ends: ReadonlySet<number>; starts: ReadonlySet<number> };
const NO_GOODS: GoodsSpans = { ends: new Set(), starts: new Set() };

const NUM = NUMERAL_SOURCE;
const PREFIXED = new RegExp(String.raw`(?:¥|rmb|cny|人民币)\s*(?:(-|负)\s*)?(${NUM})`, 'g');
/** 599块, 80元, 5块5, 两千多块钱, 599 yuan (not 100美元: the currency word must follow the number). */
const SUFFIXED = new RegExp(
  String.raw`(-|负)?(${NUM})\s*(?:(?:多|来)\s*)?(元|块钱|块|圆|rmb|cny|yuan\b|kuai\b|人民币)(?:\s*([一二三四五六七八九\d])\s*(?:角|毛)?(?![\d月号日天个周年/.\-箱斤件瓶盒袋包份杯只条张套双台次笔把支本桶罐克]))?`,
  'g',
);
const BARE = new RegExp(String.raw`(?<![\d.,a-z])(-|负)?(${NUM})(?![\d.a-z])`, 'g');
/** Words after a bare number that make it a count, a time, a measure or a foreign currency rather than yuan. */
const NOT_MONEY_AFTER =
  /^\s*(?:美元|美金|港币|港元|日元|欧元|usd|dollars?|hkd|eur|euros?|jpy|个|件|双|台|部|只|支|条|瓶|罐|盒|袋|箱|套|本|把|张|副|份|粒|片|块|斤|公斤|千克|克|kg|g\b|ml|毫升|升|米|厘米|cm|寸|天|日|号|月|年|周|星期|礼拜|次|回|遍|小时|分钟|分|秒|岁|%|折|倍|楼|层|人|位|多天|笔|期|成|款|档|级|星|颗|根|套|首|集|页|章|节|门|所|间|家|辆|趟|站|公里|km|mm|英寸|w|万人|days?|weeks?|months?|years?|hours?|times|pcs|pieces|items?)/;
const PRICE_BEFORE =
  /(?:花了|花|付了|付|支付了?|付款|实付|价格|价钱|售价|卖|一共|总共|共计|总价|金额|到手价|(?<![原标])价|盗刷了?|被扣了?|扣了?|扣走了?|转走了?|交了?|押金|定金|订金|充了?|充值了?|打赏了?|刷了|消费了?|花费了?|转了|骗了?我?|加价到|涨到|还剩|剩下?|余额|还有余额|(?:一|每)(?:个|件|双|瓶|盒|箱|斤|台|套|份|张|次)|paid|pay|for|cost|costs|spent|price|priced at|charged(?: me)?|deposit of)\s*(?:(?:了|是|为|:|我|大概|大约|约|差不多|将近|快|才|about|around)\s*){0,2}$/;
/** 1299买的, 2999入手: the number is what was paid. */
const PAID_AFTER = /^\s*(?:买的|买了|入手|拍的|拍了|下单)/;
/** 2999的手机: the number describes the thing bought, when a purchase verb comes before it. */
const OF_AFTER = /^\s*的/;
const PURCHASE = /买|购|拍|入手|下单|bought|purchased|ordered/;
const OTHER_BEFORE =
  /(?:运费|邮费|快递费|优惠券|优惠了|券|补偿|赔偿|赔|差价|红包|返现|补贴|返|给我返|手续费|违约金|维修费|降价|便宜了|退了|只退|退回|原价|标价|划线价|shipping|coupon|compensation|discount|deposit|list price)\s*(?:(?:了|是|为|:|大概|约)\s*)?$/;
/** Money spent on something else: 去医院花了500 is a medical cost, not the price of the goods. */
const OTHER_CLAUSE = /医院|医药费|看病|治疗|住院|检查费|药费|打车|路费|hospital|medical|doctor/;
/** 合同8万, 总价3万, 全款: the number is the whole contract. */
const CONTRACT_BEFORE =
  /(?:合同(?:价|金额|总价|总额|款)?|总价(?:款)?|全款|总额|总费用|工程款|contract(?: price| total)?|total price)\s*(?:(?:是|为|:|一共|共|of)\s*)?$/;
/** Hotlines and well-known numbers are never a price: 12315, 110, 96110 (400/800 numbers are longer runs, never a bare 800). */
const NOT_A_PRICE = /^(?:12315|12345|12331|12358|12321|12306|110|119|120|122|96110|95\d{3})$/;
/** A number alone in its clause (…耳机，1899，…) is the price when the message is about buying something. */
const LONE_NUMBER = /^\s*$/;
/** A 块 followed by a noun counts things (一块手表); followed by these it is money. */
const KUAI_MONEY_NEXT = /^(?:$|[\s钱的多左右了买在吧啊呢呀，。！？、；,.!?:：)）0-9]|[一每][箱斤个件瓶盒袋包份杯只条张套双台次])/;
/** 300多余额, 5000的押金: the sum at stake in a balance or a deposit. */
const AT_STAKE_AFTER = /^\s*(?:多|来)?\s*(?:块钱|块|元)?\s*(?:的)?\s*(?:余额|押金|定金|订金|会员费|学费|充值)/;
/** Words between a product and its price: 衣服才79, 门票要580. */
const GOODS_FILLER = /(?:才|只要|只|要|是|就|卖|也就|花了)$/;

/** Every sum of money in the normalized message, skipping spans already taken by dates and numbers. */
export function findMoney(text: string, original: string, taken: readonly Span[], awaitingAmount: boolean, goods: GoodsSpans = NO_GOODS): MoneyMention[] {
  const found: MoneyMention[] = [];
  const add = (m: RegExpExecArray, explicit: boolean, jiao?: string, pricedByContext = false) => {
    const span = { start: m.index, end: m.index + m[0].length };
    if ([...taken, ...found].some((s) => overlaps(s, span))) return;
    const value = parseNumeral(m[2] ?? '');
    if (value === undefined) return;
    const before = clauseBefore(text, span.start);
    const after = text.slice(span.end);
    const yuan = (m[1] ? -1 : 1) * (value + (jiao ? (parseNumeral(jiao) ?? 0) / 10 : 0));
    const price = pricedByContext || isPrice(before, after) || afterGoods(span.start, after, m[2] ?? '');
    const contract = CONTRACT_BEFORE.test(before);
    found.push({
      ...span,
      text: original.slice(span.start, span.end),
      yuan,
      explicit,
      price,
      contract,
      other: !contract && (OTHER_BEFORE.test(before) || OTHER_CLAUSE.test(before)),
    });
  };
  for (const m of findAll(text, PREFIXED)) add(m, true);
  for (const m of findAll(text, SUFFIXED)) {
    const countsThings = m[3] === '块' && m[4] === undefined && !KUAI_MONEY_NEXT.test(text.slice(m.index + m[0].length));
    if (!countsThings) add(m, true, m[4]);
  }
  for (const found of findAll(text, BARE)) {
    const m = arabicOnly(found);
    const after = text.slice(m.index + m[0].length);
    const digits = (m[2] ?? '').replace(/\D/g, '');
    // Nine or more digits without a currency word is an order or tracking number, not a price.
    if (NOT_MONEY_AFTER.test(after) || digits.length > 8 || NOT_A_PRICE.test(m[2] ?? '')) continue;
    // A lone Chinese digit without a currency word is part of a word (一笔, 一半, 三天两头), not a price.
    if (!awaitingAmount && /^[零〇一二两三四五六七八九十]$/.test(m[2] ?? '')) continue;
    const before = clauseBefore(text, m.index);
    const priced =
      isPrice(before, after) ||
      AT_STAKE_AFTER.test(after) ||
      afterGoods(m.index, after, m[2] ?? '') ||
      CONTRACT_BEFORE.test(before) ||
      (LONE_NUMBER.test(before) && /^\s*(?:[，。；！,;!]|$)/.test(after) && digits.length >= 2 && digits.length <= 6 && PURCHASE.test(text));
    // When only the question makes it money, a lone 一 or 三 is more likely part of a word (一直).
    const numberLike = /\d|[十百千万亿]/.test(m[2] ?? '');
    if (priced || (awaitingAmount && numberLike)) add(m, false, undefined, priced);
  }
  /** 球鞋1399, 年卡3680 (right after a product word), 1.2w的相机 (before one): a price. */
  function afterGoods(at: number, after: string, raw: string): boolean {
    const sizeable = /\d{2,}|[万千kw]|\d\.\d/.test(raw);
    if (!sizeable) return false;
    const filler = GOODS_FILLER.exec(text.slice(Math.max(0, at - 2), at))?.[0].length ?? 0;
    const end = at - filler;
    if (goods.ends.has(end) || GOODS_WORD_BEFORE.test(text.slice(Math.max(0, end - 4), end))) return /^\s*(?:[^\da-z]|$)/.test(after);
    const of = /^\s*(?:元|块钱|块)?\s*的\s*/.exec(after);
    return of !== null && goods.starts.has(text.length - after.length + of[0].length);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The amount paid: a sum said as a price first, then any sum with a currency word, never 运费 or 补偿. */
export function pickAmount(mentions: readonly MoneyMention[], awaitingAmount: boolean): MoneyMention | undefined {
  const candidates = mentions.filter((m) => !m.other);
  return (
    candidates.find((m) => m.price && m.explicit) ??
    candidates.find((m) => m.price) ??
    candidates.find((m) => m.explicit) ??
    (awaitingAmount ? candidates[0] : undefined)
  );
}

/** Goods words that take a price straight after them without 花了: 年卡3680, 门票580, 套餐299. */
const GOODS_WORD_BEFORE = /(?:卡|票|课|课程|套餐|会员|年费|月费|家具|学费|房租|机票|门票|包|表|鞋|衣服|手机|电脑|车)$/;

/** 99一直退不了: Arabic digits then a Chinese digit with no unit is the number 99 and the word 一直. */
function arabicOnly(m: RegExpExecArray): RegExpExecArray {
  const mixed = /^(-|负)?(\d+(?:\.\d+)?)[零〇一二两三四五六七八九]+$/.exec(m[0]);
  if (!mixed?.[2]) return m;
  const cut = Object.assign([`${mixed[1] ?? ''}${mixed[2]}`, m[1], mixed[2]], { index: m.index, input: m.input });
  return cut as unknown as RegExpExecArray;
}

function isPrice(before: string, after: string): boolean {
  return PRICE_BEFORE.test(before) || PAID_AFTER.test(after) || (OF_AFTER.test(after) && PURCHASE.test(before));
}

/** The text of the current clause up to `at`, so 买 in an earlier sentence does not price a later number. */
function clauseBefore(text: string, at: number): string {
  const head = text.slice(0, at);
  const cut = Math.max(...['，', '。', '；', '！', '？', ';', '!', '?', '\n'].map((p) => head.lastIndexOf(p)));
  return head.slice(cut + 1);
}
