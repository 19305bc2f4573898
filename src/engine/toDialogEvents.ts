import type { DialogEvent } from '../../dialogs/rights/events.js';
import { COMPLAINT_SLOTS } from '../../dialogs/rights/facts.js';
import { CATEGORY_LABELS, EVIDENCE_LABELS, EVIDENCE_WORDS } from '../../dialogs/rights/labels.js';
import { CATEGORIES, type Category, type Context, type Outcome, type Slots } from '../../dialogs/rights/types.js';
import type { Understanding } from '../understanding/index.js';

// Below this the dialog offers the likeliest categories as choices instead of assuming one.
const CONFIDENT = 0.5;
const SELLER_TYPES = ['third_party', 'platform_self_operated', 'live_stream', 'individual_second_hand'];
/** Labels that say no more than the outcome itself: the outcome records them. */
const BARE_RESPONSES = ['拒绝', '不回复', '同意'];
/** The label knowledge/understanding/sellerResponses.json gives an offer of part of the claim. */
const PARTIAL = '只愿部分补偿';
/** Facts whose wording a later, unrelated message must not overwrite (视频 said about evidence is no product). */
const WORDED = ['product', 'problem', 'shopName'] as const;

/** 没有截图, 啥都没留: no evidence held (a 没有 that a kind of evidence follows is still a no). */
const NONE_HELD = /^(?:都|啥都|什么都|一样都)?没(?:有|留|存|保存|截)/;

const isCategory = (v: string): v is Category => (CATEGORIES as readonly string[]).includes(v);

/**
 * Turns one understood message into the dialog's events, most specific first. A rich message can
 * carry several (consent and the facts, or a side question and the facts); the engine feeds them in order.
 * `value` is a suggested-action payload (a button), which wins over the typed text.
 */
export function toDialogEvents(u: Understanding, context: Context, text: string, value?: string): DialogEvent[] {
  const before: DialogEvent[] = [];
  // The conversation follows the language the user writes in; what needs doing now is said first.
  // A button's value (quality_defect) is no English message.
  if (u.language && u.language !== context.locale && !isCategory((value ?? text).trim())) before.push({ type: 'LANGUAGE', locale: u.language });
  const urgent = (u.urgent ?? []).filter((k) => !(context.warned ?? []).includes(k));
  if (urgent.length) before.push({ type: 'URGENT', kinds: urgent });
  return [...before, ...messageEvents(u, context, text, value)];
}

/** Identifying facts that make it worth asking for consent (a shop's name identifies nobody). */
const IDENTIFYING: readonly (keyof Slots)[] = ['orderNumber', 'phone', 'complainantName', 'address'];

function messageEvents(u: Understanding, context: Context, text: string, value?: string): DialogEvent[] {
  const intents = new Set(u.intents);
  const askingConsent = context.awaiting?.slot === 'consent';
  // A consent question asked over another: everything but yes / no answers the other one.
  const awaiting = askingConsent ? context.awaiting?.resume?.slot : context.awaiting?.slot;
  const choice = value ?? text.trim();

  // 算了 / 不用了 said to the consent question declines it; it does not end the conversation.
  if (askingConsent && intents.has('cancel') && choice.length <= 4) return [{ type: 'CONSENT', given: false }];
  // Requests that change course win over everything in the message.
  if (intents.has('handoff')) return [{ type: 'HANDOFF' }];
  if (intents.has('restart')) return [{ type: 'RESTART' }];
  if (intents.has('cancel')) return [{ type: 'CANCEL' }];
  if (intents.has('back')) return [{ type: 'BACK' }];
  if (value === 'details' || /^\s*(?:详细依据|详细|details?)\s*$/i.test(text)) return [{ type: 'DETAILS' }];
  if (intents.has('withdraw_consent') || intents.has('delete_my_data')) return [{ type: 'WITHDRAW_CONSENT' }];

  // Consent answers come first; the rest of the message is read for the question it was asked over.
  const lead: DialogEvent[] = [];
  const events: DialogEvent[] = [];
  const outcomeSaid = intents.has('outcome_agreed') || intents.has('outcome_refused') || intents.has('outcome_no_reply');
  // 同意 is consent when consent is asked, or when nothing else it could agree to is pending (商家同意了 is an outcome).
  const consentWords = askingConsent || (context.consent !== 'given' && !outcomeSaid);
  if (choice === 'yes' || (consentWords && (intents.has('consent_yes') || (askingConsent && intents.has('yes'))))) lead.push({ type: 'CONSENT', given: true });
  else if (choice === 'no' || (consentWords && (intents.has('consent_no') || (askingConsent && intents.has('no')))))
    lead.push({ type: 'CONSENT', given: false });
  else if (askingConsent && (choice === 'unsure' || intents.has('unsure') || (intents.has('dont_know') && Object.keys(u.slots).length === 0)))
    return [{ type: 'UNSURE' }];
  else if (askingConsent) lead.push({ type: 'CONSENT_PASSED' });
  const consentAnswer = lead[0]?.type === 'CONSENT';
  const consented = lead[0]?.type === 'CONSENT' && lead[0].given;
  // A quick-start button (a dispute type's value) picks the type wherever the story is asked for.
  if (value && isCategory(value) && (awaiting === 'description' || awaiting === undefined) && !context.category)
    return [...lead, { type: 'CHOOSE_CATEGORY', category: value }];
  if (awaiting === 'category' && !consentAnswer) {
    const picked = pickCategory(choice);
    if (picked) return [...lead, { type: 'CHOOSE_CATEGORY', category: picked }];
  }
  // A quick-start button of the welcome (imBack clients send its value as the text): exactly a dispute type id.
  if (awaiting === 'description' && !consentAnswer && isCategory(choice)) return [...lead, { type: 'CHOOSE_CATEGORY', category: choice }];
  // 不同意 said to the consent question is no report that the seller refused.
  const outcome = consentAnswer ? undefined : outcomeOf(value, intents);
  // On the ladder, 解决了 ends it even while the bot is asking for something else (the 12315 details).
  const askingDetails = (COMPLAINT_SLOTS as readonly string[]).includes(awaiting ?? '') && context.outcomes.length > 0;
  if (outcome && (awaiting === 'outcome' || (askingDetails && outcome === 'agreed'))) return [...lead, { type: 'OUTCOME', outcome, ...sellerSaid(u, context) }];
  // Every question clause the understanding found is answered, whatever else was pending.
  const clauses = u.questions?.filter((q) => q.trim()) ?? [];
  const question = intents.has('question') || clauses.length > 0;
  // 投诉和举报有什么区别? names a kind of evidence without claiming to hold it.
  if (awaiting === 'outcome' && u.slots.sellerResponse === PARTIAL) return [...lead, { type: 'PARTIAL_OFFER' }];
  const evidence = question ? [] : evidenceIn(choice);
  if (evidence.length && (awaiting === 'evidence' || awaiting === 'outcome')) events.push({ type: 'EVIDENCE', items: evidence });
  // 对，就是主播带货的 agrees with a fact it restates; it is no answer about the evidence held.
  else if (awaiting === 'evidence' && !consentAnswer && !restatesFacts(u) && (intents.has('yes') || intents.has('no') || NONE_HELD.test(choice)))
    events.push({ type: intents.has('yes') ? 'YES' : 'NO' });

  // After a case was filed, a new and different problem opens a case of its own instead of overwriting the filed one.
  if (!question && events.length === 0 && isNewDispute(u, context, choice)) return [...lead, newDisputeFacts(u)];
  const slots = factsOf(u, context, value, question);
  // Facts that change nothing add nothing to an answer about evidence (有照片，奶粉罐子也还留着).
  const changesSomething = Object.entries(slots).some(([k, v]) => JSON.stringify(context.slots[k as keyof Slots]) !== JSON.stringify(v));
  const hasFacts =
    (Object.keys(slots).length > 0 && (changesSomething || (events.length === 0 && !consentAnswer))) ||
    (u.category !== undefined && context.category === undefined && !question);
  // A side question is answered first; when the facts move the dialog on, they ask what comes next.
  if (question) {
    const asked = clauses.length ? clauses : [text];
    asked.forEach((q, i) => events.push({ type: 'QUESTION', text: q, ...(hasFacts || i < asked.length - 1 ? { resume: false } : {}) }));
  }
  if (hasFacts) {
    events.push({
      type: 'FACTS',
      slots,
      correction: intents.has('correction'),
      ...(question ? { withQuestion: true } : {}),
      ...(u.category
        ? { category: { best: u.category.best, confident: u.category.confidence >= CONFIDENT, alternatives: u.category.alternatives.map((a) => a.type) } }
        : {}),
    });
  }
  const problem = u.problems[0];
  if (problem) events.push({ type: 'INVALID', message: (u.language ?? context.locale) === 'en' ? problem.messageEn : problem.message });
  // Identifying facts without consent are not kept: say so and ask, once they are there.
  const identifying = IDENTIFYING.filter((k) => u.slots[k] !== undefined);
  if (identifying.length && context.consent !== 'given' && !consented) events.push({ type: 'NEED_CONSENT', reason: 'details', slots: identifying });
  if (events.length) return [...lead, ...events];
  if (consentAnswer) return lead;
  return [...lead, bareAnswer(intents, text, awaiting)];
}

/** 另外 / 还有一个问题 / another problem: the user says this is a second matter. */
const ANOTHER_MATTER =
  /另外|另一(?:个|件|单|笔|家)|还有(?:一|个|件)|又(?:遇到|碰到|买了|在)|再(?:说|问)一个|换个问题|\banother\b|\ba different\b|\bone more (?:problem|issue)|\bsecond (?:problem|issue|order)/i;

/** 不对，是平板 / I meant: the user corrects the filed dispute. */
const CORRECTING = /不对|不是|搞错|弄错|说错|写错|打错|记错|应该是|改成|改为|更正|纠正|\bactually\b|\bI meant\b|\bnot\b.*\bbut\b|\bcorrection\b/i;

/**
 * A story about another matter once a case is filed: a confident dispute type, and either another product
 * with a problem or another type, or the user's own word that it is another matter. A correction
 * (不是手机，是平板) or a restated fact is no new dispute.
 */
function isNewDispute(u: Understanding, context: Context, text: string): boolean {
  const guess = u.category;
  if (!context.caseNo || !context.category || !guess || guess.confidence < CONFIDENT) return false;
  // Facts that differ from the known ones read as a correction to the understanding; only the user's own words say so here.
  const another = ANOTHER_MATTER.test(text);
  if (!another && CORRECTING.test(text)) return false;
  const known = context.slots.product;
  const said = u.slots.product;
  const otherProduct = said !== undefined && known !== undefined && !said.includes(known) && !known.includes(said);
  const otherType = guess.best !== context.category;
  if (otherProduct && (u.slots.problem !== undefined || otherType)) return true;
  return another && (otherType || otherProduct);
}

function newDisputeFacts(u: Understanding): DialogEvent {
  const guess = u.category;
  return {
    type: 'FACTS',
    slots: u.slots,
    correction: false,
    newDispute: true,
    ...(guess ? { category: { best: guess.best, confident: guess.confidence >= CONFIDENT, alternatives: guess.alternatives.map((a) => a.type) } } : {}),
  };
}

/** A message with no fact, question or request in it: what kind of short answer it is. */
function bareAnswer(intents: Set<string>, text: string, awaiting: string | undefined): DialogEvent {
  if (intents.has('dont_know') && awaiting) return { type: 'DONT_KNOW' };
  if (intents.has('unsure')) return { type: 'UNSURE' };
  if (intents.has('yes') || intents.has('consent_yes')) return { type: 'YES' };
  if (intents.has('no') || intents.has('consent_no')) return { type: 'NO' };
  if (intents.has('chitchat') || intents.has('greeting')) return { type: 'CHITCHAT', kind: chitchatKind(text, intents.has('greeting')) };
  return { type: 'UNCLEAR' };
}

/** The facts of the message, minus what would wrongly overwrite what the dialog already holds. */
function factsOf(u: Understanding, context: Context, value: string | undefined, question: boolean): Partial<Slots> {
  const slots: Partial<Slots> = { ...u.slots };
  const awaiting = context.awaiting?.slot === 'consent' ? context.awaiting.resume?.slot : context.awaiting?.slot;
  if (value && awaiting === 'sellerType' && SELLER_TYPES.includes(value)) slots.sellerType = value as Slots['sellerType'];
  // Asked how a step went, words that say neither yes nor no are no report of what the seller said;
  // once the seller's rung is behind, what "they" said is the platform's or the regulator's answer.
  if (awaiting === 'outcome' || context.outcomes.length > 0) delete slots.sellerResponse;
  // 能退款吗 asks what is possible; it states no demand. A question is no description of the problem either.
  if (question) delete slots.wants;
  if (question && slots.problem && (u.questions ?? []).some((q) => q.includes(slots.problem ?? '') || (slots.problem ?? '').includes(q))) delete slots.problem;
  const correcting = u.intents.includes('correction');
  for (const key of Object.keys(slots) as (keyof Slots)[]) {
    const known = context.slots[key];
    if (known === undefined || JSON.stringify(known) === JSON.stringify(slots[key]) || correcting) continue;
    // A question mentions facts to ask about them, and after the assessment a stray word is no correction.
    if (question || (context.assessment && (WORDED as readonly string[]).includes(key))) delete slots[key];
  }
  return slots;
}

function outcomeOf(value: string | undefined, intents: Set<string>): Outcome | undefined {
  if (value === 'agreed' || value === 'refused' || value === 'no_reply') return value;
  if (intents.has('outcome_agreed')) return 'agreed';
  if (intents.has('outcome_refused')) return 'refused';
  if (intents.has('outcome_no_reply')) return 'no_reply';
  return undefined;
}

/** What the seller said, kept when it is the seller's rung and it says more than the outcome. */
function sellerSaid(u: Understanding, context: Context): { slots?: Partial<Slots> } {
  const said = u.slots.sellerResponse;
  if (!said || BARE_RESPONSES.includes(said) || context.outcomes.some((o) => o.step === 'seller')) return {};
  return { slots: { sellerResponse: said } };
}

function chitchatKind(text: string, greeting: boolean): 'thanks' | 'identity' | 'greeting' | 'other' {
  if (/谢|感谢|辛苦|thank|thx/i.test(text)) return 'thanks';
  if (/你是谁|机器人|真人|人工智能|\bai\b|你叫什么|who are you|\bbot\b|robot|human|real person/i.test(text)) return 'identity';
  return greeting ? 'greeting' : 'other';
}

function pickCategory(choice: string): Category | undefined {
  if (isCategory(choice)) return choice;
  // 是别的问题, 都不是: a short answer that none of the choices fits.
  if (choice.length <= 8 && /其他|其它|别的|都不是/.test(choice)) return 'other';
  if (/^(?:something else|other|none of (?:these|them))/i.test(choice)) return 'other';
  return CATEGORIES.find(
    (k) =>
      choice.includes(CATEGORY_LABELS[k].zh) ||
      (choice.length >= 2 && CATEGORY_LABELS[k].zh.includes(choice)) ||
      choice.toLowerCase() === CATEGORY_LABELS[k].en.toLowerCase(),
  );
}

function evidenceIn(text: string): string[] {
  if (text in EVIDENCE_LABELS) return [text];
  if (/都有|全都有|all of them/i.test(text)) return Object.keys(EVIDENCE_LABELS);
  return Object.entries(EVIDENCE_WORDS)
    .filter(([, re]) => re.test(text))
    .map(([k]) => k);
}

/** A yes that comes with facts of the case (对，是直播间买的) confirms those facts. */
function restatesFacts(u: Understanding): boolean {
  return Object.keys(u.slots).some((k) => k !== 'wants' && k !== 'notKnown');
}
