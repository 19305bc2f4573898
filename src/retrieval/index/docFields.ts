import type { KnowledgeDoc } from '../types.js';

/** `第二十五条 ` at the start of an article: indexed as a reference, not as words (二十/十五 would be noise). */
const LABEL = /^第[一二三四五六七八九十百千零〇两\d]+条(之[一二三四五六七八九十]+)?[\s\u3000]*/;
/** `第三章 `, `第一节 `: the numbering of a heading says nothing about its subject. */
const HEADING_NUMBER = /^第[一二三四五六七八九十百千零〇两\d]+[编分章节条]\s*/;

/** The body a doc is matched on. */
export function docBody(doc: KnowledgeDoc): string {
  return doc.kind === 'law' ? doc.text.replace(LABEL, '') : doc.text;
}

/** The headings a doc sits under: law title, Civil Code book and chapters, or plan title and section path. */
export function docHeading(doc: KnowledgeDoc): string {
  const parts = doc.kind === 'law' ? [doc.lawShort, doc.part ?? '', ...doc.chapterPath] : [doc.planTitle, ...doc.path];
  return parts.map((p) => p.replace(HEADING_NUMBER, '')).join(' ');
}

/** What counts as one answer: every version of a law's article is the same article. */
export function docKey(doc: KnowledgeDoc): string {
  return doc.kind === 'law' ? articleKey(doc.lawShort, doc.label) : `plan:${doc.id}`;
}

export const articleKey = (lawShort: string, label: string): string => `${lawShort}|${label}`;
