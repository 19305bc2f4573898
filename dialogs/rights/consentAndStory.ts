import type { Stage } from './types.js';
import {
  type Action,
  type Guard,
  askConsent,
  awaitCategory,
  categoryKnown,
  categoryUnsure,
  chooseCategory,
  consentGiven,
  countFailure,
  failedBefore,
  markNotKnown,
  markWarned,
  mergeFacts,
  offerCommonCategories,
  remember,
  resumeAfterConsent,
  setConsent,
  setLocale,
  withdrawConsent,
} from './updates.js';

/** Transitions shared by the rights machine's states: consent wherever it comes, and the first story. */

export type Transition = { target?: Stage; cond?: Guard; actions?: Action[] };
export type On = Record<string, Transition | Transition[]>;

/**
 * Consent, wherever it comes: asked over another question, answered, declined or withdrawn, the
 * conversation goes on where it was. Declining costs no advice; it only means nothing identifying is kept.
 */
export const CONSENT_HANDLING: On = {
  CONSENT: [
    { cond: consentGiven, actions: [setConsent, resumeAfterConsent, 'sayConsentThanks', 'fileCase', 'sayReprompt'] },
    { actions: [setConsent, resumeAfterConsent, 'sayConsentDeclined', 'sayReprompt'] },
  ],
  // Consent stays open (unknown): 同意 later still counts, and it is not asked unprompted again.
  CONSENT_PASSED: { actions: [resumeAfterConsent] },
  NEED_CONSENT: [{ cond: (c) => c.consent === 'declined', actions: ['sayNotKept'] }, { actions: [askConsent, 'sayAskConsent'] }],
  WITHDRAW_CONSENT: [
    { cond: (c) => c.consent === 'given', actions: [withdrawConsent, 'forgetCaseContact', 'sayConsentWithdrawn', 'sayReprompt'] },
    { actions: [setConsent, resumeAfterConsent, 'sayNothingKept', 'sayReprompt'] },
  ],
  LANGUAGE: { actions: [setLocale] },
  DETAILS: { actions: ['sayDetails'] },
  URGENT: { actions: [markWarned, 'sayUrgent'] },
};

/** The awaited fact is given up on: the assessment runs without it, or the next fact is asked. */
export const skipAwaited: Action[] = [markNotKnown, 'sayGoOnWithout', 'routeSkip'];

/** A story told at the welcome or at triage: the dispute type when it is clear, choices when it is not. */
export const describing = (stage: Stage): On => ({
  FACTS: [
    { cond: categoryKnown, target: 'collecting', actions: [mergeFacts, remember(stage)] },
    { cond: categoryUnsure, target: 'triage', actions: [mergeFacts, awaitCategory, 'sayChooseCategory'] },
    { target: 'triage', actions: [mergeFacts, offerCommonCategories, awaitCategory, 'sayChooseCategoryVague'] },
  ],
  CHOOSE_CATEGORY: { target: 'collecting', actions: [chooseCategory, remember(stage)] },
  UNCLEAR: [
    { cond: failedBefore, actions: [countFailure, 'sayOfferHelp'] },
    { target: 'triage', actions: [countFailure, offerCommonCategories, awaitCategory, 'sayChooseCategoryVague'] },
  ],
});
