import { insertActivities, selectActivitiesAfter, type AppendItem } from './sql/activities.js';
import type { Sql } from './sql/sql.js';
import { activityId, withIdentity } from './toActivities.js';

export type ActivityPage = { activities: Record<string, unknown>[]; watermark: string };

/** Activities as they went out, with the seq of the first and last, for subscribers on this instance. */
export type AppendedPage = ActivityPage & { first: number; last: number };

/** What the log needs of src/cases/crypto's PersonalSeal (passed in by the composition root). */
export type ActivitySeal = { activity(a: Record<string, unknown>): Record<string, unknown>; open<T>(value: T): T };

export const ACTIVITY_CHANNEL = 'directline_activity';

// Concurrent appends to one conversation race for the next seq; the loser retries what it lost.
const MAX_APPEND_ATTEMPTS = 10;
export const PAGE_SIZE = 200;

export type ActivityLog = {
  /** Appends once per client id (a retry appends nothing) and tells every instance. Returns each item's seq. */
  append(conversationId: string, items: AppendItem[]): Promise<number[]>;
  /**
   * `append` inside a transaction: other instances hear of it at commit (NOTIFY), and `publish`,
   * called after the commit, tells this instance's listeners. Not called (a rollback): nobody hears.
   */
  appendDeferred(conversationId: string, items: AppendItem[]): Promise<{ seqs: number[]; publish: () => void }>;
  readAfter(conversationId: string, watermark: number): Promise<ActivityPage & { last: number }>;
  /** This instance's listener for what it appends itself (other instances hear through NOTIFY). */
  onAppend(listener: (conversationId: string, page: AppendedPage) => void): void;
};

/** `seal`: activities are stored with their text and names sealed (src/cases/crypto) and opened when read. */
export function makeActivityLog(deps: { db: Sql; wirePayload: (payload: string) => string; seal: ActivitySeal }): ActivityLog {
  const listeners: ((conversationId: string, page: AppendedPage) => void)[] = [];
  const appendDeferred = async (conversationId: string, items: AppendItem[]): Promise<{ seqs: number[]; publish: () => void }> => {
    const seqs = new Map<string, number>();
    const written: { seq: number; at: Date; activity: Record<string, unknown>; item: AppendItem | undefined }[] = [];
    const byClient = new Map(items.map((i) => [i.clientId, i]));
    let publish = () => {};
    for (let attempt = 1; seqs.size < items.length; attempt++) {
      if (attempt > MAX_APPEND_ATTEMPTS) throw new Error('could not append to the conversation log: too many concurrent writers');
      const rows = await insertActivities(
        deps.db,
        conversationId,
        items.filter((i) => !seqs.has(i.clientId)).map((i) => ({ ...i, activity: deps.seal.activity(i.activity) })),
        { channel: ACTIVITY_CHANNEL, payload: deps.wirePayload(conversationId) },
      );
      for (const row of rows) {
        seqs.set(row.clientId, row.seq);
        const item = byClient.get(row.clientId);
        // What subscribers get is what was stored: the redacted version when that was.
        if (row.fresh) written.push({ seq: row.seq, at: row.at, activity: (row.redacted ? item?.redacted : item?.activity) ?? {}, item });
      }
    }
    // The same replyToId the statement stored, for what goes to local subscribers directly.
    const firstSeq = seqs.get(items[0]?.clientId ?? '');
    for (const w of written) {
      const item = items.find((i) => i.activity === w.activity);
      if (item?.replyToFirst && firstSeq !== undefined) w.activity = { ...w.activity, replyToId: activityId(conversationId, firstSeq) };
    }
    if (written.length) {
      written.sort((a, b) => a.seq - b.seq);
      const first = written[0]?.seq ?? 0;
      const last = written.at(-1)?.seq ?? 0;
      // Contiguous seqs can go to local subscribers as they are; a gap (a concurrent append) makes them read.
      const contiguous = last - first + 1 === written.length;
      const page: AppendedPage = {
        activities: written.map((w) => withIdentity(conversationId, w.seq, w.at, w.activity)),
        watermark: String(last),
        first: contiguous ? first : -1,
        last,
      };
      publish = () => {
        for (const listener of listeners) listener(conversationId, page);
      };
    }
    return { seqs: items.map((i) => seqs.get(i.clientId) ?? 0), publish };
  };
  return {
    appendDeferred,
    async append(conversationId, items) {
      const { seqs, publish } = await appendDeferred(conversationId, items);
      publish();
      return seqs;
    },
    async readAfter(conversationId, watermark) {
      const rows = await selectActivitiesAfter(deps.db, conversationId, watermark, PAGE_SIZE);
      const last = rows.at(-1)?.seq ?? watermark;
      return { activities: rows.map((r) => withIdentity(conversationId, r.seq, r.at, deps.seal.open(r.activity))), watermark: String(last), last };
    },
    onAppend(listener) {
      listeners.push(listener);
    },
  };
}
