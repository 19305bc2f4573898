import type { Lexicon } from './compileLexicon.js';
import { asksQuestion, matchRuleIntents } from './detectIntents.js';
import type { SlotName, Slots } from './types.js';

/** Intents that mean the message is not an answer to the bot's question at all. */
const NOT_AN_ANSWER = ['greeting', 'consent_yes', 'consent_no', 'restart', 'back', 'cancel', 'handoff', 'chitchat'] as const;
/** Free-text slots a bare answer fills, with the longest answer we keep (the rest is more likely a story). */
const FREE_TEXT: Partial<Record<SlotName, number>> = { product: 20, shopName: 30, platform: 12, problem: 40, sellerResponse: 40 };
const LEADING_WORDS: Partial<Record<SlotName, RegExp>> = {
  product: /^(?:是|就是|买的是|买了|一个|一台|一部|一件|一双|一瓶|一盒)+/,
  shopName: /^(?:店铺名?|店名|名字)?(?:是|叫|为|:)?\s*[“"「『]?|[”"」』]$/g,
  platform: /^(?:在|是|从)+|(?:上)?(?:买的)?$/g,
};

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
  const words = original.trim().replace(/[。！!？?,，~～]+$/, '').replace(LEADING_WORDS[awaiting] ?? /^$/, '').trim();
  if (words.length === 0 || (awaiting !== 'problem' && words.length > max)) return {};
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
    default:
      return {};
  }
}

export function isDontKnow(text: string, lexicon: Lexicon): boolean {
  return lexicon.dontKnow.some((re) => re.test(text));
}
