import type { Activity, ActivitySet } from './types.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** JSON over fetch, without cookies; a non-2xx answer (or no answer: status 0) throws HttpError. */
export async function request<T>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new HttpError(0, undefined);
  }
  const parsed = parseJson(await response.text());
  if (!response.ok) throw new HttpError(response.status, parsed);
  return parsed as T;
}

/** A file the server makes for the conversation, fetched with its token (never a bare, guessable link). */
export async function downloadFile(url: string, token: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new HttpError(0, undefined);
  }
  if (!response.ok) throw new HttpError(response.status, parseJson(await response.text()));
  return response.blob();
}

/** A Direct Line upload (the activity part, then the file) by XMLHttpRequest, for its upload progress events. */
export function uploadFile(url: string, token: string, file: File, activity: Activity, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const parsed = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(field(parsed, 'id') ?? '');
      else reject(new HttpError(xhr.status, parsed));
    };
    xhr.onerror = () => reject(new HttpError(0, undefined));
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export function field(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function expiry(...answers: unknown[]): number {
  for (const answer of answers) {
    const seconds = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>).expires_in : undefined;
    if (typeof seconds === 'number' && seconds > 0) return Date.now() + seconds * 1000;
  }
  // Direct Line's documented default lifetime of a token.
  return Date.now() + 3600_000;
}

export function isActivitySet(value: unknown): value is ActivitySet {
  if (typeof value !== 'object' || value === null) return false;
  const list = (value as Record<string, unknown>).activities;
  return Array.isArray(list) && list.every((a) => typeof a === 'object' && a !== null && typeof (a as Record<string, unknown>).type === 'string');
}

export function randomId(prefix: string): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
