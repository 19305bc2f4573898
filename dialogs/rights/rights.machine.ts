import { createMachine } from '@xstate/fsm';
import type { DialogEvent } from './events.js';
import type { Context, Stage } from './types.js';
import {
  type Action,
  addEvidence,
  agreed,
  answerOnly,
  askedWithQuestion,
  awaitComplaintStep,
  awaitingConsent,
  awaitDescription,
  awaitEvidence,
  awaitNext,
  awaitOutcome,
  awaitingCategory,
  awaitingComplaintDetail,
  awaitingFact,
  changesAssessedFacts,
  changesFacts,
  chooseCategory,
  clearAwaiting,
  completeAfterMerge,
  completeWithoutAwaited,
  consentGiven,
  countFailure,
  countTry,
  factsComplete,
  failedBefore,
  forgetCategory,
  forgetLast,
  forgetLastOutcome,
  hasCase,
  hasPreviousCore,
  hintFirst,
  initialContext,
  markNotKnown,
  markPreviewed,
  mergeFacts,
  previousIs,
  recordOutcome,
  remember,
  reopenPrevious,
  resetFacts,
  sameAssessment,
  setConsent,
  storeAssessment,
  storeCaseNo,
  storeUpdatedAssessment,
  stuck,
  stuckAfterMerge,
  switchesCategory,
} from './updates.js';

export const RIGHTS_MACHINE_ID = 'rights';
/** Bump when Context or the states change shape; src/engine/snapshot.ts migrates or resets older ones. */
export const RIGHTS_MACHINE_VERSION = 2;

import { CONSENT_HANDLING, describing, skipAwaited, type On, type Transition } from './consentAndStory.js';

// ---- repair patterns, available in every conversational state -------------------------------

/** Going back to whichever of `stages` the conversation came from (handoff, cancel, resolved). */
const backTo = (stages: Stage[], actions: Action[] = [], say: Action = 'sayBack'): Transition[] =>
  stages.map((s) => ({ cond: previousIs(s), target: s, actions: [...actions, forgetLast, say] }));
const CONVERSATION: Stage[] = ['welcome', 'triage', 'collecting', 'evidence', 'negotiate', 'platform', 'external', 'resolved'];

/** Small talk gets a small answer of its kind, then whatever should follow. */
const chitchat = (then: Action[], other: Action[] = ['sayChitchat']): Transition[] => [
  { cond: (_c, e) => e.type === 'CHITCHAT' && e.kind === 'thanks', actions: ['sayYouAreWelcome', ...then] },
  { cond: (_c, e) => e.type === 'CHITCHAT' && e.kind === 'identity', actions: ['sayWhoIAm', ...then] },
  { cond: (_c, e) => e.type === 'CHITCHAT' && e.kind === 'greeting', actions: ['sayHello', ...then] },
  { actions: [...other, ...then] },
];

/** Interrupt → answer → resume; chit-chat; handoff; restart; back; cancel; clarification. */
function repairs(stage: Stage): On {
  return {
    ...CONSENT_HANDLING,
    UNSURE: [{ cond: awaitingConsent, actions: ['sayConsentExplained', 'sayReprompt'] }, { actions: ['sayUnsureOk', 'sayReprompt'] }],
    // The answer, then the pending question again; when facts in the same message move on, they ask.
    QUESTION: [{ cond: answerOnly, actions: ['answerQuestion'] }, { actions: ['answerQuestion', 'sayReprompt'] }],
    ANSWERED: { actions: [] },
    CHITCHAT: chitchat(['sayReprompt']),
    INVALID: { actions: ['sayInvalid'] },
    UNCLEAR: [{ cond: failedBefore, actions: [countFailure, 'sayOfferHelp'] }, { actions: [countFailure, 'sayUnclear', 'sayReprompt'] }],
    DONT_KNOW: { actions: ['sayUnclear', 'sayReprompt'] },
    PARTIAL_OFFER: { actions: ['sayPartialOffer'] },
    YES: { actions: ['sayReprompt'] },
    NO: { actions: ['sayReprompt'] },
    HANDOFF: { target: 'handoff', actions: [remember(stage)] },
    RESTART: { target: 'triage', actions: [resetFacts, 'closeCase', 'sayRestarted'] },
    CANCEL: [
      { cond: hasCase, target: 'cancelled', actions: [remember(stage), 'fileCase'] },
      { target: 'cancelled', actions: [remember(stage)] },
    ],
    BACK: { actions: ['sayNothingToGoBackTo', 'sayReprompt'] },
  };
}

/** After the assessment: a changed fact re-runs it; a new detail only updates the case; a repeat changes nothing. */
const afterAssessment = (stage: Stage): On => ({
  CASE_FILED: { actions: [storeCaseNo] },
  FACTS: [
    // A second, different problem: the filed case is set aside (the engine keeps it) and the new story starts afresh.
    { cond: (_c, e) => e.type === 'FACTS' && e.newDispute === true, target: 'triage', actions: [resetFacts, mergeFacts, 'setCaseAside'] },
    { cond: switchesCategory, target: 'collecting', actions: [mergeFacts, remember(stage)] },
    { cond: changesAssessedFacts, actions: [mergeFacts, 'assess'] },
    { cond: changesFacts, actions: [mergeFacts, 'sayFactsUpdated', 'fileCase', 'sayReprompt'] },
    { actions: ['sayAlreadyNoted', 'sayReprompt'] },
  ],
  ASSESSED: [
    { cond: sameAssessment, actions: [storeAssessment, 'sayFactsUpdated', 'fileCase', 'sayReprompt'] },
    { actions: [storeUpdatedAssessment, 'sayAssessmentUpdated', 'fileCase', 'sayReprompt'] },
  ],
  EVIDENCE: { actions: [addEvidence, 'sayEvidenceNoted', 'fileCase', 'sayReprompt'] },
});

const ladderOutcome = (step: 'seller' | 'platform', next: Stage): Transition[] => [
  { cond: agreed, target: 'resolved', actions: [recordOutcome(step), remember(step === 'seller' ? 'negotiate' : 'platform')] },
  // Bought offline (a gym card at the shop): there is no platform to ask, so the next rung is 12315.
  ...(next === 'platform'
    ? [{ cond: (c: Context) => !c.slots.platform, target: 'external' as const, actions: [recordOutcome(step), remember('negotiate')] }]
    : []),
  { target: next, actions: [recordOutcome(step), remember(step === 'seller' ? 'negotiate' : 'platform')] },
];

export const rightsMachine = createMachine<Context, DialogEvent>({
  id: RIGHTS_MACHINE_ID,
  initial: 'welcome',
  context: initialContext(),
  states: {
    welcome: {
      // Help first: the welcome asks what happened; consent is asked when something identifying is to be kept.
      entry: [awaitDescription, 'sayWelcome'],
      on: {
        ...repairs('welcome'),
        ...describing('welcome'),
        // Consent given (or declined) before any story: noted, then the story is asked for.
        CONSENT: [
          { cond: consentGiven, target: 'triage', actions: [setConsent, 'sayConsentThanks'] },
          { target: 'triage', actions: [setConsent, 'sayConsentDeclined'] },
        ],
        START: { target: 'welcome' },
        RESTART: { target: 'welcome' },
      },
    },
    triage: {
      // Facts may already be known: go straight on when they suffice.
      entry: ['routeTriage'],
      on: {
        ...repairs('triage'),
        ...describing('triage'),
        ROUTE_COLLECT: { target: 'collecting', actions: [remember('triage')] },
        ROUTE_ASK: { actions: [awaitDescription, 'sayAskDescription'] },
        ROUTE_WAIT: { actions: [] },
        BACK: [{ cond: awaitingCategory, actions: [awaitDescription, 'sayBack', 'sayAskDescription'] }, { actions: ['sayNothingToGoBackTo', 'sayReprompt'] }],
      },
    },
    collecting: {
      entry: ['routeCollect'],
      on: {
        ...repairs('collecting'),
        ROUTE_ASSESS: { actions: [clearAwaiting, markPreviewed, 'sayFactsNoted', 'assess'] },
        // The first reply to a story already says what the law gives on what is known, then asks what is missing.
        ROUTE_ASK: [{ cond: (c) => !c.previewed, actions: [awaitNext, markPreviewed, 'preview', 'sayAskSlot'] }, { actions: [awaitNext, 'sayAskSlot'] }],
        FACTS: [
          { cond: completeAfterMerge, actions: [mergeFacts, clearAwaiting, 'sayFactsNoted', 'assess'] },
          // Asked twice and still not answered (a 签收 for goods never shipped): go on without it.
          { cond: stuckAfterMerge, actions: [mergeFacts, ...skipAwaited] },
          { actions: [mergeFacts, awaitNext, 'sayAskSlot'] },
        ],
        // Not understood: sorry and the question again; then the choices and a person; then go on without it.
        UNCLEAR: [
          { cond: (c) => stuck(c) && (c.awaiting?.tries ?? 0) >= 2, actions: [...skipAwaited] },
          { cond: (c) => awaitingFact(c) && failedBefore(c), actions: [countTry, countFailure, 'sayOfferHelp'] },
          { cond: awaitingFact, actions: [countTry, countFailure, 'sayUnclear', 'sayReprompt'] },
          ...(repairs('collecting').UNCLEAR as Transition[]),
        ],
        INVALID: [
          { cond: stuck, actions: ['sayInvalid', ...skipAwaited] },
          { cond: awaitingFact, actions: [countTry, 'sayInvalid'] },
          { actions: ['sayInvalid'] },
        ],
        CHOOSE_CATEGORY: { target: 'collecting', actions: [chooseCategory] },
        DONT_KNOW: [
          { cond: (c) => awaitingFact(c) && hintFirst(c), actions: [countFailure, 'sayDontKnowHint'] },
          { cond: (c) => awaitingFact(c) && completeWithoutAwaited(c), actions: [markNotKnown, clearAwaiting, 'sayGoOnWithout', 'sayFactsNoted', 'assess'] },
          { cond: awaitingFact, actions: [markNotKnown, awaitNext, 'sayGoOnWithout', 'sayAskSlot'] },
          { actions: ['sayUnclear', 'sayReprompt'] },
        ],
        ASSESSED: { target: 'evidence', actions: [storeAssessment, remember('collecting'), 'sayAssessment', 'fileCase'] },
        BACK: [
          { cond: hasPreviousCore, target: 'collecting', actions: [reopenPrevious, 'sayBack'] },
          { target: 'triage', actions: [forgetCategory, forgetLast, 'sayBack'] },
        ],
      },
    },
    evidence: {
      entry: [awaitEvidence, 'sayAskEvidence'],
      on: {
        ...repairs('evidence'),
        ...afterAssessment('evidence'),
        CASE_FILED: { actions: [storeCaseNo, 'sayCaseFiled'] },
        EVIDENCE: { target: 'negotiate', actions: [addEvidence, remember('evidence')] },
        YES: { target: 'negotiate', actions: [remember('evidence')] },
        NO: { target: 'negotiate', actions: [remember('evidence'), 'sayNoEvidenceYet'] },
        DONT_KNOW: { target: 'negotiate', actions: [remember('evidence'), 'sayNoEvidenceYet'] },
        BACK: [
          { cond: hasPreviousCore, target: 'collecting', actions: [reopenPrevious, forgetLast, 'sayBack'] },
          { target: 'triage', actions: [forgetCategory, forgetLast, 'sayBack'] },
        ],
      },
    },
    negotiate: {
      entry: [awaitOutcome, 'fileCase', 'saySellerMessage'],
      on: {
        ...repairs('negotiate'),
        ...afterAssessment('negotiate'),
        OUTCOME: ladderOutcome('seller', 'platform'),
        BACK: { target: 'evidence', actions: [forgetLast, 'sayBack'] },
      },
    },
    platform: {
      entry: [awaitOutcome, 'fileCase', 'sayPlatformRequest'],
      on: {
        ...repairs('platform'),
        ...afterAssessment('platform'),
        OUTCOME: ladderOutcome('platform', 'external'),
        BACK: { target: 'negotiate', actions: [forgetLastOutcome, forgetLast, 'sayBack'] },
      },
    },
    external: {
      // 12315 first asks for what its complaint must name (实施条例 第四十六条; the 2022 暂行办法 第九条 items), then gives the text.
      entry: [awaitComplaintStep, 'fileCase', 'sayExternalRoutes', 'sayComplaintStep'],
      on: {
        ...repairs('external'),
        ...afterAssessment('external'),
        FACTS: [
          { cond: awaitingComplaintDetail, actions: [mergeFacts, awaitComplaintStep, 'fileCase', 'sayComplaintStep'] },
          ...(afterAssessment('external').FACTS as Transition[]),
        ],
        DONT_KNOW: [
          { cond: awaitingComplaintDetail, actions: [markNotKnown, awaitComplaintStep, 'sayComplaintStep'] },
          { actions: ['sayUnclear', 'sayReprompt'] },
        ],
        // The complaint step waits on consent itself: the message is read with the consent question still open.
        CONSENT_PASSED: { actions: [] },
        // The complaint names the complainant: with consent those details are asked, without it the text keeps 【…】 for them.
        CONSENT: [
          { cond: consentGiven, actions: [setConsent, awaitComplaintStep, 'sayConsentThanks', 'fileCase', 'sayComplaintStep'] },
          { actions: [setConsent, awaitComplaintStep, 'sayConsentDeclined', 'sayComplaintStep'] },
        ],
        OUTCOME: [
          { cond: agreed, target: 'resolved', actions: [recordOutcome('external'), remember('external')] },
          { actions: [recordOutcome('external'), 'fileCase', 'sayCourtRoute'] },
        ],
        BACK: [...backTo(['platform', 'negotiate'], [forgetLastOutcome]), { target: 'platform', actions: [forgetLastOutcome, 'sayBack'] }],
      },
    },
    resolved: {
      entry: [clearAwaiting, 'fileCase', 'sayResolved'],
      on: {
        ...repairs('resolved'),
        ...afterAssessment('resolved'),
        BACK: [...backTo(['negotiate', 'platform', 'external'], [forgetLastOutcome]), { actions: ['sayNothingToGoBackTo'] }],
        CHITCHAT: chitchat(['sayAnythingElse'], []),
        YES: { actions: ['sayAnythingElse'] },
        NO: { actions: ['sayAnythingElse'] },
      },
    },
    handoff: {
      entry: [clearAwaiting, 'requestHandoff', 'fileCase', 'sayHandoff'],
      on: {
        ...CONSENT_HANDLING,
        CASE_FILED: { actions: [storeCaseNo] },
        // A second request while one is pending is acknowledged once, not queued again.
        HANDOFF: { actions: ['sayHandoffPending'] },
        RESTART: { target: 'triage', actions: [resetFacts, 'closeCase', 'sayRestarted'] },
        QUESTION: { actions: ['answerQuestion'] },
        // What the user adds while waiting goes into the case for the person who takes over.
        FACTS: [{ cond: (c) => c.category !== undefined && c.consent === 'given', actions: [mergeFacts, 'fileCase'] }, { actions: [mergeFacts] }],
        EVIDENCE: { actions: [addEvidence] },
        // Changing one's mind: back to where the conversation was, so it never loops.
        CANCEL: [...backTo(CONVERSATION, [], 'sayHandoffWithdrawn'), { target: 'triage', actions: ['sayHandoffWithdrawn'] }],
        BACK: [...backTo(CONVERSATION, [], 'sayHandoffWithdrawn'), { target: 'triage', actions: ['sayHandoffWithdrawn'] }],
        // The agent gives the conversation back: at a step the conversation already reached when they
        // name one (so no step runs on facts it does not have), else where it was before the handoff.
        AGENT_HANDBACK: [
          ...CONVERSATION.map((s): Transition => ({
            cond: (c, e) => e.type === 'AGENT_HANDBACK' && e.stage === s && c.history.includes(s),
            target: s,
            actions: [forgetLast, 'sayAgentHandback'],
          })),
          ...backTo(CONVERSATION, [], 'sayAgentHandback'),
          { target: 'triage', actions: ['sayAgentHandback'] },
        ],
        AGENT_CLOSE: [...backTo(CONVERSATION, [], 'sayAgentClosed'), { target: 'triage', actions: ['sayAgentClosed'] }],
      },
    },
    cancelled: {
      entry: [clearAwaiting, 'sayCancelled'],
      on: {
        ...CONSENT_HANDLING,
        RESTART: { target: 'triage', actions: [resetFacts, 'closeCase', 'sayRestarted'] },
        // A new story starts a new case; a question is only answered.
        FACTS: [
          { cond: askedWithQuestion, actions: [] },
          { target: 'triage', actions: [resetFacts, mergeFacts, 'closeCase', 'sayRestarted'] },
        ],
        QUESTION: { actions: ['answerQuestion'] },
        ANSWERED: { actions: [] },
        HANDOFF: { target: 'handoff', actions: [remember('cancelled')] },
        // Undoing the cancel reopens the case where it stood.
        BACK: [...backTo(CONVERSATION, ['fileCase']), { actions: ['sayCancelledHint'] }],
        CHITCHAT: chitchat(['sayCancelledHint'], []),
        UNCLEAR: { actions: ['sayCancelledHint'] },
        YES: { actions: ['sayCancelledHint'] },
        NO: { actions: ['sayCancelledHint'] },
      },
    },
  },
});

export type RightsMachine = typeof rightsMachine;
export { factsComplete, initialContext };
