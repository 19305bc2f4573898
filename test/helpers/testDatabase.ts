import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { makeLogger } from '../../src/logger.js';
import { makeDb, type Db } from '../../src/storage/index.js';
import { databaseUrlFor } from './databaseUrl.js';

export type TestDatabase = { url: string; name: string; db: Db };

/** A fresh database cloned from the migrated template (or empty, to test migrations themselves). */
export async function createTestDatabase(options: { migrated: boolean } = { migrated: true }): Promise<TestDatabase> {
  const serverUrl = inject('databaseUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name} template ${options.migrated ? inject('templateDatabase') : 'template0'}`);
  const url = databaseUrlFor(serverUrl, name);
  const db = makeDb({ url, max: 5, connectTimeoutMs: 5000, logger: makeLogger({ level: 'silent', pretty: false }) });
  return { url, name, db };
}

export async function dropTestDatabase(t: TestDatabase): Promise<void> {
  await t.db.end();
  await adminQuery(inject('databaseUrl'), `drop database if exists ${t.name} with (force)`);
}

/**
 * Gives each test file its own database. It is dropped when the file passes and kept when a test
 * failed, so the rows can be inspected (its name is printed).
 */
export function useTestDatabase(): { readonly db: Db; readonly url: string } {
  let current: TestDatabase | undefined;
  let failed = false;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });
  afterAll(async () => {
    if (!current) return;
    if (failed) {
      await current.db.end();
      process.stderr.write(`kept test database ${current.name} for inspection\n`);
    } else {
      await dropTestDatabase(current);
    }
  });
  return {
    get db() {
      if (!current) throw new Error('useTestDatabase: the database exists only inside tests and hooks');
      return current.db;
    },
    get url() {
      if (!current) throw new Error('useTestDatabase: the database exists only inside tests and hooks');
      return current.url;
    },
  };
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
