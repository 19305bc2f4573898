import type { Queryable } from '../../storage/index.js';
import type { DataCipher } from '../crypto/dataCipher.js';
import { SEALED_PREFIX } from '../crypto/dataCipher.js';
import type { PersonalSeal } from '../crypto/sealPersonal.js';

/** Rows looked at and rewritten, per table. */
export type ResealReport = Record<string, { scanned: number; resealed: number }>;

const BATCH = 500;

// A sealed string stands for itself by its key id only, so two values compare equal when they hold the
// same plain parts and the same keys, whatever the random IVs.
function shape(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.startsWith(SEALED_PREFIX) ? v.slice(0, v.indexOf(':', SEALED_PREFIX.length)) : v,
  );
}

type Table = {
  name: string;
  /** Primary-key columns, in order (keyset pagination). */
  keys: string[];
  /** The column rewritten. */
  column: string;
  /** Extra filter. */
  where?: string;
  /** The value as it should be stored now (from the opened one); undefined: leave it. */
  fresh(opened: unknown, stored: unknown): unknown;
  /** A guard against overwriting a concurrent writer (a version column), compared on update. */
  guard?: string;
  /** Extra column set from the opened value (the phone index). */
  also?: { column: string; value(opened: unknown): string | null };
};

/**
 * Rewrites every stored personal value with the newest key of the ring: values sealed with an older
 * key, and plain values written before encryption. Safe while the service runs: each row is rewritten
 * only if it has not changed since it was read (rows a turn rewrites meanwhile are sealed with the newest
 * key by that turn anyway). Run after putting a new key at the front of DATA_ENCRYPTION_KEY; the old key
 * can leave the ring once this reports nothing left to do.
 */
export async function resealAll(db: Queryable, cipher: DataCipher, seal: PersonalSeal, options: { dryRun?: boolean } = {}): Promise<ResealReport> {
  const tables: Table[] = [
    { name: 'conversations', keys: ['id'], column: 'snapshot', guard: 'version', fresh: (o) => seal.snapshot(o) },
    {
      name: 'cases',
      keys: ['case_no'],
      column: 'record',
      guard: 'updated_at',
      fresh: (o) => seal.record(o),
      also: {
        column: 'phone_hash',
        value: (o) => {
          const phone = (o as { contact?: { phone?: unknown } }).contact?.phone;
          return typeof phone === 'string' && phone ? seal.phoneIndex(phone) : null;
        },
      },
    },
    { name: 'cases', keys: ['case_no'], column: 'snapshot', guard: 'updated_at', where: 'snapshot is not null', fresh: (o) => seal.snapshot(o) },
    {
      name: 'turn_events',
      keys: ['conversation_id', 'seq'],
      column: 'payload',
      where: `type in ('user_message', 'user_message_to_agent')`,
      fresh: (o) => {
        const p = o as { text?: unknown };
        return typeof p.text === 'string' ? { ...p, text: seal.text(p.text) } : o;
      },
    },
    { name: 'processed_turns', keys: ['conversation_id', 'turn_id'], column: 'replies', fresh: (o) => seal.json(o) },
    { name: 'channel_activities', keys: ['conversation_id', 'seq'], column: 'activity', fresh: (o) => seal.activity(o as Record<string, unknown>) },
    { name: 'evidence_files', keys: ['id'], column: 'original_name', fresh: (o) => seal.text(o as string) },
  ];
  const report: ResealReport = {};
  for (const t of tables) {
    const label = t.column === 'snapshot' && t.name === 'cases' ? 'cases.snapshot' : t.name;
    const entry = (report[label] = { scanned: 0, resealed: 0 });
    let after: unknown[] | undefined;
    for (;;) {
      const keyList = t.keys.join(', ');
      const params: unknown[] = [];
      const afterClause = after ? `(${keyList}) > (${after.map((v) => (params.push(v), `$${params.length}`)).join(', ')})` : 'true';
      const rows = await db.query<Record<string, unknown>>(
        `select ${keyList}, ${t.column} as value${t.guard ? `, ${t.guard}::text as guard` : ''}
           from ${t.name} where ${afterClause} ${t.where ? `and ${t.where}` : ''}
          order by ${keyList} limit ${BATCH}`,
        params,
      );
      if (rows.rows.length === 0) break;
      for (const row of rows.rows) {
        entry.scanned++;
        const stored = row.value;
        const opened = seal.open(stored);
        const fresh = t.fresh(opened, stored);
        const stale = shape(fresh) !== shape(stored) || keyIds(stored).some((id) => id !== cipher.currentKeyId);
        const extra = t.also?.value(opened);
        if (!stale && (t.also === undefined || extra === undefined)) continue;
        if (!stale && t.also) {
          // The phone index may still be an older key's (or an unkeyed hash of a release before encryption).
          const current = await db.query(`select 1 from ${t.name} where ${t.keys[0]} = $1 and ${t.also.column} is not distinct from $2`, [
            row[t.keys[0]!],
            extra,
          ]);
          if (current.rowCount) continue;
        }
        entry.resealed++;
        if (options.dryRun) continue;
        const values: unknown[] = [typeof fresh === 'string' && t.column === 'original_name' ? fresh : JSON.stringify(fresh)];
        const sets = [`${t.column} = $1`];
        if (t.also) {
          values.push(extra ?? null);
          sets.push(`${t.also.column} = $${values.length}`);
        }
        const conds = t.keys.map((k) => (values.push(row[k]), `${k} = $${values.length}`));
        if (t.guard) {
          values.push(row.guard);
          conds.push(`${t.guard}::text = $${values.length}`);
        }
        const updated = await db.query(`update ${t.name} set ${sets.join(', ')} where ${conds.join(' and ')}`, values);
        if (!updated.rowCount) entry.resealed--; // changed meanwhile: its writer sealed it with the newest key
      }
      const last = rows.rows.at(-1)!;
      after = t.keys.map((k) => last[k]);
      if (rows.rows.length < BATCH) break;
    }
  }
  return report;
}

function keyIds(value: unknown): string[] {
  const ids: string[] = [];
  JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'string' && v.startsWith(SEALED_PREFIX)) ids.push(v.slice(SEALED_PREFIX.length, v.indexOf(':', SEALED_PREFIX.length)));
    return v;
  });
  return ids;
}
