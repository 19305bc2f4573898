import type { PersonalSeal } from '../cases/crypto/sealPersonal.js';
import type { Queryable } from '../storage/index.js';
import { buildDocument } from './content/index.js';
import { shanghaiIsoDate } from '../common/civilDate.js';
import type { CaseFile, DocumentContent, DocumentFormat, DocumentKind, DocumentLocale, QuoteArticle } from './model.js';
import { renderDocx } from './render/docx.js';
import { renderPdf } from './render/pdf.js';
import { loadCaseFileForConversation, loadCaseFileForSites } from './sql/loadCaseFile.js';

export type RenderedDocument = { bytes: Buffer; contentType: string; fileName: string; locale: DocumentLocale };

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Builds a document's content from a case and renders it; `locale` defaults to the conversation's. */
export async function renderDocument(
  file: CaseFile,
  kind: DocumentKind,
  format: DocumentFormat,
  options: { locale?: DocumentLocale; now: Date },
): Promise<RenderedDocument> {
  const locale = options.locale ?? file.locale;
  const content: DocumentContent = buildDocument(kind, { file, locale, today: shanghaiIsoDate(options.now) });
  const bytes = format === 'pdf' ? await renderPdf(content, { createdAt: options.now }) : await renderDocx(content);
  // The case number and the kind only: no name or other identifier in a file name.
  return { bytes, contentType: CONTENT_TYPES[format], fileName: `${file.caseNo}-${kind}${locale === 'en' ? '-en' : ''}.${format}`, locale };
}

export type Documents = ReturnType<typeof makeDocuments>;

/** The documents of a case, found by the caller's sites (cases API, console) or by the conversation it was filed from (widget). */
export function makeDocuments(deps: { db: Queryable; quote: QuoteArticle; seal: PersonalSeal; now: () => Date }) {
  return {
    async forCase(
      sites: readonly string[],
      caseNo: string,
      kind: DocumentKind,
      format: DocumentFormat,
      locale?: DocumentLocale,
    ): Promise<RenderedDocument | undefined> {
      const file = await loadCaseFileForSites(deps.db, deps.quote, deps.seal, sites, caseNo);
      return file ? renderDocument(file, kind, format, { locale, now: deps.now() }) : undefined;
    },
    async forConversation(
      siteId: string,
      conversationId: string,
      kind: DocumentKind,
      format: DocumentFormat,
      locale?: DocumentLocale,
    ): Promise<RenderedDocument | undefined> {
      const file = await loadCaseFileForConversation(deps.db, deps.quote, deps.seal, siteId, conversationId);
      return file ? renderDocument(file, kind, format, { locale, now: deps.now() }) : undefined;
    },
  };
}
