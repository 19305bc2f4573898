import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeLogger } from '../../src/logger.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/storage/index.js';

const silent = makeLogger({ level: 'silent', pretty: false });

/**
 * A PostgreSQL server of the test's own, for tests that stop, kill or restart the server itself
 * (the shared test server must stay up for every other file).
 */
export async function ownServerDir(): Promise<{ dataDir: string; remove: () => Promise<void> }> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-own-pg-'));
  await fs.chmod(tmp, 0o755);
  return { dataDir: path.join(tmp, 'postgres'), remove: () => fs.rm(tmp, { recursive: true, force: true }) };
}

export function startOwnServer(dataDir: string, port = 0, logger = silent): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({ dataDir, port, database: 'weiquan', persistent: true, logger });
}
