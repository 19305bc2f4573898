import { h } from './dom.js';
import { formatText } from './format.js';
import type { Strings } from './i18n.js';
import type { Activity, Citation, DetailItem } from './types.js';

/** Citations arrive as hero cards carrying law/article/versionDate/quote fields (older logs: our own type). */
export const CITATION_TYPE = 'application/vnd.microsoft.card.hero';
const LEGACY_CITATION_TYPE = 'application/vnd.weiquan.citation+json';
const isCitation = (a: { contentType?: string; content?: unknown }): boolean => {
  if (a.contentType !== CITATION_TYPE && a.contentType !== LEGACY_CITATION_TYPE) return false;
  const c = a.content as Record<string, unknown> | null | undefined;
  return typeof c?.law === 'string' && typeof c.article === 'string';
};

let quoteIds = 0;

/** A bot message: formatted text, then one card per cited article. */
export function renderBotMessage(activity: Activity, t: Strings, onAction?: (value: string, title: string) => void): HTMLElement {
  const details = detailsOf(activity);
  // 详细依据 arrives as one long message: shown as a card of collapsible conclusions instead.
  const bubble = details ? renderDetailsCard(details, t) : h('div', { class: 'bubble' }, [formatText(activity.text ?? '')]);
  const cards = citationsOf(activity).map((c) => renderCitation(c, t));
  // After a handoff a person answers through the same channel: their name shows above their words.
  const person = activity.from?.id !== 'weiquan' && activity.from?.name ? activity.from.name : undefined;
  return h('div', { class: person ? 'msg bot agent' : 'msg bot', 'data-activity-id': activity.id }, [
    person ? h('span', { class: 'who' }, [t.agent(person)]) : h('span', { class: 'sr-only' }, [`${t.bot}：`]),
    bubble,
    citationList(cards, t),
    detailsButton(activity, onAction),
  ]);
}

/**
 * 详细依据 belongs to the message it expands: a button inside that message, so it stays there when the same
 * turn goes on to the next question (whose buttons replace the suggested replies).
 */
function detailsButton(activity: Activity, onAction?: (value: string, title: string) => void): HTMLElement | null {
  const action = actionsOf(activity).find((a) => a.value === 'details');
  if (!action || !onAction) return null;
  const button = h('button', { type: 'button', class: 'details-open' }, [action.title]);
  button.addEventListener('click', () => onAction(action.value, action.title));
  return button;
}

// An assessment can cite fifteen articles: the first few show, the rest behind one button.
const CARDS_SHOWN = 3;

function citationList(cards: HTMLElement[], t: Strings): HTMLElement | null {
  if (cards.length === 0) return null;
  const list = h('div', { class: 'cites' }, cards);
  if (cards.length <= CARDS_SHOWN + 1) return list;
  const rest = cards.slice(CARDS_SHOWN);
  rest.forEach((card) => (card.hidden = true));
  const more = h('button', { type: 'button', class: 'more' }, [t.moreCitations(rest.length)]);
  more.addEventListener('click', () => {
    rest.forEach((card) => (card.hidden = false));
    more.remove();
    rest[0]?.querySelector('button')?.focus();
  });
  list.appendChild(more);
  return list;
}

/**
 * The details card: a heading with the number of conclusions, then each conclusion as a native disclosure
 * (<details>/<summary>: keyboard and screen readers work without script) with its text and the articles it
 * rests on, all closed, so the card fits a phone until one is opened.
 */
export function renderDetailsCard(items: DetailItem[], t: Strings): HTMLElement {
  const toggle = h('button', { type: 'button', class: 'details-all' }, [t.openAll]);
  const entries = items.map((item) =>
    h('details', { class: 'detail' }, [
      h('summary', {}, [item.title]),
      h('p', { class: 'detail-text' }, [item.text]),
      item.citations.length
        ? h('p', { class: 'detail-cites' }, [item.citations.map((c) => `《${c.law}》${c.article}${c.note ? ` ${c.note}` : ''}`).join(t.listSeparator)])
        : null,
    ]),
  );
  toggle.addEventListener('click', () => {
    const open = entries.some((e) => !(e as HTMLDetailsElement).open);
    entries.forEach((e) => ((e as HTMLDetailsElement).open = open));
    toggle.textContent = open ? t.closeAll : t.openAll;
  });
  return h('section', { class: 'bubble details-card', 'aria-label': t.detailsTitle(items.length) }, [
    h('div', { class: 'details-head' }, [h('h3', {}, [t.detailsTitle(items.length)]), toggle]),
    ...entries,
  ]);
}

/** The details items of a 详细依据 reply, each field checked (the server is not trusted to send the shape). */
export function detailsOf(activity: Activity): DetailItem[] | undefined {
  const raw = activity.channelData?.weiquan?.details;
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const items: DetailItem[] = [];
  for (const x of raw as unknown[]) {
    if (typeof x !== 'object' || x === null) return undefined;
    const r = x as Record<string, unknown>;
    if (typeof r.title !== 'string' || typeof r.text !== 'string' || !Array.isArray(r.citations)) return undefined;
    const citations = (r.citations as unknown[]).flatMap((c) => {
      const o = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
      if (typeof o.law !== 'string' || typeof o.article !== 'string') return [];
      return [{ law: o.law, article: o.article, ...(typeof o.note === 'string' ? { note: o.note } : {}) }];
    });
    items.push({ title: r.title, text: r.text, citations });
  }
  return items;
}

/** A user message as plain text (the user's own words are never formatted). */
export function renderUserMessage(text: string, t: Strings, files: string[] = []): HTMLElement {
  return h('div', { class: 'msg user' }, [
    h('span', { class: 'sr-only' }, [`${t.you}：`]),
    text ? h('div', { class: 'bubble' }, [text]) : null,
    ...files.map((name) => h('div', { class: 'bubble file' }, [t.uploaded(name)])),
    h('span', { class: 'note', 'aria-live': 'polite' }),
  ]);
}

/** A citation card: the article's name, a button that expands to the quoted text and its version. */
export function renderCitation(c: Citation, t: Strings): HTMLElement {
  const name = h('span', { class: 'cite-name' }, [`《${c.law}》${c.article}`]);
  // Without the article's text there is nothing to expand: the card is a plain label.
  if (!c.quote) return h('div', { class: 'cite' }, [h('div', { class: 'cite-head' }, [h('span', { class: 'cite-tag' }, [t.citation]), name])]);
  quoteIds += 1;
  const id = `wq-quote-${quoteIds}`;
  const quote = h('div', { class: 'quote', id, hidden: true }, [
    h('blockquote', {}, [c.quote]),
    c.versionDate ? h('p', { class: 'version' }, [t.version(c.versionDate)]) : null,
  ]);
  const label = h('span', { class: 'cite-toggle' }, [t.showQuote]);
  const button = h('button', { type: 'button', class: 'cite-head', 'aria-expanded': 'false', 'aria-controls': id }, [
    h('span', { class: 'cite-tag' }, [t.citation]),
    name,
    label,
  ]);
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    quote.hidden = !open;
    label.textContent = open ? t.hideQuote : t.showQuote;
  });
  return h('div', { class: 'cite' }, [button, quote]);
}

export function citationsOf(activity: Activity): Citation[] {
  const out: Citation[] = [];
  for (const a of activity.attachments ?? []) {
    if (!isCitation(a) || typeof a.content !== 'object' || a.content === null) continue;
    const c = a.content as Record<string, unknown>;
    if (typeof c.law !== 'string' || typeof c.article !== 'string') continue;
    out.push({ law: c.law, article: c.article, versionDate: str(c.versionDate), quote: str(c.quote) });
  }
  return out;
}

/** The buttons a bot message offers, as (title, value) pairs of imBack / postBack actions. */
export function actionsOf(activity: Activity): { title: string; value: string }[] {
  const out: { title: string; value: string }[] = [];
  for (const a of activity.suggestedActions?.actions ?? []) {
    const value = typeof a.value === 'string' ? a.value : undefined;
    const title = a.title ?? value;
    if (title && value !== undefined) out.push({ title, value });
  }
  return out;
}

/** Names of the files a user activity carries (evidence uploads echoed by the server). */
export function fileNamesOf(activity: Activity): string[] {
  return (activity.attachments ?? []).filter((a) => !isCitation(a)).map((a) => a.name ?? a.contentType ?? '');
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
