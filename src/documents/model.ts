import type { CaseRecord, CaseStatus } from '../cases/caseRecord.js';

/** The documents a case can be exported as; the URL names them. */
export const DOCUMENT_KINDS = ['seller-letter', 'platform-request', 'complaint-12315', 'mediation-request', 'report', 'civil-complaint', 'dossier'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_FORMATS = ['pdf', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
export type DocumentLocale = 'zh' | 'en';

/** Documents addressed to a Chinese authority or court: an English conversation gets them in Chinese too. */
export const AUTHORITY_KINDS: readonly DocumentKind[] = ['complaint-12315', 'mediation-request', 'report', 'civil-complaint'];

export const isDocumentKind = (value: string): value is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(value);
export const isDocumentFormat = (value: string): value is DocumentFormat => (DOCUMENT_FORMATS as readonly string[]).includes(value);

export type CaseEventEntry = { seq: number; type: string; actor: string; payload: unknown; at: string };
export type EvidenceFileEntry = { name: string; sha256: string; size: number; contentType: string; at: string };
/** An article as held in law_articles, in the version the documents quote. */
export type HeldArticle = { law: string; article: string; lawTitle: string; versionDate: string | null; isCurrent: boolean; text: string };

/** Everything a document is built from: the stored case, never retyped. */
export type CaseFile = {
  caseNo: string;
  status: CaseStatus;
  /** The conversation's language: the documents' default. */
  locale: DocumentLocale;
  /** YYYY-MM-DD, Asia/Shanghai. */
  filedOn: string;
  record: CaseRecord;
  events: CaseEventEntry[];
  evidenceFiles: EvidenceFileEntry[];
  /** The cited articles we hold, keyed `law|article`. */
  articles: Map<string, HeldArticle>;
};

/** A format-neutral document: the renderers lay these blocks out as PDF or .docx. */
export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'fields'; rows: { label: string; value: string }[] }
  | { type: 'list'; items: string[] }
  | { type: 'table'; head: string[]; rows: string[][]; widths: number[] }
  | { type: 'article'; title: string; meta: string; text: string }
  | { type: 'closing'; lines: string[] }
  | { type: 'note'; text: string };

export type DocumentContent = {
  kind: DocumentKind;
  locale: DocumentLocale;
  title: string;
  caseNo: string;
  blocks: Block[];
  /** Printed at the foot of every page. */
  footer: string;
};
