import { toChineseNumber } from '../common/chineseNumeral.js';
import { parseArticleMentions } from '../retrieval/index/references/parseArticleRefs.js';
import type { HeldArticleRow } from './sql/heldLaws.js';

/** Text helpers of the plan audit: sentences, law names, article mentions, successor books, topic matching. */

type Section = { heading: string; path: string[]; text: string };

/** Sentences of a section, the heading first (2.2.3《中华人民共和国合同法》 is a citation too). */
export function sentencesOf(section: Section): string[] {
  return [section.heading, ...section.text.split(/(?<=[。；;！？!?])|\n/)].map((s) => s.trim()).filter((s) => s.length > 1);
}

export function stripTitle(name: string): string {
  return name.replace(/[《》]/g, '').trim();
}

/** Names of laws in a sentence, longest first, not inside a longer name of a law we hold (合同法 in 劳动合同法). */
export function findNames(text: string, nameList: string[], heldNames: string[]): { name: string; start: number; end: number }[] {
  const found: { name: string; start: number; end: number }[] = [];
  const taken: [number, number][] = [];
  for (const name of nameList) {
    for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
      const end = i + name.length;
      if (taken.some(([a, b]) => i < b && end > a)) continue;
      if (heldNames.some((h) => h.length > name.length && h.includes(name) && text.includes(h) && coversAt(text, h, i, end))) continue;
      taken.push([i, end]);
      found.push({ name, start: i, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function coversAt(text: string, longer: string, start: number, end: number): boolean {
  for (let i = text.indexOf(longer); i !== -1; i = text.indexOf(longer, i + 1)) if (i <= start && i + longer.length >= end) return true;
  return false;
}

/** Article mentions with 条 written (第4.2节, 第三章 are not articles), as labels 第二十五条. */
export function articleMentions(text: string): { start: number; end: number; label: string }[] {
  return parseArticleMentions(text)
    .filter((m) => m.article)
    .map((m) => ({ start: m.start, end: m.end, label: `第${toChineseNumber(m.number)}条${m.sub ? `之${toChineseNumber(m.sub)}` : ''}` }));
}

/** The articles written right after a law's name: 第十三条、第十七条, 第八条至第十一条. */
export function mentionsAfter(text: string, end: number): { label: string }[] {
  const out: { label: string }[] = [];
  let at = end;
  for (const m of articleMentions(text)) {
    if (m.start < at) continue;
    if (!/^[》\s的、，和与及至到或]*$/.test(text.slice(at, m.start))) break;
    out.push({ label: m.label });
    at = m.end;
  }
  return out;
}

/** 侵权责任编第一千一百六十五条至第一千二百零八条: the books holding the successor articles, largest first, with their span. */
export function successorBooks(articles: HeldArticleRow[]): string {
  const byPart = new Map<string, HeldArticleRow[]>();
  for (const a of articles) if (a.part) byPart.set(a.part, [...(byPart.get(a.part) ?? []), a]);
  return [...byPart.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([part, rows]) => {
      const sorted = [...rows].sort((a, b) => a.number - b.number);
      const first = sorted[0]?.label ?? '';
      const last = sorted.at(-1)?.label ?? '';
      return first === last ? `${part}${first}` : `${part}${first}至${last}`;
    })
    .join('，及');
}

/** Correspondence entries whose topic the sentence talks about (character bigrams), best first, at most three. */
export function topicMatches<T extends { topic: string }>(text: string, entries: T[]): T[] {
  const grams = bigrams(text);
  return entries
    .map((e) => {
      const topic = bigrams(e.topic);
      const hit = [...topic].filter((g) => grams.has(g)).length;
      return { e, score: topic.size ? hit / topic.size : 0, hit };
    })
    .filter((s) => s.hit >= 2 && s.score >= 0.5)
    .sort((a, b) => b.score - a.score || b.hit - a.hit)
    .slice(0, 3)
    .map((s) => s.e);
}

function bigrams(text: string): Set<string> {
  const cjk = text.replace(/[^\u3400-\u9fff]/g, ' ');
  const out = new Set<string>();
  for (const run of cjk.split(/\s+/)) for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}
