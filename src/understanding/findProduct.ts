import type { Lexicon } from './compileLexicon.js';
import { type Span, findAll, findPhrases, longestMatches, overlaps } from './matchPhrases.js';
import { NUMERAL_SOURCE } from '../common/chineseNumeral.js';

export type ProductFound = Span & { value: string; food?: boolean };

const CLASSIFIER = String.raw`(?:(?:一|两|几|\d+)\s*)?(?:(?:个|台|部|件|双|条|瓶|罐|盒|袋|箱|套|只|支|把|张|副|款|份|桶|本|辆|斤|对)\s*)?`;
const PRICE_OF = String.raw`(?:(?:价值\s*)?${NUMERAL_SOURCE}\s*(?:(?:元|块钱|块)\s*)?的\s*)?`;
/** The words after 买了个 / 买的 / 入手了一台: the product, possibly followed by what went wrong. */
const AFTER_BUYING = new RegExp(
  String.raw`(?:买了?的?|购买了?的?|入手了?的?|下单了?的?|拍了?的?|订了?的?)(?!家|单|卖|买|购)\s*${CLASSIFIER}${PRICE_OF}([^\s，。,.!！?？、；;:：]{1,20})`,
  'g',
);
const ENGLISH_AFTER_BUYING =
  /\b(?:bought|purchased|ordered)\s+(?:(?:a|an|the|some|my|this|these|two|three|\d+)\s+)?(?:new\s+|pair of\s+)?([a-z][a-z0-9'-]*(?:\s+[a-z][a-z0-9'-]*){0,3}?)(?=\s+(?:on|from|at|for|in|via|off|through|which|that|and|but|last|yesterday|today|\d)\b|\s*[,.!?;]|$)/g;
/** Where the product name surely ends: 鞋|是假的, 手机|在京东, 奶粉|结果过期了. */
const HARD_STOP = /是|在|花了|结果|但|可是|收到|签收|到货|回来|以后|之后|发现|一直|竟然|居然|怎么|说|才|就|都|还|也|又|被|给/;
/** Where it probably ends when no dictionary word shows the way. */
const SOFT_STOP = /了|有|没|不|坏|用|吃|喝|穿|第一次|头一回|的时候|时|后|的$/;
const MAX_BRAND = 4;
/** Characters a brand may hold; function words, classifiers and verbs end it (孩子喝的|奶粉, 一台|戴森). */
const BRAND_CHAR = /^[\u4e00-\u9fa5a-z]$/;
const NOT_BRAND = /[的了个台部件双买在是我你他她这那一两把给和跟用从上里只条瓶盒款种家喝吃穿新旧说完点订到收刚拍抢]/;
const GENERIC = /^(?:东西|商品|货|宝贝|产品|物品|这个|那个|它|个|了|it|them|this|that|one|something|stuff)$/;
/** 东西半个月了 or 什么: a generic or question word first, or a time span inside, is no product name. */
const GENERIC_START = /^(?:东西|商品|宝贝|产品|物品|什么|啥|哪|这|那)/;
const TIME_INSIDE = /[\d一二两三四五六七八九十半几]\s*(?:个月|天|周|年|小时|星期)/;
/** 拍了视频, 拍了照片: what 拍 took was evidence, not an order. */
const NO_GOODS = /^(?:视频|照片|照|图|截图|录像|聊天记录|记录)/;
const TIME_LIKE = /^[\d一二两三四五六七八九十几半]+\s*(?:天|个?月|周|年|号|次|小时|星期)/;

/** What was bought, in the user's words: 手机, 戴森吹风机, 鞋, phone. `food` when the dictionary knows. */
export function findProduct(text: string, original: string, lexicon: Lexicon, taken: readonly Span[]): ProductFound | undefined {
  for (const m of [...findAll(text, AFTER_BUYING), ...findAll(text, ENGLISH_AFTER_BUYING)]) {
    const raw = m[1] ?? '';
    const start = m.index + m[0].length - raw.length;
    const found = productIn(raw, start, lexicon);
    // 10月30号买的11月3号收到的: the words after 买的 are a date, not a product.
    if (found && !taken.some((t) => overlaps(t, found))) return { ...found, value: original.slice(found.start, found.end) };
  }
  const known = longestMatches(findPhrases(text, lexicon.products)).find((h) => h.value !== null && !taken.some((t) => overlaps(t, h)));
  if (!known || known.value === null) return undefined;
  const start = withBrand(text, known.start, taken);
  return { start, end: known.end, value: original.slice(start, known.end), food: known.value };
}

/** 一台戴森吹风机 → 戴森吹风机: a few name characters straight before a dictionary word are its brand. */
function withBrand(text: string, start: number, taken: readonly Span[]): number {
  const isBrand = (at: number) => BRAND_CHAR.test(text[at] ?? '') && !NOT_BRAND.test(text[at] ?? '') && !taken.some((t) => t.start <= at && at < t.end);
  let at = start;
  while (at > 0 && start - at < MAX_BRAND && isBrand(at - 1)) at--;
  return at;
}

function productIn(raw: string, offset: number, lexicon: Lexicon): (Span & { food?: boolean }) | undefined {
  const hard = raw.search(HARD_STOP);
  const head = hard >= 0 ? raw.slice(0, hard) : raw;
  const terms = longestMatches(findPhrases(head, lexicon.products)).filter((t) => t.value !== null);
  const last = terms[terms.length - 1];
  // 戴森吹风机用了三天 → 戴森吹风机: end at the last dictionary word, keeping the brand before it.
  if (last) return { start: offset, end: offset + last.end, food: last.value ?? false };
  const soft = head.search(SOFT_STOP);
  const name = (soft >= 0 ? head.slice(0, soft) : head).trim();
  if (name.length === 0 || name.length > 10 || GENERIC.test(name) || TIME_LIKE.test(name) || /^[\d.,]+$/.test(name)) return undefined;
  if (GENERIC_START.test(name) || TIME_INSIDE.test(name) || NO_GOODS.test(name)) return undefined;
  return { start: offset, end: offset + name.length };
}
