import type { OutboundReply } from '../../engine/types.js';

/**
 * WeChat text messages are limited to 2048 bytes (UTF-8) in a passive reply and a customer-service
 * message alike; a longer reply is cut off by WeChat. We stay a little under it.
 */
export const TEXT_MAX_BYTES = 2000;
/** How many citations a reply shows (the rest the shopper can ask for: 详细依据). */
const MAX_CITATIONS = 3;

export type Choice = { n: number; title: string; value: string };
export type Rendered = { texts: string[]; choices: Choice[] };

/** The reply's Markdown as plain text (WeChat text shows no formatting). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '$1 $2')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A turn's replies as WeChat texts: Markdown flattened, up to three citations named, and suggested
 * actions as numbered choices (WeChat text has no buttons), numbered across the turn so that a reply
 * of "2" means one thing. Each text fits one WeChat message; a longer one is split at paragraph, then
 * line, then character boundaries.
 */
export function renderReplies(replies: readonly OutboundReply[], locale: 'zh' | 'en'): Rendered {
  const choices: Choice[] = [];
  const texts: string[] = [];
  for (const reply of replies) {
    const parts = [plainText(reply.text)];
    const cited = reply.citations ?? [];
    if (cited.length) {
      const shown = cited.slice(0, MAX_CITATIONS).map((c) => `《${c.law}》${c.article}${c.versionDate ? `（${c.versionDate}版）` : ''}`);
      parts.push(
        `${locale === 'en' ? 'Legal basis: ' : '依据：'}${shown.join('、')}${cited.length > MAX_CITATIONS ? (locale === 'en' ? ' and more' : ' 等') : ''}`,
      );
    }
    const actions = reply.suggestedActions ?? [];
    if (actions.length) {
      const lines = actions.map((a) => {
        const choice = { n: choices.length + 1, title: a.title, value: a.value };
        choices.push(choice);
        return `${choice.n}. ${a.title}`;
      });
      parts.push(`${locale === 'en' ? 'Reply with a number:' : '回复数字选择：'}\n${lines.join('\n')}`);
    }
    texts.push(...splitText(parts.filter(Boolean).join('\n\n'), TEXT_MAX_BYTES));
  }
  return { texts: texts.filter((t) => t.length > 0), choices };
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Splits text into pieces of at most `max` UTF-8 bytes, preferring paragraph, then line breaks. */
export function splitText(text: string, max: number): string[] {
  if (bytes(text) <= max) return [text];
  const out: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) out.push(current.trim());
    current = '';
  };
  for (const unit of units(text, max)) {
    const joined = current ? `${current}${unit.sep}${unit.text}` : unit.text;
    if (bytes(joined) <= max) current = joined;
    else {
      push();
      current = unit.text;
    }
  }
  push();
  return out;
}

/** Paragraphs, else lines, else characters (by code point), each at most `max` bytes. */
function units(text: string, max: number): { text: string; sep: string }[] {
  const result: { text: string; sep: string }[] = [];
  for (const paragraph of text.split(/\n{2,}/)) {
    if (bytes(paragraph) <= max) {
      result.push({ text: paragraph, sep: '\n\n' });
      continue;
    }
    let first = true;
    for (const line of paragraph.split('\n')) {
      const sep = first ? '\n\n' : '\n';
      first = false;
      if (bytes(line) <= max) {
        result.push({ text: line, sep });
        continue;
      }
      let piece = '';
      let pieceSep = sep;
      for (const ch of line) {
        if (bytes(piece + ch) > max) {
          result.push({ text: piece, sep: pieceSep });
          pieceSep = '';
          piece = '';
        }
        piece += ch;
      }
      if (piece) result.push({ text: piece, sep: pieceSep });
    }
  }
  return result;
}

/** A shopper's numeric reply ("2", "２", "2." ) to the choices last offered: that choice, else undefined. */
export function choiceFor(text: string, choices: readonly Choice[]): Choice | undefined {
  const normalized = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const match = /^(\d{1,2})[.。、)）]?$/.exec(normalized);
  if (!match) return undefined;
  const n = Number(match[1]);
  return choices.find((c) => c.n === n);
}
