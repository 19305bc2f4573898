import fs from 'node:fs/promises';
import type { Queryable } from '../src/storage/index.js';

// Linux clock ticks (USER_HZ) are 100 a second.
const MS_PER_TICK = 10;

/** CPU time of this process's main thread (the server), from /proc; 0 where there is no /proc. */
export async function threadCpuMs(): Promise<number> {
  const text = await fs.readFile(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').catch(() => '');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return fields.length > 13 ? (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK : 0;
}

/** CPU time of the processes this one started (the embedded PostgreSQL and its backends), from /proc. */
export async function descendantsCpuMs(): Promise<number> {
  return Object.values(await descendantsCpuByKind()).reduce((sum, ms) => sum + ms, 0);
}

/**
 * The same, by what each process is (PostgreSQL sets its process title): `backend` (the sessions
 * that run our statements), `walwriter`, `checkpointer`, `autovacuum`, `other`, and `exited` (processes that ended, such as
 * autovacuum workers, reaped by the server). Background work
 * such as autovacuum follows the write volume, not the turn itself: shown apart, it tells the two
 * costs apart.
 */
export async function descendantsCpuByKind(): Promise<Record<string, number>> {
  const procs = new Map<number, { ppid: number; ticks: number; children: number }>();
  for (const entry of await fs.readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    if (fields.length > 15)
      procs.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) });
  }
  const descends = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid, hops = 0; p !== undefined && hops < 5; p = procs.get(p)?.ppid, hops++) if (p === process.pid) return true;
    return false;
  };
  const byKind: Record<string, number> = {};
  for (const [pid, p] of procs) {
    if (pid === process.pid || !descends(pid)) continue;
    const title = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const kind = /walwriter/.test(title)
      ? 'walwriter'
      : /checkpointer|background writer/.test(title)
        ? 'checkpointer'
        : /autovacuum/.test(title)
          ? 'autovacuum'
          : /postgres: \S+ \S+ (\[local\]|127\.0\.0\.1)/.test(title)
            ? 'backend'
            : 'other';
    byKind[kind] = (byKind[kind] ?? 0) + p.ticks * MS_PER_TICK;
    // Processes that ended (autovacuum workers, closed sessions) count in their parent's children's time once reaped.
    if (p.ppid === process.pid) byKind.exited = (byKind.exited ?? 0) + p.children * MS_PER_TICK;
  }
  return byKind;
}

/** What the simulated consumers tell: one rich story per dispute type, then the same follow-ups. */
export const STORIES = [
  '我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退',
  '在拼多多一家第三方店铺买的运动鞋是假的，花了599块，11月20号收到的',
  '孩子喝的奶粉过期了，在淘宝买的，80元，11月25日收到',
  '11月1号在抖音直播间买的面霜，主播说能祛斑，根本没用，花了399元，11月5号收到',
  '在天猫买的洗衣机有质量问题，一直漏水，3999元，11月10号签收，商家不给修',
];
export const FOLLOW_UPS = ['有订单截图、聊天记录和照片', '拒绝了', '一直不回', '商家同意了'];

export function sleepUntil(at: number): Promise<void> {
  const ms = at - performance.now();
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** A new empty database on the server of `url` (named `${prefix}_<time>`), for a bench run of its own. */
export async function freshDatabase(url: string, prefix: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${Date.now()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export type ConversationCheck = { lostCases: number; doubledCases: number; wrongTurns: number };

/** After a bench: conversations without their one case, with two, or with a turn lost or run twice. */
export async function checkConversations(db: Queryable, conversations: readonly string[], turnsPerConversation: number): Promise<ConversationCheck> {
  const counts = await db.query<{ id: string; cases: number; turns: number }>(
    `select c.id, (select count(*)::int from cases k where k.conversation_id = c.id) as cases,
            (select count(*)::int from processed_turns p where p.conversation_id = c.id) as turns
       from conversations c where c.id = any($1::text[])`,
    [conversations],
  );
  const byId = new Map(counts.rows.map((r) => [r.id, r]));
  return {
    lostCases: conversations.filter((c) => (byId.get(c)?.cases ?? 0) === 0).length,
    doubledCases: conversations.filter((c) => (byId.get(c)?.cases ?? 0) > 1).length,
    wrongTurns: conversations.filter((c) => byId.get(c)?.turns !== turnsPerConversation).length,
  };
}
