import type { Logger } from '../../logger.js';
import { ACTIVITY_CHANNEL, PAGE_SIZE, type ActivityLog, type ActivityPage, type AppendedPage } from './activityLog.js';

export type Watcher = { close(): void };

export type ActivityStream = {
  /** Sends every activity after `watermark` now, then each new one as it is appended on any instance. */
  watch(conversationId: string, watermark: number, send: (page: ActivityPage) => void): Watcher;
  /**
   * Sends an activity that is not kept (typing while a model is slow) to this instance's clients of the
   * conversation, without moving their watermark.
   */
  ephemeral(conversationId: string, activity: Record<string, unknown>): void;
  /** Re-reads every watched conversation (after a lost LISTEN connection, notifications may be missing). */
  catchUp(): void;
  size(): number;
};

type Subscriber = { watermark: number; send: (page: ActivityPage) => void; busy: boolean; dirty: boolean; closed: boolean };

/**
 * Fan-out of new activities to this instance's WebSocket clients. A notification names only the
 * conversation; each subscriber reads from its own watermark, so nothing is sent twice or skipped,
 * whichever instance wrote the activity and however notifications bunch up.
 */
export function makeActivityStream(deps: {
  log: ActivityLog;
  subscribe: (channel: string, handler: (payload: string) => void) => Promise<unknown>;
  logger: Logger;
}): ActivityStream & { start(): Promise<void> } {
  const watched = new Map<string, Set<Subscriber>>();

  const pump = async (conversationId: string, s: Subscriber): Promise<void> => {
    if (s.busy) {
      s.dirty = true;
      return;
    }
    s.busy = true;
    try {
      do {
        s.dirty = false;
        const page = await deps.log.readAfter(conversationId, s.watermark);
        if (s.closed) return;
        if (page.activities.length) {
          s.watermark = page.last;
          s.send(page);
          // A full page may have more behind it.
          s.dirty ||= page.activities.length >= PAGE_SIZE;
        }
      } while (s.dirty && !s.closed);
    } catch (error) {
      deps.logger.warn({ err: error, conversationId }, 'directline.stream_read_failed');
    } finally {
      s.busy = false;
    }
  };

  const notify = (conversationId: string) => {
    for (const s of watched.get(conversationId) ?? []) void pump(conversationId, s);
  };

  /** What this instance appended: sent as it is to subscribers that are exactly up to it, no read needed. */
  const appended = (conversationId: string, page: AppendedPage) => {
    for (const s of watched.get(conversationId) ?? []) {
      if (s.closed || page.last <= s.watermark) continue;
      if (!s.busy && page.first === s.watermark + 1) {
        s.watermark = page.last;
        s.send({ activities: page.activities, watermark: page.watermark });
      } else void pump(conversationId, s);
    }
  };

  return {
    async start() {
      deps.log.onAppend(appended);
      await deps.subscribe(ACTIVITY_CHANNEL, notify);
    },
    watch(conversationId, watermark, send) {
      const s: Subscriber = { watermark, send, busy: false, dirty: false, closed: false };
      let set = watched.get(conversationId);
      if (!set) watched.set(conversationId, (set = new Set()));
      set.add(s);
      void pump(conversationId, s);
      return {
        close() {
          s.closed = true;
          set.delete(s);
          if (set.size === 0 && watched.get(conversationId) === set) watched.delete(conversationId);
        },
      };
    },
    ephemeral(conversationId, activity) {
      for (const s of watched.get(conversationId) ?? []) if (!s.closed) s.send({ activities: [activity], watermark: String(s.watermark) });
    },
    catchUp() {
      for (const id of watched.keys()) notify(id);
    },
    size: () => [...watched.values()].reduce((n, s) => n + s.size, 0),
  };
}
