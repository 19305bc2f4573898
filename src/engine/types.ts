import type { Awaiting, Category, Stage } from '../../dialogs/rights/types.js';
import type { Logger } from '../logger.js';
import type { Answer } from '../retrieval/answer/composeAnswer.js';
import type { Assessment, AssessmentInput } from '../rules/assess/index.js';
import type { Db } from '../storage/index.js';
import type { Understand } from './understand/index.js';

/** A user's message as every channel hands it to the engine. */
export type InboundMessage = {
  conversationId: string;
  /** webchat, directline, msteams, test, … */
  channel: string;
  /** Client-supplied id of this turn: a retry with the same id returns the same replies, once. */
  turnId: string;
  text?: string;
  /** A suggested action's value (a button press). */
  value?: string;
  locale?: 'zh' | 'en';
};

export type WeiquanChannelData = { stage: Stage; awaiting?: Awaiting; category?: Category; caseNo?: string; case?: Record<string, unknown> };

export type OutboundReply = {
  text: string;
  suggestedActions?: { title: string; value: string }[];
  citations?: { law: string; article: string }[];
  channelData: { weiquan: WeiquanChannelData };
};

export type TurnResult = { replies: OutboundReply[]; stage: Stage; caseNo?: string; duplicate: boolean };

/** What the engine needs, passed in by src/main.ts (or a test). Understanding and answering are function types so an LLM can plug in. */
export type EngineDeps = {
  db: Db;
  understand: Understand;
  answer: (q: { question: string; locale: 'zh' | 'en' }) => Answer;
  assess: (input: AssessmentInput) => Assessment;
  now: () => Date;
  logger: Logger;
};
