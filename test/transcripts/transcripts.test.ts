import { testSeal } from '../helpers/testSeal.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findCase } from '../../src/cases/sql/caseStore.js';
import type { OutboundReply, TurnResult } from '../../src/engine/types.js';
import { makeTestEngine } from '../helpers/engine.js';
import { useTestDatabase } from '../helpers/testDatabase.js';
import { Transcript } from './transcriptFormat.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const t = useTestDatabase();

/** Every test/transcripts/*.yaml conversation, through the real engine, PostgreSQL and knowledge layer. */
describe.each(files)('%s', (file) => {
  const parsed = Transcript.safeParse(readYaml(path.join(dir, file)));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const transcript = parsed.data;

  it(transcript.name, async () => {
    const engine = await makeTestEngine(t.db, transcript.now);
    const conversationId = `transcript-${file}-${Date.now()}`;
    let turn = 0;
    let last: TurnResult | undefined;
    let lastInbound: { text: string; value?: string } | undefined;
    const texts = (r: OutboundReply[]) => r.map((x) => x.text).join('\n');
    for (const [i, step] of transcript.steps.entries()) {
      const where = `${file} step ${i + 1}: ${JSON.stringify(step)}`;
      if ('user' in step) {
        lastInbound = typeof step.user === 'string' ? { text: step.user } : { text: step.user.text, ...(step.user.value ? { value: step.user.value } : {}) };
        last = await engine.runTurn({ conversationId, channel: 'test', turnId: `turn-${++turn}`, locale: transcript.locale, ...lastInbound });
        continue;
      }
      if ('now' in step) {
        engine.setNow(step.now);
        continue;
      }
      if (!last) throw new Error(`${where}: check before any user turn`);
      const replies = last.replies;
      const weiquan = replies.at(-1)?.channelData.weiquan;
      if ('retryLastTurn' in step) {
        const again = await engine.runTurn({ conversationId, channel: 'test', turnId: `turn-${turn}`, locale: transcript.locale, ...lastInbound });
        expect(again.duplicate, where).toBe(true);
        expect(again.replies, where).toEqual(last.replies);
      } else if ('bot' in step) {
        for (const s of step.bot.contains ?? []) expect(texts(replies), where).toContain(s);
        for (const s of step.bot.notContains ?? []) expect(texts(replies), where).not.toContain(s);
        const offered = replies.flatMap((r) => r.suggestedActions ?? []).flatMap((a) => [a.title, a.value]);
        for (const s of step.bot.suggests ?? []) expect(offered, where).toContain(s);
      } else if ('state' in step) {
        expect(last.stage, where).toBe(step.state);
      } else if ('awaiting' in step) {
        expect(weiquan?.awaiting?.slot ?? null, where).toBe(step.awaiting);
      } else if ('notAsked' in step) {
        expect(step.notAsked, where).not.toContain(weiquan?.awaiting?.slot);
      } else if ('cites' in step) {
        const cited = replies.flatMap((r) => r.citations ?? []).map((c) => `${c.law}#${c.article}`);
        for (const c of step.cites) expect(cited, where).toContain(c);
      } else if ('case' in step) {
        const caseNo = weiquan?.caseNo;
        expect(caseNo, where).toMatch(/^WQ-\d{8}-[2-9A-Z]{4}$/);
        const stored = await findCase(t.db, testSeal, caseNo ?? '');
        for (const [key, value] of Object.entries(step.case)) expect(get(stored, key) ?? null, `${where} (${key})`).toEqual(value);
      } else if ('cited' in step) {
        expect(replies.flatMap((r) => r.citations ?? []).length, where).toBeGreaterThan(0);
      } else if ('notCites' in step) {
        const cited = replies.flatMap((r) => r.citations ?? []).map((c) => `${c.law}#${c.article}`);
        for (const c of step.notCites) expect(cited, where).not.toContain(c);
      } else if ('cases' in step) {
        const filed = await t.db.query<{ caseNo: string }>('select case_no as "caseNo" from cases where conversation_id = $1 order by created_at, case_no', [
          conversationId,
        ]);
        expect(filed.rows.length, where).toBe(step.cases.length);
        for (const [n, expected] of step.cases.entries()) {
          const caseNo = filed.rows[n]?.caseNo ?? '';
          const events = await t.db.query<{ type: string }>('select type from case_events where case_no = $1 order by seq', [caseNo]);
          const stored = { ...(await findCase(t.db, testSeal, caseNo)), events: events.rows.map((e) => e.type) };
          for (const [key, value] of Object.entries(expected)) expect(get(stored, key) ?? null, `${where} (case ${n + 1} ${key})`).toEqual(value);
        }
      } else if ('noCase' in step || 'caseCount' in step) {
        const count = await t.db.query<{ n: number }>('select count(*)::int as n from cases where conversation_id = $1', [conversationId]);
        expect(count.rows[0]?.n, where).toBe('noCase' in step ? 0 : step.caseCount);
      } else if ('context' in step) {
        const stored = await t.db.query<{ snapshot: unknown }>('select snapshot from conversations where id = $1', [conversationId]);
        for (const [key, value] of Object.entries(step.context)) expect(get(stored.rows[0]?.snapshot, key) ?? null, `${where} (${key})`).toEqual(value);
      } else if ('turnEvents' in step) {
        const logged = await t.db.query<{ type: string; n: number }>(
          'select type, count(*)::int as n from turn_events where conversation_id = $1 group by type',
          [conversationId],
        );
        const counts = Object.fromEntries(logged.rows.map((r) => [r.type, r.n]));
        for (const [type, n] of Object.entries(step.turnEvents)) expect(counts[type] ?? 0, `${where} (${type})`).toBe(n);
      }
    }
  });
});

function readYaml(file: string): unknown {
  try {
    return parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${path.basename(file)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

function get(value: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}
