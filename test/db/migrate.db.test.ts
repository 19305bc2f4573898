import { afterEach, describe, expect, it } from 'vitest';
import { makeLogger } from '../../src/logger.js';
import { makeDb, migrate, readMigrations, schemaIsCurrent, type Migration } from '../../src/storage/index.js';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';

const logger = makeLogger({ level: 'silent', pretty: false });
const created: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map(dropTestDatabase));
});

async function emptyDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase({ migrated: false });
  created.push(t);
  return t;
}

describe('migrate', () => {
  it('applies every migration to an empty database and records each once', async () => {
    const { db } = await emptyDatabase();
    const migrations = await readMigrations();
    expect(await schemaIsCurrent(db, migrations)).toBe(false);
    const { applied } = await migrate(db, migrations, logger);
    expect(applied).toEqual(migrations.map((m) => m.version));
    expect(await schemaIsCurrent(db, migrations)).toBe(true);
    expect((await migrate(db, migrations, logger)).applied).toEqual([]);
  });

  it('migrates exactly once when several instances start at the same moment', async () => {
    const { url } = await emptyDatabase();
    const migrations = await readMigrations();
    const instances = Array.from({ length: 4 }, () => makeDb({ url, max: 2, connectTimeoutMs: 5000, logger }));
    try {
      const results = await Promise.all(instances.map((db) => migrate(db, migrations, logger)));
      const appliedBy = results.filter((r) => r.applied.length > 0);
      expect(appliedBy).toHaveLength(1);
      const rows = await instances[0]!.query<{ version: number; n: number }>(
        'select version, count(*)::int as n from schema_migrations group by version order by version',
      );
      expect(rows.rows).toEqual(migrations.map((m) => ({ version: m.version, n: 1 })));
    } finally {
      await Promise.all(instances.map((db) => db.end()));
    }
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const { db } = await emptyDatabase();
    const migrations = await readMigrations();
    await migrate(db, migrations, logger);
    const edited: Migration[] = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: 'different' } : m));
    await expect(migrate(db, edited, logger)).rejects.toThrow(/append-only/);
  });

  it('rolls back every migration of a run when one fails', async () => {
    const { db } = await emptyDatabase();
    const broken: Migration[] = [
      { version: 1, name: 'good', sql: 'create table good_one (id int)', checksum: 'a' },
      { version: 2, name: 'bad', sql: 'create table oops (', checksum: 'b' },
    ];
    await expect(migrate(db, broken, logger)).rejects.toThrow();
    const tables = await db.query(`select to_regclass('good_one') as t, to_regclass('schema_migrations') as m`);
    expect(tables.rows[0]).toEqual({ t: null, m: null });
  });
});
