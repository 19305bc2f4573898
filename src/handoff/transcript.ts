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

const CITATION = 'application/vnd.weiquan.citation+json';

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
    .filter((x) => x.contentType === CITATION && x.content)
    .map((x) => ({ law: String(x.content?.law ?? ''), article: String(x.content?.article ?? ''), ...(typeof x.content?.quote === 'string' ? { quote: x.content.quote } : {}) }));
  const files = attachments
    .filter((x) => x.contentType !== CITATION)
    .map((x) => ({ name: x.name ?? 'file', contentType: x.contentType ?? 'application/octet-stream', ...(typeof x.content?.sha256 === 'string' ? { sha256: x.content.sha256 } : {}) }));
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
