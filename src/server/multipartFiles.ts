import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';

export type MultipartFile = { name: string; stream: Readable; truncated: () => boolean };

// The JSON `activity` part (directlinejs sends it as a Blob, i.e. a file part) is small.
const ACTIVITY_MAX_BYTES = 64 * 1024;

/**
 * The `file` parts of a multipart request, one at a time as they arrive (each must be consumed
 * before the next is parsed), and the JSON `activity` part once the files are done. Nothing is
 * buffered beyond the activity part: files stream to their destination.
 */
export function multipartFiles(req: Request, limits: { fileSize: number; files: number }): { files: AsyncIterable<MultipartFile>; activity: () => unknown } {
  let parser: busboy.Busboy;
  try {
    // Browsers send file names as raw UTF-8 (中文.png); busboy would read them as latin1.
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { fileSize: limits.fileSize, files: limits.files + 1, fields: 5, fieldSize: ACTIVITY_MAX_BYTES, parts: limits.files + 6 },
    });
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传文件。Send files as multipart/form-data.');
  }
  const queue: MultipartFile[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: Error | undefined;
  let activityText: string | undefined;
  let activityTooLarge = false;
  let fileCount = 0;
  const signal = () => {
    wake?.();
    wake = undefined;
  };

  parser.on('file', (field, stream, info) => {
    if (field === 'activity') {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (activityTooLarge = true));
      stream.on('end', () => (activityText = Buffer.concat(chunks).toString('utf8')));
      return;
    }
    if (field !== 'file' || ++fileCount > limits.files) {
      stream.resume();
      if (field === 'file') failure ??= new AppError('PAYLOAD_TOO_LARGE', `一次最多上传 ${limits.files} 个文件。At most ${limits.files} files at once.`);
      return;
    }
    let truncated = false;
    stream.on('limit', () => (truncated = true));
    queue.push({ name: info.filename || 'file', stream, truncated: () => truncated });
    signal();
  });
  parser.on('field', (field, value, info) => {
    if (field === 'activity') {
      if (info.valueTruncated) activityTooLarge = true;
      activityText = value;
    }
  });
  parser.on('error', (error: Error) => {
    failure ??= new AppError('BAD_REQUEST', `上传的内容无法解析。The upload could not be parsed: ${error.message}`);
    finished = true;
    signal();
  });
  parser.on('close', () => {
    finished = true;
    signal();
  });
  req.on('aborted', () => {
    failure ??= new AppError('BAD_REQUEST', 'The upload was interrupted.');
    finished = true;
    signal();
  });
  req.pipe(parser);

  return {
    files: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const next = queue.shift();
          if (next) {
            yield next;
            continue;
          }
          if (failure) throw failure;
          if (finished) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
    },
    activity() {
      if (failure) throw failure;
      if (activityTooLarge) throw new AppError('PAYLOAD_TOO_LARGE', 'The activity part is too large.');
      if (activityText === undefined) return undefined;
      try {
        return JSON.parse(activityText) as unknown;
      } catch {
        throw new AppError('INVALID_JSON', 'The activity part is not valid JSON.');
      }
    },
  };
}
