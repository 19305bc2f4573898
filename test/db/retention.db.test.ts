import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeRetention } from '../../src/composeRetention.js';
import { makeLogger } from '../../src/logger.js';
import { collectingChannel, makeTestEngine, type TestEngine } from '../helpers/engine.js';
import { testSeal } from '../helpers/testSeal.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
const logger = makeLogger({ level: 'silent', pretty: false });
let dataDir = '';
let engine: TestEngine;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wq-retention-'));
  engine = await makeTestEngine(t.db);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const retention = () => composeRetention({ dataDir, retention: { closedCaseDays: 180, unconsentedDays: 30, intervalMinutes: 0 } }, t.db, logger);

/** A conversation through the real engine; with consent it files a case (phone on it). */
async function conversation(id: string, consent: boolean): Promise<string | undefined> {
  const c = collectingChannel(engine, id);
  await c.say(consent ? '同意' : '你好');
  const r = await c.say('我10月30号在京东买了个2999的手机，11月3号收到，屏幕有亮点，商家说拆封了不给退，我电话13912345678');
  await t.db.query(`insert into channel_activities (conversation_id, seq, client_id, activity) values ($1, 1, 'c1', $2)`, [
    id,
    JSON.stringify(testSeal.activity({ type: 'message', text: '我电话13912345678' })),
  ]);
  return r.caseNo;
}

async function evidence(id: string, sha: string): Promise<string> {
  const file = path.join(dataDir, 'evidence', sha.slice(0, 2), sha);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, 'png');
  await t.db.query(
    `insert into evidence_files (id, conversation_id, sha256, content_type, size, original_name, storage_path) values ($1, $2, $3, 'image/png', 3, $4, $5)`,
    [`ev_${sha.slice(0, 20)}`, id, sha, testSeal.text('身份证.png'), file],
  );
  return file;
}

const backdate = (id: string, days: number) =>
  t.db.query(`update conversations set updated_at = now() - make_interval(days => $2::int) where id = $1`, [id, days]);
const closeCase = (caseNo: string, daysAgo: number) =>
  t.db
    .query(`update cases set status = 'resolved' where case_no = $1; `, [caseNo])
    .then(() =>
      t.db.query(
        `update cases set closed_at = now() - make_interval(days => $2::int), updated_at = now() - make_interval(days => $2::int) where case_no = $1`,
        [caseNo, daysAgo],
      ),
    );
const count = async (table: string, id: string) =>
  Number((await t.db.query<{ n: string }>(`select count(*) as n from ${table} where conversation_id = $1`, [id])).rows[0]?.n);

describe('retention (RETENTION_DAYS after a case closes, 30 days without consent)', () => {
  it('keeps the clock of a case: closing starts it, reopening stops it', async () => {
    const caseNo = (await conversation('ret-clock', true)) ?? '';
    const closedAt = async () => (await t.db.query<{ closed_at: Date | null }>('select closed_at from cases where case_no = $1', [caseNo])).rows[0]?.closed_at;
    expect(await closedAt()).toBeNull();
    await t.db.query(`update cases set status = 'closed' where case_no = $1`, [caseNo]);
    const first = await closedAt();
    expect(first).toBeInstanceOf(Date);
    await t.db.query(`update cases set status = 'resolved' where case_no = $1`, [caseNo]);
    expect(await closedAt()).toEqual(first);
    await t.db.query(`update cases set status = 'negotiating' where case_no = $1`, [caseNo]);
    expect(await closedAt()).toBeNull();
  });

  it('anonymises expired cases, erases and deletes expired conversations and their evidence; a dry run counts the same and changes nothing', async () => {
    await t.db.query('delete from cases; delete from conversations');
    // Without consent: one past 30 days, one not yet.
    await conversation('ret-anon-old', false);
    await conversation('ret-anon-new', false);
    await backdate('ret-anon-old', 31);
    await backdate('ret-anon-new', 29);
    // With consent: a case closed 181 days ago, one closed 179 days ago, an open case idle for 400 days.
    const old = (await conversation('ret-case-old', true)) ?? '';
    const recent = (await conversation('ret-case-new', true)) ?? '';
    const open = (await conversation('ret-case-open', true)) ?? '';
    const oldFile = await evidence('ret-case-old', 'a'.repeat(64));
    const keptFile = await evidence('ret-case-new', 'b'.repeat(64));
    await t.db.query(`insert into case_events (case_no, seq, type, actor, payload) values ($1, 99, 'note', 'agent:x', '{"text":"顾客李娜说她住文三路90号"}')`, [
      old,
    ]);
    await closeCase(old, 181);
    await closeCase(recent, 179);
    await backdate('ret-case-old', 181);
    await backdate('ret-case-new', 179);
    await backdate('ret-case-open', 400);
    expect([old, recent, open].every(Boolean)).toBe(true);

    const before = await t.db.query('select * from cases order by case_no');
    const dry = await retention().run({ dryRun: true, trigger: 'admin' });
    expect(dry).toMatchObject({
      ran: true,
      dryRun: true,
      counts: { casesAnonymised: 1, conversationsDeleted: 1, conversationsErased: 1, evidenceFiles: 1, notes: 1 },
    });
    expect((await t.db.query('select * from cases order by case_no')).rows).toEqual(before.rows);
    expect(await count('turn_events', 'ret-anon-old')).toBeGreaterThan(0);
    await stat(oldFile);

    const real = await retention().run({ dryRun: false, trigger: 'admin' });
    expect(real.ran && real.counts).toEqual(dry.ran && dry.counts);
    if (!real.ran || !dry.ran) return;
    expect(real.counts.turnEvents).toBeGreaterThan(0);
    expect(real.counts.channelActivities).toBe(2);

    // Deleted whole: the old conversation without consent. Kept: the newer one.
    expect((await t.db.query(`select 1 from conversations where id = 'ret-anon-old'`)).rowCount).toBe(0);
    expect(await count('turn_events', 'ret-anon-new')).toBeGreaterThan(0);
    // The expired case: statistics only.
    const k = (
      await t.db.query<{ record: Record<string, Record<string, unknown>>; phone_hash: string | null; anonymised_at: Date | null; category: string }>(
        `select record, phone_hash, anonymised_at, category from cases where case_no = $1`,
        [old],
      )
    ).rows[0];
    expect(k?.record.contact).toEqual({});
    expect(k?.phone_hash).toBeNull();
    expect(k?.anonymised_at).toBeInstanceOf(Date);
    expect(k?.category).toBe('seven_day_return');
    expect(k?.record.order?.amountFen).toBe(299900);
    expect(k?.record.facts?.problem).toBeUndefined();
    const note = await t.db.query<{ payload: unknown }>(`select payload from case_events where case_no = $1 and type = 'note'`, [old]);
    expect(note.rows[0]?.payload).toEqual({});
    // Its conversation: nothing of what was said, no evidence row, the file gone from disk.
    for (const table of ['turn_events', 'processed_turns', 'channel_activities', 'evidence_files']) expect(await count(table, 'ret-case-old'), table).toBe(0);
    expect((await t.db.query<{ snapshot: unknown }>(`select snapshot from conversations where id = 'ret-case-old'`)).rows[0]?.snapshot).toBeNull();
    await expect(stat(oldFile)).rejects.toThrow(/ENOENT/);
    // Not yet due, or still open: untouched.
    await stat(keptFile);
    for (const caseNo of [recent, open])
      expect((await t.db.query<{ phone_hash: string | null }>('select phone_hash from cases where case_no = $1', [caseNo])).rows[0]?.phone_hash).toBe(
        testSeal.phoneIndex('13912345678'),
      );
    expect(await count('turn_events', 'ret-case-open')).toBeGreaterThan(0);
    // The run is recorded, with counts only.
    const runs = await t.db.query<{ counts: unknown; trigger: string }>('select counts, trigger from retention_runs');
    expect(runs.rows).toEqual([{ counts: real.counts, trigger: 'admin' }]);
    // Nothing left to do the second time.
    const again = await retention().run({ dryRun: false, trigger: 'schedule' });
    expect(again.ran && Object.values(again.counts).every((n) => n === 0)).toBe(true);

    // A returning consumer on the erased conversation starts afresh (the engine's cached copy is not written back).
    const back = collectingChannel(engine, 'ret-case-old');
    const r = await back.say('你好');
    expect(r.replies.length).toBeGreaterThan(0);
  });

  it('runs on one instance at a time (advisory lock)', async () => {
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock($1)', [0x77715e01]);
      expect(await retention().run({ dryRun: false, trigger: 'schedule' })).toEqual({ ran: false, reason: 'another_instance' });
      await other.query('commit');
      expect((await retention().run({ dryRun: true, trigger: 'schedule' })).ran).toBe(true);
    } finally {
      await other.end();
    }
  });
});
