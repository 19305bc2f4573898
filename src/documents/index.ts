export { makeDocuments, renderDocument, type Documents, type RenderedDocument } from './makeDocuments.js';
export {
  AUTHORITY_KINDS,
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  isDocumentFormat,
  isDocumentKind,
  type CaseFile,
  type HeldArticle,
  type QuoteArticle,
  type DocumentFormat,
  type DocumentKind,
  type DocumentLocale,
} from './model.js';
export { buildDocument } from './content/index.js';
export { pdfFonts } from './render/fonts.js';
export { loadCaseFileForConversation, loadCaseFileForSites } from './sql/loadCaseFile.js';
