import { assignDates } from './assignDates.js';
import { todayInShanghai } from './civilDate.js';
import { type Lexicon, compileLexicon } from './compileLexicon.js';
import { asksQuestion, detectIntents } from './detectIntents.js';
import { type UnderstandingDictionaries, dictionaries } from './dictionaries.js';
import { fillAwaited, isDontKnow } from './fillAwaited.js';
import { findOrderNumber, findPhone } from './findContacts.js';
import { detectLanguage } from './detectLanguage.js';
import { findDates } from './findDates.js';
import { findFlag } from './findFlag.js';
import { findMoney, pickAmount } from './findMoney.js';
import { findPlatform } from './findPlatform.js';
import { findProblem } from './findProblem.js';
import { findProduct } from './findProduct.js';
import { findSellerResponse } from './findSellerResponse.js';
import { findSellerType } from './findSellerType.js';
import { findShopName } from './findShopName.js';
import { findCaseFacts } from './findCaseFacts.js';
import { findUrgent } from './findUrgent.js';
import { findWants } from './findWants.js';
import { type Span, findPhrases, longestMatches } from './matchPhrases.js';
import { normalizeMessage, simplifyChinese } from '../common/normalizeText.js';
import { fixTypos } from './simplifyText.js';
import { slotProblem } from './problemMessages.js';
import { splitClauses } from './splitClauses.js';
import { scoreCategory } from './scoreCategory.js';
import {
  type Intent,
  SlotName,
  type Slots,
  type SlotProblem,
  type Understand,
  type UnderstandContext,
  type UnderstandSync,
  type Understanding,
} from './types.js';
import { validateAmount, validateDates } from './validateSlots.js';

/** Builds the offline understander over the given dictionaries (tests may pass their own), compiling them once. */
export function makeUnderstandOffline(dicts: UnderstandingDictionaries): UnderstandSync {
  const lexicon = compileLexicon(dicts);
  return (message, context) => understand(lexicon, message, context);
}

/** What a 12315 complaint must name of the parties (暂行办法 第九条): free text asked for one at a time. */
const COMPLAINT_DETAILS: readonly SlotName[] = ['complainantName', 'address', 'shopAddress'];

/** Rule- and dictionary-based understanding over the shipped dictionaries in `knowledge/understanding/`. */
export const understandOfflineSync: UnderstandSync = makeUnderstandOffline(dictionaries);

/** The same, behind the engine's async `Understand` type. */
export const understandOffline: Understand = async (message, context) => understandOfflineSync(message, context);

/** Intents that steer the conversation rather than tell a dispute. */
const CONTROL_INTENTS: readonly Intent[] = [
  'consent_yes',
  'consent_no',
  'yes',
  'no',
  'unsure',
  'handoff',
  'restart',
  'back',
  'cancel',
  'delete_my_data',
  'export_my_data',
  'withdraw_consent',
];
/** Slots whose bare answer is 是 / 不是: asking for one is asking a yes/no question. */
const YES_NO_SLOTS: readonly SlotName[] = ['openedPackage', 'isFood', 'injured', 'shopClosed', 'offline'];

function understand(lexicon: Lexicon, written: string, { now, known = {}, awaiting, expectsYesNo }: UnderstandContext): Understanding {
  // Traditional characters and typing slips are read as the simplified words they stand for; every step
  // below, and every value taken from the message, sees the repaired text (same length, same offsets).
  const message = fixTypos(simplifyChinese(written));
  const text = normalizeMessage(message);
  const today = todayInShanghai(now);

  // Numbers that are not money go first, so an order number or 11月3号 is never read as a price.
  const orderNumber = findOrderNumber(text, message, awaiting === 'orderNumber');
  const phone = findPhone(text, orderNumber ? [orderNumber] : []);
  const dates = findDates(text, message, today, awaiting === 'orderDate' || awaiting === 'receivedDate');
  const taken: Span[] = [...(orderNumber ? [orderNumber] : []), ...(phone ? [phone] : []), ...dates];
  const goodsWords = longestMatches(findPhrases(text, lexicon.products)).filter((h) => h.value !== null);
  const goods = { ends: new Set(goodsWords.map((h) => h.end)), starts: new Set(goodsWords.map((h) => h.start)) };
  // 不对，是2599: a correction of a known price reads a bare number as the price.
  const correctingAmount = known.amountFen !== undefined && lexicon.correction.some((re) => re.test(text));
  const money = findMoney(text, message, taken, awaiting === 'amountFen' || correctingAmount, goods);
  const { returnDates, ...caseFacts } = findCaseFacts(text, money, dates, today);
  const dateCheck = validateDates(
    assignDates(
      text,
      dates.filter((d) => !returnDates.has(d)),
      awaiting,
    ),
    today,
    known,
  );
  // 合同8万 / 总价3万 is the whole contract (定金 is capped at 20 % of it), not what was paid.
  const contract = money.find((m) => m.contract && m.yuan > 0);
  const amountCheck = validateAmount(
    pickAmount(
      money.filter((m) => m !== contract),
      awaiting === 'amountFen' || correctingAmount,
    ),
  );

  const questions = splitClauses(text).filter((c) => asksQuestion(text.slice(c.start, c.end + 1), lexicon));
  const platform = findPlatform(text, lexicon);
  const product = findProduct(text, message, lexicon, [...taken, ...money, ...(platform ? [platform] : [])]);
  const categoryHits = longestMatches(findPhrases(text, lexicon.categoryTerms));
  const sellerResponse = findSellerResponse(text, lexicon, awaiting === 'sellerResponse', questions);
  const wants = findWants(text, lexicon, awaiting === 'wants');

  const slots = withoutUndefined({
    platform: platform?.value,
    sellerType: findSellerType(text, lexicon),
    shopName: findShopName(text, message, lexicon),
    product: product?.value,
    ...amountCheck.slots,
    ...dateCheck.slots,
    orderNumber: orderNumber?.value,
    phone: phone?.value,
    problem: findProblem(text, message, categoryHits, questions),
    wants: wants.length > 0 ? wants : undefined,
    sellerResponse: sellerResponse?.label,
    openedPackage: findFlag(text, lexicon.openedPackage),
    isFood: findFlag(text, lexicon.food) ?? product?.food,
    injured: findFlag(text, lexicon.injured),
    ...caseFacts,
    contractTotalFen: contract ? Math.round(contract.yuan * 100) : undefined,
  });
  Object.assign(slots, fillAwaited(text, message, awaiting, slots, lexicon));

  const urgent = findUrgent(text, lexicon);
  const scored = scoreCategory(text, categoryHits, lexicon, {
    slots,
    sellerRefused: sellerResponse?.outcome === 'refused',
    sellerSuggests: sellerResponse?.suggests,
    urgent,
  });
  const problems: SlotProblem[] = [...dateCheck.problems, ...amountCheck.problems];
  const yesNo = expectsYesNo === true || (awaiting !== undefined && YES_NO_SLOTS.includes(awaiting));
  const intents = detectIntents(text, lexicon, {
    slots,
    known,
    categoryFound: scored !== undefined,
    hasProblems: problems.length > 0,
    sellerResponse,
    expectsYesNo: yesNo,
  });
  // A name or a street address answering for a 12315 complaint detail is the answer, whatever digits
  // or place names in it look like (文三路90号 is no amount): read it as such unless it asks something.
  if (awaiting && COMPLAINT_DETAILS.includes(awaiting) && slots[awaiting] === undefined && !intents.includes('question')) {
    Object.assign(slots, fillAwaited(text, message, awaiting, {}, lexicon));
  }
  // 删除我的信息, 撤回授权, 转人工客服: a control message names no dispute unless it also says what went wrong.
  const control = intents.some((i) => CONTROL_INTENTS.includes(i));
  const dataRights = intents.some((i) => i === 'delete_my_data' || i === 'export_my_data' || i === 'withdraw_consent');
  const told = categoryHits.some((h) => h.value.problem && !(dataRights && h.value.type === 'personal_info'));
  const category = control && !told && urgent.length === 0 ? undefined : scored;
  const unread = unreadAnswer(text, lexicon, awaiting, slots, problems, intents);
  if (unread) problems.push(slotProblem(unread, 'unparseable', { text: message.trim() }));
  const result: Understanding = { intents, slots, problems };
  if (category) result.category = category;
  const language = detectLanguage(text);
  if (language) result.language = language;
  if (urgent.length > 0) result.urgent = urgent;
  if (intents.includes('question')) {
    const asked = questions.map((q) => message.slice(q.start, q.end + 1).trim()).filter((q) => q.length > 0);
    if (asked.length > 0) result.questions = asked;
  }
  return result;
}

/** The awaited date or amount slot when the user typed something number-like and none of it could be read. */
function unreadAnswer(
  text: string,
  lexicon: Lexicon,
  awaiting: SlotName | undefined,
  slots: Partial<Slots>,
  problems: readonly SlotProblem[],
  intents: readonly Intent[],
): SlotName | undefined {
  if (awaiting !== 'orderDate' && awaiting !== 'receivedDate' && awaiting !== 'amountFen') return undefined;
  if (slots[awaiting] !== undefined || problems.some((p) => p.slot === awaiting) || isDontKnow(text, lexicon)) return undefined;
  // Any other fact or intent means the user said something else (一直没收到, 转人工), not a bad date.
  if (Object.keys(slots).length > 0 || intents.some((i) => i !== 'provide_info')) return undefined;
  return /[\d一二两三四五六七八九十百千万]|[月号日天周年元块钱]|yuan|day|week|month/.test(text) ? awaiting : undefined;
}

/** Drops the keys whose value is undefined, so `slots` lists only what was found. */
function withoutUndefined(values: Partial<Slots>): Partial<Slots> {
  const out: Partial<Slots> = {};
  const copy = <K extends SlotName>(key: K) => {
    const value = values[key];
    if (value !== undefined) out[key] = value;
  };
  SlotName.options.forEach(copy);
  return out;
}
