import { LRUCache } from 'lru-cache';
import type { MachineSnapshot } from './machine.js';

/** A conversation as this process last wrote it: the version its row now has and the dialog state. */
export type RecentConversation = { version: number; locale: 'zh' | 'en'; snapshot: MachineSnapshot };

export type RecentConversations = {
  get(id: string): RecentConversation | undefined;
  set(id: string, conversation: RecentConversation): void;
  forget(id: string): void;
};

/**
 * The last state this process wrote for its most recent conversations, so that the next turn of a
 * conversation skips the read and costs one round trip. It is only a cache: PostgreSQL stays the
 * source of truth, because the turn's write is guarded by the version (and the turn id) it was
 * computed from. When another process or turn wrote in between, the write changes nothing, the
 * entry is forgotten and the turn is recomputed from a fresh read. Least recently used entries go
 * first; snapshots are never mutated in place (transitions return new contexts), so sharing is safe.
 */
export function makeRecentConversations(max: number): RecentConversations {
  const entries = new LRUCache<string, RecentConversation>({ max });
  return {
    get: (id) => entries.get(id),
    set: (id, conversation) => void entries.set(id, conversation),
    forget: (id) => void entries.delete(id),
  };
}
