import type { Lexicon } from './compileLexicon.js';
import { findAll, findPhrases } from './matchPhrases.js';

const SHOP_NAME_RULES: readonly RegExp[] = [
  // 店铺叫“小王数码”, 商家是「ABC旗舰店」
  /(?:店铺|店名|店家|商家|店)(?:名字|名)?(?:叫|是|名叫|为|:)?\s*[“"「『]([^”"」』]{1,30})[”"」』]/g,
  // 店铺名：小王数码, 店名叫小王数码
  /(?:店铺名?|店名)(?:字)?(?:叫|是|为|:)\s*([^\s，。,!！?？、;；]{2,20})/g,
  // 一家叫小王数码的店
  /叫\s*([^\s，。,!！?？、的]{2,20})\s*的(?:店|网店|店铺|商家)/g,
  // 华为官方旗舰店, 小王数码专营店
  /([^\s，。,!！?？、的在从是了家个买]{1,12}(?:官方旗舰店|旗舰店|专卖店|专营店|官方店|工厂店|直营店|小店|网店))/g,
  /\b(?:shop|store|seller)\s+(?:called|named)\s+["“]?([^"”,.!?]{2,30}?)["”]?(?=[,.!?]|\s+(?:on|and|but|for)\b|$)/g,
];

/** A shop-kind word alone names no shop: 在官方旗舰店买的. */
const GENERIC_SHOP = /^(?:官方)?(?:旗舰店|专卖店|专营店|官方店|工厂店|直营店|小店|网店|自营店|店)$/;

/** The shop's name when the message gives one, as written, without a platform name in front (京东华为旗舰店 → 华为旗舰店). */
export function findShopName(text: string, original: string, lexicon: Lexicon): string | undefined {
  for (const re of SHOP_NAME_RULES) {
    for (const m of findAll(text, re)) {
      const raw = m[1] ?? '';
      let start = m.index + m[0].indexOf(raw);
      const platform = findPhrases(raw, lexicon.platforms).find((h) => h.start === 0 && h.end < raw.length);
      if (platform && re !== SHOP_NAME_RULES[0]) start += platform.end;
      const name = original.slice(start, m.index + m[0].indexOf(raw) + raw.length).trim();
      if (name.length >= 2 && !GENERIC_SHOP.test(name)) return name;
    }
  }
  return undefined;
}
