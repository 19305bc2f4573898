import type { Lexicon } from './compileLexicon.js';
import { asksQuestion, matchRuleIntents } from './detectIntents.js';
import { findPhrases } from './matchPhrases.js';
import type { SlotName, Slots } from './types.js';

/** Intents that mean the message is not an answer to the bot's question at all. */
const NOT_AN_ANSWER = ['greeting', 'consent_yes', 'consent_no', 'restart', 'back', 'cancel', 'handoff', 'chitchat'] as const;
/** Free-text slots a bare answer fills, with the longest answer we keep (the rest is more likely a story). */
const FREE_TEXT: Partial<Record<SlotName, number>> = {
  product: 20,
  shopName: 30,
  platform: 12,
  problem: 40,
  sellerResponse: 40,
  complainantName: 20,
  address: 80,
  shopAddress: 80,
};
/** Facts found elsewhere in the message mean it is no bare answer: 11月22号收到的 names no product. */
const OTHER_FACTS: readonly SlotName[] = ['platform', 'product', 'amountFen', 'orderDate', 'receivedDate', 'orderNumber', 'phone', 'sellerType'];
const LEADING_WORDS: Partial<Record<SlotName, RegExp>> = {
  product: /^(?:是|就是|买的是|买了|一个|一台|一部|一件|一双|一瓶|一盒)+/,
  shopName: /^(?:店铺名?|店名|名字)?(?:是|叫|为|:)?\s*[“"「『]?|[”"」』]$/g,
  platform: /^(?:在|是|从)+|(?:上)?(?:买的)?$/g,
  complainantName: /^(?:我(?:的名字)?(?:叫|是)|(?:名字|姓名)(?:是|叫|:)?)\s*/,
  address: /^(?:我的?)?(?:通信|收货|家庭)?(?:地址|住址)(?:是|在|:)?\s*|^(?:我)?住在\s*/,
  shopAddress: /^(?:商家|店铺|店家|公司|他们|对方)?(?:的)?(?:地址|住所)?(?:是|在|:)\s*/,
};
/** What a bare answer must look like to be kept: a name has no digits, an address is more than a word. */
const SHAPE: Partial<Record<SlotName, RegExp>> = {
  // A person's name: two to five Han characters (with · for minority and foreign names) or Latin words.
  complainantName: /^(?:[\u4e00-\u9fa5·]{2,6}|[a-z][a-z .'-]{1,30})$/i,
  // A platform the dictionary does not know is still a name: no digits, no sums (8万), no sentence.
  platform: /^[\u4e00-\u9fa5a-z][\u4e00-\u9fa5a-z0-9 .-]{1,11}$/i,
  address: /^.{4,}$/,
  shopAddress: /^.{4,}$/,
};

/** Words that make an answer something other than a value of the slot: 下一步呢, 好的, 为什么. */
const NOT_A_VALUE: Partial<Record<SlotName, RegExp>> = {
  complainantName: /下一步|接下来|然后|什么|怎么|为什么|哪|吗|呢|吧|好的|可以|不要|不想|知道|继续|谢谢|算了|没有|不用|投诉|商家|店铺|客服|平台|我的|名字/,
  platform: /[万千元块钱]|什么|怎么|哪|吗|呢|不知道|忘了|好的|可以/,
  product: /^(?:什么|怎么|为什么|哪|好的|可以|没有|不知道)/,
};
/** Particles a bare answer ends with that belong to no value: 麻辣烫啊 → 麻辣烫. */
const TRAILING_PARTICLES = /[啊呀吧哦嘛啦哈呢咯喔哟]+$/;

/**
 * A bare answer to the question the bot just asked: 是/没有 for a yes/no slot, or the words themselves
 * for a free-text slot (店名, 商品). Slots the message already filled are left alone.
 */
export function fillAwaited(text: string, original: string, awaiting: SlotName | undefined, found: Partial<Slots>, lexicon: Lexicon): Partial<Slots> {
  if (awaiting === undefined || found[awaiting] !== undefined) return {};
  const intents = matchRuleIntents(text, lexicon);
  if (NOT_AN_ANSWER.some((i) => intents.has(i)) || asksQuestion(text, lexicon) || isDontKnow(text, lexicon)) return {};
  if (awaiting === 'openedPackage' || awaiting === 'isFood' || awaiting === 'injured') {
    const value = intents.has('yes') ? true : intents.has('no') ? false : undefined;
    if (value === undefined) return {};
    return awaiting === 'openedPackage' ? { openedPackage: value } : awaiting === 'isFood' ? { isFood: value } : { injured: value };
  }
  const max = FREE_TEXT[awaiting];
  if (max === undefined || intents.has('yes') || intents.has('no')) return {};
  // What went wrong may name the product (鞋子开胶了), a shop or an address a product word (莆田鞋业);
  // an answer holding other facts is a story.
  const others = awaiting === 'product' || awaiting === 'platform' ? OTHER_FACTS : OTHER_FACTS.filter((s) => s !== 'product' && s !== 'platform');
  if (others.some((s) => s !== awaiting && found[s] !== undefined)) return {};
  // 假货 answering 在哪个平台买的 says what went wrong, not where: only a problem or a reply may name one.
  if (awaiting !== 'problem' && awaiting !== 'sellerResponse' && findPhrases(text, lexicon.categoryTerms).some((h) => h.value.problem)) return {};
  const stripped = original
    .trim()
    .replace(/[。！!？?,，~～]+$/, '')
    .replace(LEADING_WORDS[awaiting] ?? /^$/, '')
    .trim();
  const words = awaiting === 'problem' || awaiting === 'sellerResponse' ? stripped : stripped.replace(TRAILING_PARTICLES, '').trim();
  if (words.length === 0 || (awaiting !== 'problem' && words.length > max)) return {};
  if (SHAPE[awaiting] && !SHAPE[awaiting].test(words)) return {};
  if (NOT_A_VALUE[awaiting]?.test(words)) return {};
  return freeText(awaiting, words.slice(0, max));
}

function freeText(slot: SlotName, value: string): Partial<Slots> {
  switch (slot) {
    case 'product':
      return { product: value };
    case 'shopName':
      return { shopName: value };
    case 'platform':
      return { platform: value };
    case 'problem':
      return { problem: value };
    case 'sellerResponse':
      return { sellerResponse: value };
    case 'complainantName':
      return { complainantName: value };
    case 'address':
      return { address: value };
    case 'shopAddress':
      return { shopAddress: value };
    default:
      return {};
  }
}

export function isDontKnow(text: string, lexicon: Lexicon): boolean {
  return lexicon.dontKnow.some((re) => re.test(text));
}
