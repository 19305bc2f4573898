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
  /** A yes/no question is pending (consent, a confirmation, a boolean slot). */
  expectsYesNo?: boolean;
};

const RULE_INTENTS: readonly IntentRuleName[] = [
  'greeting',
  'consent_yes',
  'consent_no',
  'yes',
  'no',
  'restart',
  'back',
  'cancel',
  'handoff',
  'chitchat',
  'unsure',
  'delete_my_data',
  'export_my_data',
  'withdraw_consent',
];
/** The intents that answer a yes/no question; a message made only of such answers is read by its last one. */
const ANSWERS: readonly IntentRuleName[] = ['consent_yes', 'consent_no', 'yes', 'no', 'unsure'];
/** 不过 / 但是 …: a hedge after an answer (可以，不过不想留电话) qualifies it without undoing it. */
const HEDGE = /^(?:不过|但是|但|只是|就是|可是|然而|though|but|however)/;
/** A short lead-in before the answer (那就这样吧，同意). */
const FILLER_MAX = 6;
/** 算了 / 不用了 answering a yes/no question decline it; they end the conversation only when nothing is asked. */
const SOFT_NO = /^(?:那|那就|还是)?(?:算了|算啦|算了吧|不用了|不用啦|不要了|不了|不必了)$/;
/** Slots whose new value, differing from the known one, means the user is correcting an earlier answer. */
const SCALAR_SLOTS = ['platform', 'amountFen', 'orderDate', 'receivedDate', 'orderNumber', 'phone'] as const;
/** Longer than this, a message holding 不知道 is telling something, not declining to answer. */
const DONT_KNOW_MAX = 20;
const OUTCOMES = { agreed: 'outcome_agreed', refused: 'outcome_refused', no_reply: 'outcome_no_reply' } as const;

/** What the message asks the bot to do, in the order of the `Intent` enum. */
export function detectIntents(rawText: string, lexicon: Lexicon, facts: Facts): Intent[] {
  // 统一 for 同意 is the commonest pinyin slip; only a pending yes/no question makes the reading safe.
  const text = facts.expectsYesNo && rawText.length <= 12 ? rawText.replace(/统一/g, '同意') : rawText;
  const found = new Set<Intent>(matchRuleIntents(text, lexicon));
  if (facts.expectsYesNo && found.has('cancel') && bareForms(text).some((f) => SOFT_NO.test(f))) {
    found.delete('cancel');
    found.add('no');
  }
  const hasSlots = Object.keys(facts.slots).length > 0;
  const asks = asksQuestion(text, lexicon) && !(hasSlots && onlyRhetorical(text, lexicon));
  // 你好吗, 你是谁 and 在吗 end like questions but are small talk, not questions about rights.
  const smallTalkOnly = (found.has('chitchat') || found.has('greeting')) && !hasSlots && !facts.categoryFound;
  // 转人工 / can I talk to a human asks for a person, not about rights.
  const handoffOnly = found.has('handoff') && !hasSlots && !facts.categoryFound;
  // 能导出我的信息吗 asks for the data, not about rights.
  const dataRequest = found.has('delete_my_data') || found.has('export_my_data');
  if (asks && !smallTalkOnly && !handoffOnly && !dataRequest) found.add('question');
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
  const found = exactIntents(bareForms(text), lexicon);
  for (const name of RULE_INTENTS) if (lexicon.intents[name].patterns.some((re) => re.test(text))) found.add(name);
  if (!found.has('yes') && !found.has('no') && !found.has('unsure')) for (const a of clauseAnswer(text, lexicon)) found.add(a);
  // 不了谢谢, no thanks: a short answer with thanks is the answer, not small talk.
  if (ANSWERS.some((a) => found.has(a)) && text.length <= 16) found.delete('chitchat');
  return found;
}

function exactIntents(forms: readonly string[], lexicon: Lexicon): Set<IntentRuleName> {
  const found = new Set<IntentRuleName>();
  for (const name of RULE_INTENTS) if (forms.some((f) => lexicon.intents[name].exact.has(f))) found.add(name);
  // 不了谢谢, no thanks: an answer with thanks is the answer, not small talk.
  if (ANSWERS.some((a) => found.has(a))) found.delete('chitchat');
  return found;
}

/**
 * 是的，同意 / 好的，不同意 / 可以，不过不想留电话: a message of several clauses, each an answer, a hedge or
 * a short lead-in, answers as its last answering clause says.
 */
function clauseAnswer(text: string, lexicon: Lexicon): IntentRuleName[] {
  const clauses = text
    .split(/[，,。.！!？?；;~～\n]+/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  if (clauses.length < 2) return [];
  let answer: IntentRuleName[] = [];
  let hedged = false;
  for (const clause of clauses) {
    const intents = [...exactIntents(bareForms(clause), lexicon)].filter((i) => ANSWERS.includes(i));
    if (intents.length > 0 && !hedged) answer = intents;
    else if (HEDGE.test(clause)) hedged = true;
    else if (!hedged && (clause.length > FILLER_MAX || answer.length > 0)) return [];
  }
  return answer;
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
    .replace(/[‘’]/g, "'")
    .replace(/[，。！？、,.!?~～…；;:"“”()（）\s]+|'(?![a-z])|(?<![a-z])'/g, ' ')
    .trim()
    // Spaces matter only between English words (i agree); 好的 谢谢 is 好的谢谢.
    .replace(/ (?![a-z])|(?<![a-z]) /g, '');
  const forms = new Set([bare]);
  const thanked = bare.replace(/(?:谢谢(?:你|您|啦|了)?|谢啦|谢了|多谢|thanks|thank you|thx)$/, '').trim();
  if (thanked) forms.add(thanked);
  for (const form of [...forms]) {
    forms.add(form.replace(/[啊呀吧哦嘛呢啦哈哒滴]+$/, ''));
    // 可以可以, 同意同意, 👍👍: a word said twice is said once.
    const twice = /^(.{1,4}?)\1+$/u.exec(form);
    if (twice?.[1]) forms.add(twice[1]);
  }
  forms.delete('');
  return [...forms];
}
