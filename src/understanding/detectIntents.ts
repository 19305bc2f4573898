import type { IntentRuleName, Lexicon } from './compileLexicon.js';
import type { SellerResponseFound } from './findSellerResponse.js';
import { splitClauses } from './splitClauses.js';
import { Intent, type Slots } from './types.js';

type Facts = {
  /** Slots found in this message. */
  slots: Partial<Slots>;
  known: Partial<Slots>;
  categoryFound: boolean;
  /** A value was given but cannot be right (明天收到的): still a statement of fact. */
  hasProblems: boolean;
  sellerResponse: SellerResponseFound | undefined;
};

const RULE_INTENTS: readonly IntentRuleName[] = ['greeting', 'consent_yes', 'consent_no', 'yes', 'no', 'restart', 'back', 'cancel', 'handoff', 'chitchat'];
/** Slots whose new value, differing from the known one, means the user is correcting an earlier answer. */
const SCALAR_SLOTS = ['platform', 'amountFen', 'orderDate', 'receivedDate', 'orderNumber', 'phone'] as const;
/** Longer than this, a message holding 不知道 is telling something, not declining to answer. */
const DONT_KNOW_MAX = 20;
const OUTCOMES = { agreed: 'outcome_agreed', refused: 'outcome_refused', no_reply: 'outcome_no_reply' } as const;

/** What the message asks the bot to do, in the order of the `Intent` enum. */
export function detectIntents(text: string, lexicon: Lexicon, facts: Facts): Intent[] {
  const found = new Set<Intent>(matchRuleIntents(text, lexicon));
  const hasSlots = Object.keys(facts.slots).length > 0;
  const asks = asksQuestion(text, lexicon) && !(hasSlots && onlyRhetorical(text, lexicon));
  // 你好吗, 你是谁 and 在吗 end like questions but are small talk, not questions about rights.
  const smallTalkOnly = (found.has('chitchat') || found.has('greeting')) && !hasSlots && !facts.categoryFound;
  if (asks && !smallTalkOnly) found.add('question');
  const marksCorrection = lexicon.correction.some((re) => re.test(text));
  const conflicts = SCALAR_SLOTS.some((s) => facts.slots[s] !== undefined && facts.known[s] !== undefined && facts.slots[s] !== facts.known[s]);
  if ((marksCorrection && hasSlots) || conflicts) found.add('correction');
  const outcome = facts.sellerResponse?.outcome;
  if (outcome) found.add(OUTCOMES[outcome]);
  // A short 不记得了 or 跳过 answers nothing; a longer story that says 不知道 somewhere is still a story.
  if (!hasSlots && !facts.hasProblems && !asks && text.length <= DONT_KNOW_MAX && lexicon.dontKnow.some((re) => re.test(text))) found.add('dont_know');
  if (hasSlots || facts.hasProblems) found.add('provide_info');
  return Intent.options.filter((i) => found.has(i));
}

/** The intents a dictionary decides alone: a whole-message phrase (好的, 转人工) or a pattern. */
export function matchRuleIntents(text: string, lexicon: Lexicon): Set<IntentRuleName> {
  const forms = bareForms(text);
  const found = new Set<IntentRuleName>();
  for (const name of RULE_INTENTS) {
    const rule = lexicon.intents[name];
    if (forms.some((f) => rule.exact.has(f)) || rule.patterns.some((re) => re.test(text))) found.add(name);
  }
  return found;
}

export function asksQuestion(text: string, lexicon: Lexicon): boolean {
  return lexicon.question.some((re) => re.test(text));
}

/** Every clause that asks is a rhetorical one (这不是虚构原价吗, 难道不该退吗). */
function onlyRhetorical(text: string, lexicon: Lexicon): boolean {
  const asking = splitClauses(text)
    .map((c) => text.slice(c.start, c.end + 1))
    .filter((clause) => asksQuestion(clause, lexicon));
  return asking.length > 0 && asking.every((clause) => lexicon.rhetorical.some((re) => re.test(clause)));
}

/** The message without punctuation and spacing, with and without trailing particles (好的呀 → 好的). */
export function bareForms(text: string): string[] {
  const bare = text
    .replace(/[，。！？、,.!?~～…；;:"“”'‘’()（）\s]+/g, ' ')
    .trim()
    // Spaces matter only between English words (i agree); 好的 谢谢 is 好的谢谢.
    .replace(/ (?![a-z])|(?<![a-z]) /g, '');
  const stripped = bare.replace(/[啊呀吧哦嘛呢啦哈]+$/, '');
  return stripped && stripped !== bare ? [bare, stripped] : [bare];
}
