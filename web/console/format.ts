import { CATEGORY_LABELS, SELLER_TYPE_LABELS } from '../../dialogs/rights/labels.js';
import { formatYuanNumber } from '../../dialogs/money.js';
import type { Strings } from './i18n.js';
import type { Locale } from './types.js';

/** 299900 fen → "2,999" / "2,999.50" (whole yuan without decimals), in the locale's words (2,999元 / ¥2,999). */
export function yuan(fen: number, t: Strings): string {
  return t.yuan(formatYuanNumber(fen));
}

export function duration(seconds: number, t: Strings): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s >= 3600) return t.hours(Math.floor(s / 3600), Math.floor((s % 3600) / 60));
  return t.minutes(Math.floor(s / 60), s % 60);
}

export function categoryLabel(category: string | null, locale: Locale, t: Strings): string {
  if (!category) return t.noCategory;
  const label = (CATEGORY_LABELS as Record<string, { zh: string; en: string } | undefined>)[category];
  return label ? label[locale] : category;
}

export function sellerTypeLabel(value: string, locale: Locale): string {
  const label = (SELLER_TYPE_LABELS as Record<string, { zh: string; en: string } | undefined>)[value];
  return label ? label[locale] : value;
}

export function reasonLabel(reason: string | null, t: Strings): string {
  if (!reason) return '';
  return t.reasons[reason] ?? reason;
}

/** ISO time → local HH:MM (the transcript is read the same day; the full time is in the title). */
export function clock(iso: string): string {
  const date = parseTime(iso);
  return date ? `${pad(date.getHours())}:${pad(date.getMinutes())}` : '';
}

/** ISO time → local YYYY-MM-DD HH:MM, for notes and events that may be days old. */
export function dateTime(iso: string): string {
  const date = parseTime(iso);
  return date ? `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${clock(iso)}` : iso;
}

function parseTime(iso: string): Date | undefined {
  // PostgreSQL's to_char(…, 'OF') writes the offset as "+00", which Date does not read without minutes.
  const date = new Date(iso.replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function citationName(c: { law: string; article: string }): string {
  return `《${c.law}》${c.article}`;
}

/** A search result's text cut to a snippet on a character boundary (Chinese has no word breaks). */
export function snippet(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : flat;
}
