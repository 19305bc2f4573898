import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../src/logger.js';
import { makeApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { checkDatabase, readMigrations, type Db } from '../../src/storage/index.js';
import { readJson } from '../helpers/http.js';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';

async function serve(db: Db): Promise<RunningServer> {
  const migrations = await readMigrations();
  const app = makeApp({
    logger: makeLogger({ level: 'silent', pretty: false }),
    bodyLimit: '100kb',
    trustProxy: false,
    readiness: () => checkDatabase(db, migrations),
    poolStats: () => db.stats(),
    isShuttingDown: () => false,
  });
  return listen(app, 0, '127.0.0.1');
}

describe('/readyz against a real database', () => {
  let migrated: TestDatabase;
  let empty: TestDatabase;
  beforeAll(async () => {
    migrated = await createTestDatabase();
    empty = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await dropTestDatabase(migrated);
    await dropTestDatabase(empty);
  });

  it('is ready when the database answers and every migration is applied', async () => {
    const server = await serve(migrated.db);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/readyz`);
      expect(res.status).toBe(200);
      expect(await readJson(res)).toEqual({ status: 'ready', checks: { database: 'ok', schema: 'ok' } });
    } finally {
      await server.close(100);
    }
  });

  it('is not ready, and says why, when the schema is behind the code', async () => {
    const server = await serve(empty.db);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/readyz`);
      expect(res.status).toBe(503);
      expect((await readJson(res)).checks.schema).toMatch(/db:migrate/);
    } finally {
      await server.close(100);
    }
  });
});
