/** One line of a conversation as the agent console shows it. */
export type TranscriptEntry = {
  seq: number;
  from: 'user' | 'bot' | 'agent' | 'system';
  name?: string;
  text: string;
  at: string;
  citations?: { law: string; article: string; quote?: string }[];
  attachments?: { name: string; contentType: string; sha256?: string }[];
};

import { isCitationAttachment } from '../channels/citationCard.js';

/**
 * A stored channel activity as a transcript entry; undefined for what is not shown (typing
 * indicators, events). Who spoke comes from `from`: the user, an agent (`agent:<id>`), or the bot.
 */
export function toTranscriptEntry(row: { seq: number; activity: Record<string, unknown>; at: string }): TranscriptEntry | undefined {
  const a = row.activity;
  if (a.type !== 'message') return undefined;
  const from = (a.from ?? {}) as { id?: string; name?: string; role?: string };
  const who: TranscriptEntry['from'] = from.role === 'user' ? 'user' : from.id?.startsWith('agent:') ? 'agent' : from.id === 'system' ? 'system' : 'bot';
  const attachments = Array.isArray(a.attachments) ? (a.attachments as { contentType?: string; name?: string; content?: Record<string, unknown> }[]) : [];
  const citations = attachments
    .filter((x) => isCitationAttachment(x))
    .map((x) => ({
      law: String(x.content?.law ?? ''),
      article: String(x.content?.article ?? ''),
      ...(typeof x.content?.quote === 'string' ? { quote: x.content.quote } : {}),
    }));
  const files = attachments
    .filter((x) => !isCitationAttachment(x))
    .map((x) => ({
      name: x.name ?? 'file',
      contentType: x.contentType ?? 'application/octet-stream',
      ...(typeof x.content?.sha256 === 'string' ? { sha256: x.content.sha256 } : {}),
    }));
  const text = typeof a.text === 'string' ? a.text : typeof a.value === 'string' ? a.value : '';
  return {
    seq: row.seq,
    from: who,
    ...(who === 'agent' && from.name ? { name: from.name } : {}),
    text,
    at: row.at,
    ...(citations.length ? { citations } : {}),
    ...(files.length ? { attachments: files } : {}),
  };
}

/**
 * The entries of a conversation's log in order. A button press arrives as its value (`yes`); it is
 * shown as the button's title (同意) that the bot offered just before.
 */
export function toTranscript(rows: readonly { seq: number; activity: Record<string, unknown>; at: string }[]): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  let offered = new Map<string, string>();
  for (const row of rows) {
    const entry = toTranscriptEntry(row);
    if (!entry) continue;
    const actions = (row.activity.suggestedActions as { actions?: { title?: string; value?: unknown }[] } | undefined)?.actions;
    if (entry.from !== 'user' && actions?.length) offered = new Map(actions.map((a) => [String(a.value ?? ''), a.title ?? '']));
    const pressed = typeof row.activity.value === 'string' && typeof row.activity.text !== 'string' ? offered.get(row.activity.value) : undefined;
    entries.push(entry.from === 'user' && pressed ? { ...entry, text: pressed } : entry);
  }
  return entries;
}
