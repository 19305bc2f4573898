import type { AssessmentSummary, Category, Outcome, Slots, Stage, Urgent } from './types.js';

/**
 * What can happen in a turn. The engine turns a user's message into exactly one of the user events
 * (src/engine/toDialogEvents.ts); effects answer with ASSESSED, ANSWERED and CASE_FILED.
 */
export type DialogEvent =
  | { type: 'START' }
  | { type: 'CONSENT'; given: boolean }
  /** Neither yes nor no (不确定, 再想想) to a yes/no question. */
  | { type: 'UNSURE' }
  /** 撤回同意 / 别存我信息 after consent: identifying facts are dropped from the dialog and the case. */
  | { type: 'WITHDRAW_CONSENT' }
  /**
   * Consent is needed now: a case is about to be filed (`case`), or the message carried identifying
   * facts that were not kept (`details`, with the slot names, never their values).
   */
  | { type: 'NEED_CONSENT'; reason: 'case' | 'details'; slots?: string[] }
  /** 详细依据: the whole assessment, every conclusion and article. */
  | { type: 'DETAILS' }
  /** The consent question was asked and the message answers something else: back to the question it was asked over. */
  | { type: 'CONSENT_PASSED' }
  /** The user writes in another language: the conversation follows. */
  | { type: 'LANGUAGE'; locale: 'zh' | 'en' }
  /** Something to do right now (a scam call in progress, an injury): said first, then the turn goes on. */
  | { type: 'URGENT'; kinds: Urgent[] }
  | {
      type: 'FACTS';
      slots: Partial<Slots>;
      category?: { best: Category; confident: boolean; alternatives: Category[] };
      correction: boolean;
      /** The same message also asks a question: a story told to ask it, not a new case. */
      withQuestion?: boolean;
      /** After a case was filed, a new and different problem: it gets a case of its own, the filed one is set aside. */
      newDispute?: boolean;
    }
  | { type: 'CHOOSE_CATEGORY'; category: Category }
  | { type: 'EVIDENCE'; items: string[] }
  /** How a step of the ladder went; `slots` holds what the seller said (拆封不退), kept for the letters. */
  | { type: 'OUTCOME'; outcome: Outcome; slots?: Partial<Slots> }
  | { type: 'YES' }
  | { type: 'NO' }
  /** `resume: false` when facts in the same message move the dialog on: then no re-ask after the answer. */
  | { type: 'QUESTION'; text: string; resume?: boolean }
  | { type: 'CHITCHAT'; kind?: 'thanks' | 'identity' | 'greeting' | 'other' }
  /** Asked how a step went: the other side offered only part of the claim (只肯补偿5块). */
  | { type: 'PARTIAL_OFFER' }
  /** The user does not know (or will not give) the fact just asked for. */
  | { type: 'DONT_KNOW' }
  | { type: 'UNCLEAR' }
  | { type: 'INVALID'; message: string }
  | { type: 'HANDOFF' }
  /** The agent who took the conversation over gives it back to the bot, at `stage` when it was reached before. */
  | { type: 'AGENT_HANDBACK'; stage?: Stage }
  /** The agent ends their part; the consumer's next message comes back to the bot where the dialog was. */
  | { type: 'AGENT_CLOSE' }
  | { type: 'RESTART' }
  | { type: 'BACK' }
  | { type: 'CANCEL' }
  | { type: 'ASSESSED'; assessment: AssessmentSummary }
  | { type: 'ANSWERED' }
  | { type: 'CASE_FILED'; caseNo: string }
  // Decisions on entering a state (@xstate/fsm has no eventless transitions): the engine asks
  // route() in dialogs/rights/route.ts and feeds back what it says.
  | { type: 'ROUTE_COLLECT' }
  | { type: 'ROUTE_ASK' }
  | { type: 'ROUTE_ASSESS' }
  /** Triage is already waiting on a choice of dispute type: nothing to ask. */
  | { type: 'ROUTE_WAIT' };

export type DialogEventType = DialogEvent['type'];
