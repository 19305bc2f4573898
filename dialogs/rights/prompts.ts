import { CATEGORY_LABELS, CATEGORY_SLOT_QUESTIONS, EVIDENCE_LABELS, OUTCOME_LABELS, SELLER_TYPE_LABELS, SLOT_LABELS, SLOT_QUESTIONS } from './labels.js';
import type { Category, Context, SellerType, SlotName } from './types.js';

export type Suggestion = { title: string; value: string };
/** One conclusion of the expandable details card (the widget shows it as a card; other channels show the text). */
export type DetailItem = { title: string; text: string; citations: { law: string; article: string; note?: string }[] };
export type Reply = {
  text: string;
  suggestions?: Suggestion[];
  citations?: { law: string; article: string; versionDate?: string; quote?: string }[];
  /** Set on the 详细依据 reply: the same content, one item per conclusion. */
  details?: DetailItem[];
};

/** The question for the awaited fact, in the words of the dispute type when it has its own. */
export function askSlot(c: Context, zh: boolean): Reply[] {
  const slot = c.awaiting?.slot as SlotName | undefined;
  if (!slot || !(slot in SLOT_LABELS)) return [];
  const q = (c.category && CATEGORY_SLOT_QUESTIONS[c.category]?.[slot]) ??
    SLOT_QUESTIONS[slot] ?? { zh: `请告诉我${SLOT_LABELS[slot].zh}。`, en: `Please tell me ${SLOT_LABELS[slot].en}.` };
  const suggestions =
    slot === 'sellerType'
      ? (Object.keys(SELLER_TYPE_LABELS) as SellerType[]).map((k) => ({ title: SELLER_TYPE_LABELS[k][zh ? 'zh' : 'en'], value: k }))
      : undefined;
  return [{ text: q[zh ? 'zh' : 'en'], ...(suggestions ? { suggestions } : {}) }];
}

/** The choices offered for a category. */
export function categoryChoices(c: Context, zh: boolean): Suggestion[] {
  return (c.categoryChoices ?? []).map((k) => ({ title: CATEGORY_LABELS[k][zh ? 'zh' : 'en'], value: k }));
}

/** The question pending before a digression, asked again. */
export function reprompt(c: Context, zh: boolean): Reply[] {
  const slot = c.awaiting?.slot;
  const back = zh ? '回到刚才的问题：' : 'Back to my question: ';
  if (!slot) return [];
  // Consent asked over another question: that one is the one to come back to, consent can be answered any time.
  if (slot === 'consent') {
    const resumed = c.awaiting?.resume ? reprompt({ ...c, awaiting: c.awaiting.resume }, zh) : [];
    return [
      ...resumed,
      {
        text: zh ? '另外，要我保存案件信息吗？说“同意”或“不同意”都行。' : 'Also: shall I keep your case details? "Yes" or "no" is fine.',
        suggestions: yesNo(zh),
      },
    ];
  }
  if (slot === 'description')
    return [{ text: zh ? '请说说你遇到的情况：在哪个平台买了什么、出了什么问题。' : 'Tell me what happened: what you bought, where, and what went wrong.' }];
  if (slot === 'category') return [{ text: zh ? `${back}你遇到的是下面哪种情况？` : `${back}which of these is closest?`, suggestions: categoryChoices(c, zh) }];
  if (slot === 'evidence')
    return [
      {
        text: zh ? `${back}你手里有哪些证据？` : `${back}which of these do you have?`,
        suggestions: (c.awaiting?.choices ?? []).map((v) => ({ title: choiceLabel(v, zh), value: v })),
      },
    ];
  if (slot === 'outcome') return [outcomeQuestion(zh, zh ? `${back}结果怎么样？` : `${back}how did it go?`)];
  return askSlot(c, zh).map((r) => ({ ...r, text: `${back}${r.text}` }));
}

export function outcomeQuestion(zh: boolean, text: string): Reply {
  return { text, suggestions: (['agreed', 'refused', 'no_reply'] as const).map((o) => ({ title: OUTCOME_LABELS[o][zh ? 'zh' : 'en'], value: o })) };
}

export function yesNo(zh: boolean): Suggestion[] {
  return [
    { title: zh ? '同意' : 'I agree', value: 'yes' },
    { title: zh ? '不同意' : 'No', value: 'no' },
  ];
}

export function choiceLabel(value: string, zh: boolean): string {
  const lang = zh ? 'zh' : 'en';
  if (value === 'yes' || value === 'no') return yesNo(zh)[value === 'yes' ? 0 : 1]?.title ?? value;
  return (
    CATEGORY_LABELS[value as Category]?.[lang] ??
    SELLER_TYPE_LABELS[value as SellerType]?.[lang] ??
    EVIDENCE_LABELS[value]?.[lang] ??
    OUTCOME_LABELS[value as 'agreed']?.[lang] ??
    value
  );
}
