/** The shapes of the console API (issue 6), as the page uses them after parse.ts has checked them. */

export type Locale = 'zh' | 'en';

export type Agent = { id: string; login: string; displayName: string; role: 'agent' | 'supervisor'; sites: string[] };

export type Owner = 'bot' | 'waiting' | 'agent' | 'closed';

export type QueueItem = {
  conversationId: string;
  siteId: string;
  channel: string;
  owner: string;
  agentId: string | null;
  agentName: string | null;
  category: string | null;
  amountFen: number | null;
  caseNo: string | null;
  reason: string;
  /** An injury, a personal-information leak or a large amount. */
  serious: boolean;
  requestedAt: string | null;
  waitSeconds: number;
  lastMessage: string | null;
};

export type Queue = { waiting: QueueItem[]; mine: QueueItem[] };

export type Citation = { law: string; article: string; quote?: string };

export type Entry = {
  seq: number;
  from: 'user' | 'bot' | 'agent' | 'system';
  name?: string;
  text: string;
  at: string;
  citations: Citation[];
  /** Files the consumer sent; `sha256` finds the same file among the conversation's evidence. */
  attachments: { name: string; contentType: string; url?: string; sha256?: string }[];
};

export type Conversation = {
  id: string;
  siteId: string;
  channel: string;
  owner: string;
  agentId: string | null;
  agentName: string | null;
  stage: string | null;
  category: string | null;
  handoffReason: string | null;
  locale: string | null;
};

export type Remedy = { title: string; text: string; citations: Citation[]; amountFen?: number };
export type Deadline = { title: string; due: string; status?: string; citations: Citation[] };
export type Note = { actor: string; text: string; at: string };

export type CaseView = {
  caseNo: string;
  status: string;
  category: string;
  parties: Record<string, string | boolean>;
  order: { product?: string; orderNumber?: string; amountFen?: number; orderDate?: string; receivedDate?: string };
  facts: Record<string, string | boolean>;
  demands: string[];
  remedies: Remedy[];
  deadlines: Deadline[];
  citations: Citation[];
  step: string | null;
  notes: Note[];
};

export type Evidence = { id: string; name: string; contentType: string; size: number; sha256: string; url: string };

export type ConversationView = { conversation: Conversation; transcript: Entry[]; case: CaseView | null; evidence: Evidence[]; notes: Note[] };

export type SearchResult = { id: string; kind: string; law: string; article: string; heading: string; text: string };

export type StreamMessage =
  | { type: 'queue' }
  | { type: 'entry'; conversationId: string; entry: Entry }
  | { type: 'conversation'; conversationId: string; owner: string; agentId: string | null }
  | { type: 'case'; conversationId: string; caseNo: string | null };
