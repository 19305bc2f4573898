import type { Session } from './types.js';

export type SessionStore = { load(): Session | undefined; save(session: Session): void; clear(): void };

/**
 * The conversation id, token and watermark in localStorage, one entry per site. When storage is
 * unavailable (blocked cookies, sandboxed frames) the session lives in memory for the page's life.
 */
export function makeSessionStore(siteId: string): SessionStore {
  const key = `weiquan:${siteId}`;
  let memory: Session | undefined;
  const storage = (): Storage | undefined => {
    try {
      return window.localStorage;
    } catch {
      return undefined;
    }
  };
  return {
    load() {
      try {
        const raw = storage()?.getItem(key);
        const parsed: unknown = raw ? JSON.parse(raw) : memory;
        return isSession(parsed) ? parsed : undefined;
      } catch {
        return memory;
      }
    },
    save(session) {
      memory = session;
      try {
        storage()?.setItem(key, JSON.stringify(session));
      } catch {
        // Quota or privacy mode: the in-memory copy still serves this page.
      }
    },
    clear() {
      memory = undefined;
      try {
        storage()?.removeItem(key);
      } catch {
        // Nothing stored, nothing to clear.
      }
    },
  };
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.conversationId === 'string' &&
    typeof v.token === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.userId === 'string' &&
    (v.watermark === undefined || typeof v.watermark === 'string') &&
    (v.resume === undefined || typeof v.resume === 'string')
  );
}
