import { fileTypeFromBuffer } from 'file-type';

/**
 * The evidence types we accept, recognised by their content (the `file-type` package reads the container,
 * e.g. an ISO-BMFF `ftyp` box's brands, so a HEIC or AVIF photo is an image, not an MP4), never by file name
 * or the client's word.
 */
export const EVIDENCE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/avif',
  'application/pdf',
  'video/mp4',
  'video/quicktime',
  'video/webm',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** What `file-type` needs to tell every container apart (its reasonableDetectionSizeInBytes). */
export const SNIFF_BYTES = 4100;

const accepted = new Set<string>(EVIDENCE_TYPES);

export async function sniffContentType(head: Uint8Array): Promise<EvidenceType | undefined> {
  if (head.length === 0) return undefined;
  const found = await fileTypeFromBuffer(head);
  return found && accepted.has(found.mime) ? (found.mime as EvidenceType) : undefined;
}
