import { assign, type StateMachine } from '@xstate/fsm';
import type { DialogEvent } from './events.js';
import { ASSESSED_SLOTS, COMMON_CATEGORIES, awaitingFor, changedSlots, nextComplaintDetail, nextMissing, previousCore } from './facts.js';
import { PERSONAL_SLOTS, type Context, type LadderStep, type Slots, type Stage } from './types.js';

/** The machine's context updates (assign actions) and guards: pure functions of the context and the event. */

type E<T extends DialogEvent['type']> = Extract<DialogEvent, { type: T }>;
export type Action = StateMachine.Action<Context, DialogEvent>;
export type Guard = (c: Context, e: DialogEvent) => boolean;

export const initialContext = (locale: 'zh' | 'en' = 'zh'): Context => ({
  consent: 'unknown',
  locale,
  slots: {},
  evidence: [],
  outcomes: [],
  failures: 0,
  history: [],
});

const update = (fn: (c: Context, e: DialogEvent) => Partial<Context>): Action => assign<Context, DialogEvent>((c, e) => ({ ...c, ...fn(c, e) }));

/**
 * The context once a FACTS event is merged: identifying facts only with consent; the category set
 * once (a correction may change it); choices kept when the category was unclear.
 */
export function merged(c: Context, e: DialogEvent): Context {
  if (e.type !== 'FACTS') return c;
  const withheld = c.consent === 'given' ? [] : PERSONAL_SLOTS.map((k) => e.slots[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
  const allowed = Object.fromEntries(
    Object.entries(e.slots)
      .filter(([k]) => c.consent === 'given' || !PERSONAL_SLOTS.includes(k as keyof Slots))
      // A phone number or a name inside the words of the problem is withheld there too.
      .map(([k, v]) => [k, typeof v === 'string' ? maskWithheld(v, withheld) : v]),
  );
  const told = Object.keys(allowed);
  const notKnown = c.slots.notKnown?.filter((s) => !told.includes(s));
  const slots: Context['slots'] = { ...c.slots, ...allowed, ...(notKnown ? { notKnown } : {}) };
  const guess = e.category;
  const switchCategory = !c.category || (e.correction && guess?.confident);
  const category = switchCategory && guess?.confident ? guess.best : c.category;
  const categoryChoices = !category && guess && !guess.confident ? [guess.best, ...guess.alternatives].slice(0, 3) : c.categoryChoices;
  return { ...c, slots, category, categoryChoices, failures: 0 };
}

function maskWithheld(text: string, withheld: string[]): string {
  return withheld.reduce((t, value) => t.split(value).join('【…】'), text);
}

export const mergeFacts = update((c, e) => merged(c, e));
export const chooseCategory = update((_c, e) => ({ category: (e as E<'CHOOSE_CATEGORY'>).category, categoryChoices: undefined, failures: 0 }));
/** A first description that names no dispute type: offer the common ones. */
export const offerCommonCategories = update((c) => ({ categoryChoices: c.categoryChoices ?? [...COMMON_CATEGORIES] }));
export const forgetCategory = update(() => ({ category: undefined, categoryChoices: undefined }));

/** The next missing fact; asking the same one again counts a try (two unanswered tries skip it, see `stuck`). */
export const awaitNext = update((c) => {
  const slot = nextMissing(c);
  if (!slot) return { awaiting: undefined };
  const again = c.awaiting?.slot === slot;
  return { awaiting: { ...awaitingFor(slot), ...(again ? { tries: (c.awaiting?.tries ?? 0) + 1 } : {}) } };
});
/** The awaited fact was asked and not answered once more (an unclear or invalid answer). */
export const countTry = update((c) => (c.awaiting ? { awaiting: { ...c.awaiting, tries: (c.awaiting.tries ?? 0) + 1 } } : {}));
/**
 * Consent asked over whatever else was pending: that question is kept to go back to once consent is
 * answered (or the user answers it instead). Asked unprompted only once per conversation.
 */
export const askConsent = update((c) => {
  const pending = c.awaiting?.slot === 'consent' ? c.awaiting.resume : c.awaiting;
  return { awaiting: { slot: 'consent', kind: 'confirm', choices: ['yes', 'no'], ...(pending ? { resume: pending } : {}) }, consentAsked: true };
});
/** After consent is answered: back to the question it was asked over. */
export const resumeAfterConsent = update((c) => (c.awaiting?.slot === 'consent' ? { awaiting: c.awaiting.resume } : {}));
/** 撤回同意: no longer kept; the identifying facts leave the dialog (the engine rewrites the case without them). */
export const withdrawConsent = update((c) => ({
  consent: 'declined',
  slots: Object.fromEntries(Object.entries(c.slots).filter(([k]) => !PERSONAL_SLOTS.includes(k as keyof Slots))),
  failures: 0,
}));
export const setLocale = update((_c, e) => ({ locale: (e as E<'LANGUAGE'>).locale }));
export const markWarned = update((c, e) => ({ warned: [...new Set([...(c.warned ?? []), ...(e as E<'URGENT'>).kinds])] }));
export const markPreviewed = update(() => ({ previewed: true }));
export const awaitCategory = update((c) => ({ awaiting: { slot: 'category', kind: 'choice', choices: c.categoryChoices ?? [] } }));
export const awaitDescription = update(() => ({ awaiting: { slot: 'description', kind: 'text' }, categoryChoices: undefined }));
export const awaitEvidence = update(() => ({
  awaiting: { slot: 'evidence', kind: 'choice', choices: ['order', 'listing', 'chat', 'payment', 'tracking', 'photos', 'invoice', 'report'] },
}));
export const awaitOutcome = update(() => ({ awaiting: { slot: 'outcome', kind: 'choice', choices: ['agreed', 'refused', 'no_reply'] } }));
/** At the 12315 step: the next detail the complaint needs (实施条例 第四十六条; the 2022 暂行办法 第九条 items), or how it went once all are known. */
export const awaitComplaintStep = update((c) => {
  // The details name a person: asked only with consent; without it the complaint keeps 【…】 placeholders.
  if (c.consent === 'unknown' && nextComplaintDetail(c)) return { awaiting: { slot: 'consent', kind: 'confirm', choices: ['yes', 'no'] }, consentAsked: true };
  const slot = c.consent === 'given' ? nextComplaintDetail(c) : undefined;
  return { awaiting: slot ? { slot, kind: 'text' } : { slot: 'outcome', kind: 'choice', choices: ['agreed', 'refused', 'no_reply'] } };
});
export const clearAwaiting = update(() => ({ awaiting: undefined }));

export const setConsent = update((_c, e) => ({ consent: (e as E<'CONSENT'>).given ? 'given' : 'declined', failures: 0 }));
export const storeAssessment = update((_c, e) => ({ assessment: (e as E<'ASSESSED'>).assessment }));
/** A re-run after a correction: marks the conclusions that changed (or are new). */
export const storeUpdatedAssessment = update((c, e) => {
  const { assessment } = e as E<'ASSESSED'>;
  const before = new Map((c.assessment?.conclusions ?? []).map((k) => [k.id, JSON.stringify(k)]));
  const changed = assessment.conclusions.filter((k) => before.get(k.id) !== JSON.stringify(k)).map((k) => k.id);
  return { assessment: { ...assessment, changed } };
});
export const storeCaseNo = update((_c, e) => ({ caseNo: (e as E<'CASE_FILED'>).caseNo }));
export const addEvidence = update((c, e) => ({ evidence: [...new Set([...c.evidence, ...(e.type === 'EVIDENCE' ? e.items : [])])] }));
/** How a rung went; at the seller's rung, what the seller said is kept for the later letters. */
export const recordOutcome = (step: LadderStep) =>
  update((c, e) => {
    const { outcome, slots } = e as E<'OUTCOME'>;
    return { outcomes: [...c.outcomes, { step, outcome }], slots: step === 'seller' && slots ? { ...c.slots, ...slots } : c.slots, failures: 0 };
  });
export const forgetLastOutcome = update((c) => ({ outcomes: c.outcomes.slice(0, -1) }));
export const countFailure = update((c) => ({ failures: c.failures + 1 }));
/** The awaited fact is unknown to the user: go on without it. */
export const markNotKnown = update((c) => ({
  slots: { ...c.slots, notKnown: [...new Set([...(c.slots.notKnown ?? []), c.awaiting?.slot ?? ''])].filter(Boolean) },
  failures: 0,
}));
/** 返回上一步 in the form: the fact asked before the current question is asked again. */
export const reopenPrevious = update((c) => {
  const slot = previousCore(c, c.awaiting?.slot);
  if (!slot) return {};
  const { [slot]: _dropped, ...slots } = c.slots;
  return { slots: { ...slots, notKnown: c.slots.notKnown?.filter((s) => s !== slot) } };
});
/**
 * Everything but the locale and the consent goes, the case number too: a new story is a new case
 * (the engine's closeCase, which runs with the same transition, closes the earlier one).
 */
export const resetFacts: Action = assign<Context, DialogEvent>((c) => ({
  ...initialContext(c.locale),
  consent: c.consent,
  ...(c.consentAsked ? { consentAsked: true } : {}),
  ...(c.warned ? { warned: c.warned } : {}),
}));
export const remember = (stage: Stage) => update((c) => ({ history: [...c.history, stage].slice(-10) }));
export const forgetLast = update((c) => ({ history: c.history.slice(0, -1) }));

// ---- guards ----------------------------------------------------------------------------------

export const factsComplete = (c: Context) => c.category !== undefined && nextMissing(c) === undefined;
export const completeAfterMerge: Guard = (c, e) => factsComplete(merged(c, e));
export const previousIs = (stage: Stage) => (c: Context) => c.history.at(-1) === stage;
export const failedBefore = (c: Context) => c.failures >= 1;
export const categoryKnown: Guard = (c, e) => Boolean(merged(c, e).category);
export const categoryUnsure: Guard = (c, e) => e.type === 'FACTS' && Boolean(merged(c, e).categoryChoices?.length);
export const askedWithQuestion: Guard = (_c, e) => e.type === 'FACTS' && e.withQuestion === true;
export const consentGiven: Guard = (_c, e) => e.type === 'CONSENT' && e.given;
export const agreed: Guard = (_c, e) => e.type === 'OUTCOME' && e.outcome === 'agreed';
export const answerOnly: Guard = (_c, e) => e.type === 'QUESTION' && e.resume === false;
export const hasCase = (c: Context) => Boolean(c.caseNo);
export const hasPreviousCore = (c: Context) => previousCore(c, c.awaiting?.slot) !== undefined;
export const awaitingCategory = (c: Context) => c.awaiting?.slot === 'category';
export const awaitingComplaintDetail = (c: Context) => nextComplaintDetail(c) !== undefined && c.awaiting?.slot !== 'outcome' && c.awaiting?.slot !== 'consent';
/** Don't-know on a date or an amount: first say where to find it; on the second, go on without it. */
export const hintFirst = (c: Context) => (c.awaiting?.kind === 'date' || c.awaiting?.kind === 'money') && c.failures === 0;
/** The awaited fact was already asked again once and is still not answered: skip it rather than loop. */
export const stuck = (c: Context) => awaitingFact(c) && (c.awaiting?.tries ?? 0) >= 1;
export const stuckAfterMerge: Guard = (c, e) => {
  const m = merged(c, e);
  return m.awaiting?.slot === c.awaiting?.slot && stuck(m);
};
export const awaitingConsent = (c: Context) => c.awaiting?.slot === 'consent';
export const awaitingFact = (c: Context) => c.category !== undefined && c.awaiting !== undefined && nextMissing(c) === c.awaiting.slot;
export const completeWithoutAwaited = (c: Context) => {
  const slot = c.awaiting?.slot ?? '';
  return factsComplete({ ...c, slots: { ...c.slots, notKnown: [...(c.slots.notKnown ?? []), slot] } });
};
/** A correction to another dispute type: its own facts may still be missing. */
export const switchesCategory: Guard = (c, e) => merged(c, e).category !== c.category;
export const changesAssessedFacts: Guard = (c, e) => e.type === 'FACTS' && changedSlots(c, e.slots).some((s) => ASSESSED_SLOTS.includes(s));
export const changesFacts: Guard = (c, e) => e.type === 'FACTS' && changedSlots(c, e.slots).length > 0;
export const sameAssessment: Guard = (c, e) => e.type === 'ASSESSED' && JSON.stringify(e.assessment) === JSON.stringify(c.assessment);
