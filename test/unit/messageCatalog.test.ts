import { describe, expect, it } from 'vitest';
import { CATALOG, URGENT_STEPS, msg, type MessageKey } from '../../dialogs/rights/catalog.js';
import * as labels from '../../dialogs/rights/labels.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
type Entry = { zh: string; en: string };
const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && 'zh' in v && 'en' in v;

/** Every bilingual table of the dialog's wording, flattened to (id, entry). */
function allEntries(): [string, Entry][] {
  const out: [string, Entry][] = Object.entries(CATALOG).map(([k, v]) => [`catalog.${k}`, v]);
  for (const [k, v] of Object.entries(URGENT_STEPS)) out.push([`urgent.${k}`, v]);
  for (const [table, value] of Object.entries(labels)) {
    if (typeof value !== 'object' || value === null) continue;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (isEntry(v)) out.push([`${table}.${k}`, v]);
      else if (typeof v === 'object' && v !== null) for (const [k2, v2] of Object.entries(v)) if (isEntry(v2)) out.push([`${table}.${k}.${k2}`, v2]);
    }
  }
  return out;
}

describe('the message catalog', () => {
  const entries = allEntries();

  it('holds the dialog wording (not a handful of notices)', () => {
    expect(Object.keys(CATALOG).length).toBeGreaterThan(60);
    expect(entries.length).toBeGreaterThan(150);
  });

  it.each(entries)('%s has both languages, non-empty, with the same placeholders', (_id, entry) => {
    expect(entry.zh.trim()).not.toBe('');
    expect(entry.en.trim()).not.toBe('');
    expect(placeholders(entry.en)).toEqual(placeholders(entry.zh));
    // A Chinese text has Chinese in it (a copy of the English one would not).
    expect(entry.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('fills placeholders and leaves none behind', () => {
    for (const [key, entry] of Object.entries(CATALOG) as [MessageKey, Entry][]) {
      const vars = Object.fromEntries(placeholders(entry.zh).map((p) => [p, 'X']));
      for (const locale of ['zh', 'en'] as const) expect(msg(key, locale, vars)).not.toMatch(/\{\w+\}/);
    }
    expect(msg('followUpFound', 'zh', { caseNo: 'WQ-20261128-ABCD' })).toBe('找到了案件 WQ-20261128-ABCD，我们从上次的进度继续。');
  });
});
