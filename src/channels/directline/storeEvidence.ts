import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors.js';
import { SNIFF_BYTES, sniffContentType, type EvidenceType } from './sniffContentType.js';

/** `created`: this call put the file there (it was not already stored from an earlier upload). */
export type StoredFile = { sha256: string; size: number; contentType: EvidenceType; storagePath: string; created: boolean };

/**
 * Streams one uploaded file to DATA_DIR/evidence/: hashed while written to a temporary file, typed
 * by its first bytes, then moved to `<sha256[0..2]>/<sha256>` (the same content is kept once).
 * Anything refused (too large, unknown type) leaves nothing behind.
 */
export async function storeEvidence(dir: string, file: Readable, wasTruncated: () => boolean, maxBytes: number): Promise<StoredFile> {
  const tmpDir = path.join(dir, 'tmp');
  await fs.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let size = 0;
  try {
    await pipeline(
      file,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(tmp),
    );
    if (wasTruncated() || size > maxBytes)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限。The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit.`,
      );
    if (size === 0) throw new AppError('VALIDATION_FAILED', '文件是空的。The file is empty.');
    const contentType = sniffContentType(head);
    if (!contentType)
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        '只接受图片（JPEG、PNG、GIF、WebP）、PDF 和视频（MP4、MOV、WebM）。Only images (JPEG, PNG, GIF, WebP), PDF and video (MP4, MOV, WebM) are accepted.',
      );
    const sha256 = hash.digest('hex');
    const relative = path.join(sha256.slice(0, 2), sha256);
    await fs.mkdir(path.join(dir, sha256.slice(0, 2)), { recursive: true });
    const created = !(await fs.stat(path.join(dir, relative)).then(
      () => true,
      () => false,
    ));
    await fs.rename(tmp, path.join(dir, relative));
    return { sha256, size, contentType, storagePath: path.join('evidence', relative), created };
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/**
 * Takes back files an upload stored before it failed: only those it created, and only when no
 * evidence row refers to the same content (another upload may have recorded it meanwhile).
 */
export async function discardEvidence(dir: string, files: readonly StoredFile[], stillReferenced: (sha256: string) => Promise<boolean>): Promise<void> {
  for (const f of files) {
    if (!f.created || (await stillReferenced(f.sha256))) continue;
    await fs.rm(path.join(dir, f.sha256.slice(0, 2), f.sha256), { force: true });
  }
}

/** Removes a stored evidence file (retention, a consumer's erasure) unless a row refers to its content again. */
export async function removeEvidenceFile(dir: string, sha256: string, stillReferenced: (sha256: string) => Promise<boolean>): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(sha256) || (await stillReferenced(sha256))) return;
  await fs.rm(path.join(dir, sha256.slice(0, 2), sha256), { force: true });
}
