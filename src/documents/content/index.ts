import type { DocumentContent, DocumentKind } from '../model.js';
import { dossier } from './dossier.js';
import { civilComplaint, complaint12315, mediationRequest, platformRequest, report, sellerLetter, type BuildInput } from './letters.js';

const BUILDERS: Record<DocumentKind, (input: BuildInput) => DocumentContent> = {
  'seller-letter': sellerLetter,
  'platform-request': platformRequest,
  'complaint-12315': complaint12315,
  'mediation-request': mediationRequest,
  report,
  'civil-complaint': civilComplaint,
  dossier,
};

export const buildDocument = (kind: DocumentKind, input: BuildInput): DocumentContent => BUILDERS[kind](input);
export type { BuildInput };
