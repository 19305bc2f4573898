import type { Queryable } from './db.js';
import { schemaIsCurrent, type Migration } from './migrate.js';

export type DatabaseCheck = { ready: boolean; checks: { database: string; schema: string } };

/** For /readyz: reachable within `timeoutMs`, and every known migration applied. Never throws. */
export async function checkDatabase(db: Queryable, migrations: Migration[], timeoutMs = 2000): Promise<DatabaseCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const current = await Promise.race([schemaIsCurrent(db, migrations), timeout]);
    if (current === 'timeout') return { ready: false, checks: { database: `no answer within ${timeoutMs} ms`, schema: 'unknown' } };
    return current
      ? { ready: true, checks: { database: 'ok', schema: 'ok' } }
      : { ready: false, checks: { database: 'ok', schema: 'behind the code: run npm run db:migrate' } };
  } catch {
    return { ready: false, checks: { database: 'unreachable', schema: 'unknown' } };
  } finally {
    clearTimeout(timer);
  }
}
