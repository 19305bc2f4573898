import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isDatabaseUnavailable } from './databaseUnavailable.js';

export type Row = Record<string, unknown>;
export type QueryResult<R extends Row> = { rows: R[]; rowCount: number };

/** The one database seam: plain parameterized SQL. A transaction's client has the same shape. */
export type Queryable = {
  /**
   * `name` makes it a prepared statement: parsed and planned once per connection. Worth it for the
   * hot, complex statements of every turn; leave it out for everything else.
   */
  query<R extends Row = Row>(text: string, values?: readonly unknown[], name?: string): Promise<QueryResult<R>>;
};

export type PoolStats = { total: number; idle: number; waiting: number; max: number };

export type Db = Queryable & {
  /**
   * Runs `fn` inside BEGIN/COMMIT on one connection; any error rolls back and is rethrown. Inside
   * `inTransaction`, it joins that transaction (no nesting).
   */
  withTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one transaction that every query on this Db made while `fn` runs joins, even from
   * code that was handed the Db, not the transaction (the engine's turn and the channel's activity
   * log written together, all or nothing). Work `fn` starts but does not await must not use the Db.
   */
  inTransaction<T>(fn: () => Promise<T>): Promise<T>;
  stats(): PoolStats;
  end(): Promise<void>;
};

export type DbOptions = {
  url: string;
  max: number;
  connectTimeoutMs: number;
  applicationName?: string;
  logger: Logger;
};

export function makeDb(options: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'weiquan',
  });
  // Without this listener, an idle client losing its server (a database restart: 57P01) is an
  // unhandled 'error' event and crashes the process. The pool discards that client by itself.
  pool.on('error', (error: Error & { code?: string }) => {
    options.logger.warn({ code: error.code, reason: error.message }, 'db.idle_client_error');
  });

  const wrap = (thrown: unknown, query?: string): never => {
    // Which statement failed, for the log (src/logSafeError.ts): its name, or its first words (SQL text, never values).
    if (thrown instanceof pg.DatabaseError && query) Object.defineProperty(thrown, 'query', { value: query, enumerable: false, configurable: true });
    if (isDatabaseUnavailable(thrown)) {
      throw new AppError('DATABASE_UNAVAILABLE', 'The database is not reachable right now; please retry shortly.', { cause: thrown });
    }
    throw thrown;
  };

  // The transaction of the `inTransaction` call the current async context is in, while it is open.
  const ambient = new AsyncLocalStorage<{ tx: Queryable; open: boolean }>();
  const current = () => {
    const store = ambient.getStore();
    return store?.open ? store.tx : undefined;
  };

  const queryOn = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row>(text: string, values: readonly unknown[] = [], name?: string) {
      const joined = client instanceof pg.Pool ? current() : undefined;
      if (joined) return joined.query<R>(text, values, name);
      try {
        const result = await client.query<R>(name ? { name, text, values: [...values] } : { text, values: [...values] });
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      } catch (error) {
        return wrap(error, name ?? text.replace(/\s+/g, ' ').trim().slice(0, 60));
      }
    },
  });

  const withTransaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    const joined = current();
    if (joined) return fn(joined);
    const client = await pool.connect().catch(wrap);
    let broken: unknown;
    // A checked-out client whose connection is cut between two statements (pg_terminate_backend, a failover:
    // 57P01) emits 'error' with no query to reject: without a listener that crashes the process (npm run chaos
    // found it). The transaction's next statement fails (503) and the client is destroyed, not reused.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('begin');
      const result = await fn(queryOn(client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((rollbackError: unknown) => {
        broken = rollbackError;
      });
      return wrap(error);
    } finally {
      // A client whose rollback failed is in an unknown state: destroy it rather than reuse it.
      client.off('error', onError);
      client.release(broken instanceof Error ? broken : undefined);
    }
  };

  return {
    ...queryOn(pool),
    withTransaction,
    async inTransaction<T>(fn: () => Promise<T>): Promise<T> {
      if (current()) return fn();
      return withTransaction(async (tx) => {
        const store = { tx, open: true };
        try {
          return await ambient.run(store, fn);
        } finally {
          // Anything left running from `fn` falls back to the pool instead of a released client.
          store.open = false;
        }
      });
    },
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: options.max }),
    end: () => pool.end(),
  };
}
