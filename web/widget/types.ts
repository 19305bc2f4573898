/** The Direct Line 3.0 activity fields the widget reads; everything from the server is checked before use. */
export type Awaiting = { slot: string; kind: 'text' | 'date' | 'money' | 'choice' | 'confirm'; choices?: string[] };

export type Citation = { law: string; article: string; versionDate?: string; quote?: string };

/** One conclusion of the 详细依据 card. */
export type DetailItem = { title: string; text: string; citations: { law: string; article: string; note?: string }[] };

export type Activity = {
  id?: string;
  type: string;
  from?: { id?: string; name?: string; role?: string };
  text?: string;
  timestamp?: string;
  locale?: string;
  suggestedActions?: { actions?: { type?: string; title?: string; value?: unknown }[] };
  attachments?: { contentType?: string; content?: unknown; name?: string }[];
  channelData?: {
    clientActivityID?: string;
    weiquan?: { stage?: string; awaiting?: Awaiting; placeholder?: string; caseNo?: string; details?: unknown };
  };
};

export type ActivitySet = { activities: Activity[]; watermark?: string };

/** What survives a reload, per site, in localStorage. */
export type Session = {
  conversationId: string;
  token: string;
  expiresAt: number;
  watermark?: string;
  userId: string;
  /** Exchanged for a new token of this conversation once the token has expired (tab closed for hours). */
  resume?: string;
};

export type Locale = 'zh' | 'en';
