import type { PersonalSeal } from '../cases/crypto/sealPersonal.js';
import type { Awaiting, Category, Stage } from '../../dialogs/rights/types.js';
import type { Logger } from '../logger.js';
import type { Answer } from '../retrieval/answer/composeAnswer.js';
import type { Assessment, AssessmentInput } from '../rules/assess/index.js';
import type { IsoDate } from '../rules/calendar/index.js';
import type { Db } from '../storage/index.js';
import type { Understand } from '../understanding/index.js';

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
  /** The site (tenant) the conversation was started from; stamped on the conversation when it is created. */
  siteId?: string;
  /** Evidence files received with this message (already stored by the channel); the engine acknowledges them. */
  attachments?: { name: string; contentType: string; sha256: string; size: number }[];
  /**
   * Not a message: the agent who owns the conversation gives it back to the bot (at `stage` when the
   * conversation reached it before) or closes it. Only the owning agent's control is accepted.
   */
  control?: AgentControl;
  /**
   * Called at most once, when this turn has waited on a model for more than a second: a channel that
   * can show it (Direct Line / widget, Bot Framework) sends a typing activity. Never stored.
   */
  onWaiting?: () => void;
};

/** `agentId: null` is an external agent hub (Bot Framework handoff protocol), which owns the conversation without an agent of ours. */
export type AgentControl = { type: 'handback'; agentId: string | null; stage?: Stage } | { type: 'close'; agentId: string | null };

export type WeiquanChannelData = {
  stage: Stage;
  awaiting?: Awaiting;
  placeholder?: string;
  category?: Category;
  caseNo?: string;
  case?: Record<string, unknown>;
  /** On the 详细依据 reply: one item per conclusion, for a channel that shows it as an expandable card. */
  details?: { title: string; text: string; citations: { law: string; article: string; note?: string }[] }[];
};

export type OutboundReply = {
  text: string;
  suggestedActions?: { title: string; value: string }[];
  citations?: { law: string; article: string; versionDate?: string; quote?: string }[];
  channelData: { weiquan: WeiquanChannelData };
};

export type TurnResult = {
  replies: OutboundReply[];
  stage: Stage;
  caseNo?: string;
  duplicate: boolean;
  /** An agent owns the conversation: the message was kept for them and the bot said nothing. */
  forwardedToAgent?: boolean;
  /** This turn asked for a person (the dialog entered its handoff state): a channel may signal it to an agent hub. */
  handoffRequested?: true;
  /**
   * The turn left the conversation with consent given (as its write stored it): a channel need not
   * prepare redacted copies of what it logs. Absent when unknown (a retried turn id) or not given.
   */
  consentGiven?: true;
  /** The consumer asked for their data ('export': the channel offers the download) or had it deleted ('erased'). */
  dataRights?: 'export' | 'erased';
  /** Evidence files (SHA-256) the deletion left unreferenced: the channel that stores them removes them from disk. */
  erasedEvidence?: string[];
};

/** What the engine needs, passed in by src/main.ts (or a test). Understanding and answering are function types so an LLM can plug in. */
export type EngineDeps = {
  db: Db;
  understand: Understand;
  /** May be async: a model-written answer (src/answering) falls back to the extractive one. */
  answer: (q: { question: string; locale: 'zh' | 'en' }) => Answer | Promise<Answer>;
  /** The text and version of a cited article, so every citation a reply carries can be expanded to it. */
  quote?: (law: string, article: string) => { versionDate: string | null; text: string } | undefined;
  assess: (input: AssessmentInput) => Assessment;
  /** Checks a YYYY-MM-DD string into the rules' date type (src/rules/calendar's parseIsoDate). */
  parseDate: (iso: string) => IsoDate;
  /** Case numbers (src/cases/caseRecord.ts). */
  caseIds: CaseIds;
  /** Seals the personal data a turn writes and opens what it reads; phone numbers' keyed hashes (src/cases/crypto). */
  seal: PersonalSeal;
  /** 删除我的信息: erases the conversation's history, evidence rows and the personal data of its cases, in the turn's transaction when there is one. */
  dataRights: { erase(conversationId: string, keepTurnId: string): Promise<{ evidence: string[] }> };
  now: () => Date;
  logger: Logger;
};

export type CaseIds = {
  /** A new case number for a case filed on `today` (YYYY-MM-DD). */
  makeCaseNo(today: string): string;
};
