import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.js';
import type { Db, Queryable } from './db.js';

export type Migration = { version: number; name: string; sql: string; checksum: string };

/** Where the numbered `.sql` files live, next to this module (copied into dist/ by the build). */
export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

// Any constant works; it only has to be the same for every instance of Weiquan on a database.
const MIGRATION_LOCK_KEY = 720_150_001;

/** Reads `NNNN_name.sql` files in order. Numbers must be unique and contiguous from 1. */
export async function readMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file name "${file}" must look like 0001_short_name.sql`);
    const sql = await fs.readFile(`${dir}/${file}`, 'utf8');
    migrations.push({ version: Number(match[1]), name: match[2] ?? '', sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${String(m.version).padStart(4, '0')} at position ${i + 1}`);
  });
  return migrations;
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so instances starting at
 * the same moment migrate exactly once: the second waits for the lock, then finds nothing to do.
 * Applied migrations are append-only: an edited one stops the start instead of drifting silently.
 */
export async function migrate(db: Db, migrations: Migration[], logger: Logger): Promise<{ applied: number[] }> {
  return db.withTransaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const done = await appliedMigrations(tx);
    for (const m of migrations) {
      const previous = done.get(m.version);
      if (previous !== undefined && previous !== m.checksum) {
        throw new Error(`Migration ${m.version} (${m.name}) was changed after it was applied. Migrations are append-only: add a new one instead.`);
      }
    }
    const pending = migrations.filter((m) => !done.has(m.version));
    for (const m of pending) {
      const started = Date.now();
      await tx.query(m.sql);
      await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
      logger.info({ version: m.version, name: m.name, ms: Date.now() - started }, 'db.migration_applied');
    }
    return { applied: pending.map((m) => m.version) };
  });
}

/** The schema is current when every known migration has been applied. */
export async function schemaIsCurrent(db: Queryable, migrations: Migration[]): Promise<boolean> {
  const latest = migrations.at(-1)?.version ?? 0;
  const table = await db.query<{ found: boolean }>(`select to_regclass('schema_migrations') is not null as found`);
  if (!table.rows[0]?.found) return latest === 0;
  const result = await db.query<{ version: number | null }>('select max(version) as version from schema_migrations');
  return (result.rows[0]?.version ?? 0) >= latest;
}

async function appliedMigrations(db: Queryable): Promise<Map<number, string>> {
  const result = await db.query<{ version: number; checksum: string }>('select version, checksum from schema_migrations');
  return new Map(result.rows.map((r) => [r.version, r.checksum]));
}
