import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { makeLogger } from '../../src/logger.js';
import { ingestKnowledge } from '../../src/retrieval/ingest/ingestKnowledge.js';
import { makeDb, migrate, readMigrations, startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/storage/index.js';
import { databaseUrlFor } from './databaseUrl.js';
import { lawsDir, repoRoot, seedPlanFile } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL on the test server; swap its database name for your own. */
    databaseUrl: string;
    /** A migrated database to clone with `create database … template …`. */
    templateDatabase: string;
  }
}

/**
 * DATABASE_URL when set (CI starts Debian's PostgreSQL and sets it); otherwise a throwaway server
 * from the embedded binaries, gone after the run. Migrations and the knowledge ingest run once,
 * into a template database that every test file clones (test/helpers/testDatabase.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = makeLogger({ level: 'warn', pretty: false });
  let server: EmbeddedPostgres | undefined;
  let tmp: string | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-test-pg-'));
    await fs.chmod(tmp, 0o755);
    server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port: 0, database: 'weiquan', persistent: false, logger });
    url = server.url;
  }
  // Unique per project and run: several projects (db, transcripts) set up in one process.
  const template = `weiquan_template_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin(url, async (c) => {
    await c.query(`drop database if exists ${template}`);
    await c.query(`create database ${template}`);
  });
  const db = makeDb({ url: databaseUrlFor(url, template), max: 2, connectTimeoutMs: 5000, logger });
  await migrate(db, await readMigrations(), logger);
  // The serving laws, our default plan and the seed operator plan: what a deployed service holds.
  await ingestKnowledge(db, { lawsDir, corpus: 'serving', knowledgeDir: path.join(repoRoot, 'knowledge'), operatorPlans: [seedPlanFile], logger });
  await db.end();
  await admin(url, (c) => c.query(`alter database ${template} is_template true`));

  project.provide('databaseUrl', url);
  project.provide('templateDatabase', template);

  return async () => {
    await admin(url, async (c) => {
      await c.query(`alter database ${template} is_template false`);
      await c.query(`drop database if exists ${template}`);
    }).catch(() => undefined);
    await server?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  };
}

async function admin(url: string, fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
