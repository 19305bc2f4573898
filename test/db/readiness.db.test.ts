import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../src/logger.js';
import { loadKnowledge, type Knowledge } from '../../src/retrieval/makeKnowledge.js';
import { makeApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { allReady, knowledgeReadiness } from '../../src/server/routes/health.js';
import { knowledgeRouter } from '../../src/server/routes/knowledge.js';
import { checkDatabase, readMigrations, type Db } from '../../src/storage/index.js';
import { readJson } from '../helpers/http.js';
import { repoRoot } from '../helpers/paths.js';
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

  it('is not ready, naming the knowledge check, until the knowledge endpoints can answer', async () => {
    const migrations = await readMigrations();
    let knowledge: Knowledge | undefined;
    // Wired as src/main.ts wires it: the index arrives after the server listens.
    const app = makeApp({
      logger: makeLogger({ level: 'silent', pretty: false }),
      bodyLimit: '100kb',
      trustProxy: false,
      readiness: allReady(
        () => checkDatabase(migrated.db, migrations),
        knowledgeReadiness(() => knowledge !== undefined),
      ),
      poolStats: () => migrated.db.stats(),
      isShuttingDown: () => false,
      routers: [knowledgeRouter(() => knowledge)],
    });
    const server = await listen(app, 0, '127.0.0.1');
    const base = `http://127.0.0.1:${server.port}`;
    const search = () =>
      fetch(`${base}/api/knowledge/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '七天无理由退货' }),
      });
    try {
      const before = await fetch(`${base}/readyz`);
      expect(before.status).toBe(503);
      expect(await readJson(before)).toEqual({
        status: 'not ready',
        checks: { database: 'ok', schema: 'ok', knowledge: 'the knowledge index is still loading' },
      });
      expect((await search()).status).toBe(503);

      knowledge = await loadKnowledge({
        db: migrated.db,
        knowledgeDir: path.join(repoRoot, 'knowledge'),
        corpus: 'serving',
        logger: makeLogger({ level: 'silent', pretty: false }),
      });
      const after = await fetch(`${base}/readyz`);
      expect(after.status).toBe(200);
      expect(await readJson(after)).toEqual({ status: 'ready', checks: { database: 'ok', schema: 'ok', knowledge: 'ok' } });
      expect((await search()).status).toBe(200);
    } finally {
      await server.close(100);
    }
  });
});
