/**
 * Citations travel as hero cards, which Bot Framework clients (Web Chat, Teams, Slack …) render as
 * they are: the title names the article, the subtitle its version, the text quotes it. The same
 * content carries law, article, versionDate and quote as fields, for Weiquan's widget and console.
 */
export const CITATION_CARD_TYPE = 'application/vnd.microsoft.card.hero';
/** What citations were sent as before hero cards; still read from older conversation logs. */
export const LEGACY_CITATION_TYPE = 'application/vnd.weiquan.citation+json';

export type CitationFields = { law: string; article: string; versionDate?: string | null; quote?: string | null };

export function citationCard(c: CitationFields): { contentType: string; name: string; content: Record<string, unknown> } {
  return {
    contentType: CITATION_CARD_TYPE,
    name: `${c.law}${c.article}`,
    content: {
      title: `《${c.law}》${c.article}`,
      ...(c.versionDate ? { subtitle: c.versionDate } : {}),
      ...(c.quote ? { text: c.quote } : {}),
      law: c.law,
      article: c.article,
      versionDate: c.versionDate ?? null,
      quote: c.quote ?? null,
    },
  };
}

/** An attachment that is one of our citations (a hero card of ours, or the older type). */
export function isCitationAttachment(a: { contentType?: string; content?: unknown }): boolean {
  if (a.contentType !== CITATION_CARD_TYPE && a.contentType !== LEGACY_CITATION_TYPE) return false;
  const c = a.content as Record<string, unknown> | null | undefined;
  return typeof c?.law === 'string' && typeof c.article === 'string';
}
