import path from 'node:path';
import type { Logger } from '../logger.js';
import { makeDb, type Db } from './db.js';
import { startEmbeddedPostgres } from './embeddedPostgres.js';
import type { UserRole } from './embeddedUsers.js';

export type DatabaseSettings = {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  dbPoolMax: number;
  dbConnectTimeoutMs: number;
};

export type Database = {
  db: Db;
  /** The connection URL, for the few parts that need a connection of their own (LISTEN). */
  url: string;
  /** True when this process started its own PostgreSQL (no DATABASE_URL). */
  embedded: boolean;
  /** Drains the pool, then stops the embedded server if we started one. */
  close(): Promise<void>;
};

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL in DATA_DIR/postgres. One code path after that.
 * `role`: `service` for the server (a second one on the same DATA_DIR is refused); CLIs are `client`s, which
 * join the server that runs, or start one of their own and stop it when they close.
 */
export async function openDatabase(settings: DatabaseSettings, logger: Logger, role: UserRole = 'client'): Promise<Database> {
  const server = settings.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(settings.dataDir, 'postgres'),
        port: settings.embeddedPgPort,
        database: 'weiquan',
        persistent: true,
        logger,
        role,
      });
  const url = settings.databaseUrl ?? server?.url ?? '';
  const db = makeDb({ url, max: settings.dbPoolMax, connectTimeoutMs: settings.dbConnectTimeoutMs, logger });
  return {
    db,
    url,
    embedded: server !== undefined,
    async close() {
      await db.end();
      await server?.stop();
    },
  };
}
