import { type Span, findAll, overlaps } from './matchPhrases.js';
import { NUMERAL_SOURCE, parseNumeral } from './parseNumeral.js';

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
};

const NUM = NUMERAL_SOURCE;
const PREFIXED = new RegExp(String.raw`(?:¥|rmb|cny|人民币)\s*(?:(-|负)\s*)?(${NUM})`, 'g');
/** 599块, 80元, 5块5, 两千多块钱, 599 yuan (not 100美元: the currency word must follow the number). */
const SUFFIXED = new RegExp(
  String.raw`(-|负)?(${NUM})\s*(?:(?:多|来)\s*)?(元|块钱|块|圆|rmb|cny|yuan\b|kuai\b|人民币)(?:\s*([一二三四五六七八九\d])\s*(?:角|毛)?(?![\d月号日天个周年/.\-]))?`,
  'g',
);
const BARE = new RegExp(String.raw`(?<![\d.,a-z])(-|负)?(${NUM})(?![\d.a-z])`, 'g');
/** Words after a bare number that make it a count, a time, a measure or a foreign currency rather than yuan. */
const NOT_MONEY_AFTER =
  /^\s*(?:美元|美金|港币|港元|日元|欧元|usd|dollars?|hkd|eur|euros?|jpy|个|件|双|台|部|只|支|条|瓶|罐|盒|袋|箱|套|本|把|张|副|份|粒|片|块|斤|公斤|千克|克|kg|g\b|ml|毫升|升|米|厘米|cm|寸|天|日|号|月|年|周|星期|礼拜|次|回|遍|小时|分钟|分|秒|岁|%|折|倍|楼|层|人|位|多天|days?|weeks?|months?|years?|hours?|times|pcs|pieces|items?)/;
const PRICE_BEFORE =
  /(?:花了|花|付了|付|支付了?|付款|实付|价格|价钱|售价|卖|一共|总共|共计|总价|金额|到手价|(?<![原标])价|盗刷了?|被扣了?|扣了?|扣走了?|转走了?|paid|pay|for|cost|costs|spent|price|priced at)\s*(?:(?:了|是|为|:|大概|大约|约|差不多|将近|快|才|about|around)\s*)?$/;
/** 1299买的, 2999入手: the number is what was paid. */
const PAID_AFTER = /^\s*(?:买的|买了|入手|拍的|拍了|下单)/;
/** 2999的手机: the number describes the thing bought, when a purchase verb comes before it. */
const OF_AFTER = /^\s*的/;
const PURCHASE = /买|购|拍|入手|下单|bought|purchased|ordered/;
const OTHER_BEFORE =
  /(?:运费|邮费|快递费|优惠券|优惠了|券|补偿|赔偿|赔|差价|红包|返现|定金|押金|补贴|手续费|违约金|维修费|降价|便宜了|退了|只退|退回|原价|标价|划线价|shipping|coupon|compensation|discount|deposit|list price)\s*(?:(?:了|是|为|:|大概|约)\s*)?$/;
/** Money spent on something else: 去医院花了500 is a medical cost, not the price of the goods. */
const OTHER_CLAUSE = /医院|医药费|看病|治疗|住院|检查费|药费|打车|路费|hospital|medical|doctor/;
/** A 块 followed by a noun counts things (一块手表); followed by these it is money. */
const KUAI_MONEY_NEXT = /^(?:$|[\s钱的多左右了买在吧啊呢呀，。！？、；,.!?:：)）0-9])/;

/** Every sum of money in the normalized message, skipping spans already taken by dates and numbers. */
export function findMoney(text: string, original: string, taken: readonly Span[], awaitingAmount: boolean): MoneyMention[] {
  const found: MoneyMention[] = [];
  const add = (m: RegExpExecArray, explicit: boolean, jiao?: string) => {
    const span = { start: m.index, end: m.index + m[0].length };
    if ([...taken, ...found].some((s) => overlaps(s, span))) return;
    const value = parseNumeral(m[2] ?? '');
    if (value === undefined) return;
    const before = clauseBefore(text, span.start);
    const after = text.slice(span.end);
    const yuan = (m[1] ? -1 : 1) * (value + (jiao ? (parseNumeral(jiao) ?? 0) / 10 : 0));
    const price = isPrice(before, after);
    found.push({ ...span, text: original.slice(span.start, span.end), yuan, explicit, price, other: OTHER_BEFORE.test(before) || OTHER_CLAUSE.test(before) });
  };
  for (const m of findAll(text, PREFIXED)) add(m, true);
  for (const m of findAll(text, SUFFIXED)) {
    const countsThings = m[3] === '块' && m[4] === undefined && !KUAI_MONEY_NEXT.test(text.slice(m.index + m[0].length));
    if (!countsThings) add(m, true, m[4]);
  }
  for (const m of findAll(text, BARE)) {
    const after = text.slice(m.index + m[0].length);
    const digits = (m[2] ?? '').replace(/\D/g, '');
    // Nine or more digits without a currency word is an order or tracking number, not a price.
    if (NOT_MONEY_AFTER.test(after) || digits.length > 8) continue;
    const before = clauseBefore(text, m.index);
    const priced = isPrice(before, after);
    // When only the question makes it money, a lone 一 or 三 is more likely part of a word (一直).
    const numberLike = /\d|[十百千万亿]/.test(m[2] ?? '');
    if (priced || (awaitingAmount && numberLike)) add(m, false);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The amount paid: a sum said as a price first, then any sum with a currency word, never 运费 or 补偿. */
export function pickAmount(mentions: readonly MoneyMention[], awaitingAmount: boolean): MoneyMention | undefined {
  const candidates = mentions.filter((m) => !m.other);
  return candidates.find((m) => m.price) ?? candidates.find((m) => m.explicit) ?? (awaitingAmount ? candidates[0] : undefined);
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
