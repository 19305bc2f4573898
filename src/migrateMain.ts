import { loadConfig } from './config.js';
import { coerceError } from './errors.js';
import { makeLogger } from './logger.js';
import { migrate, openDatabase, readMigrations } from './storage/index.js';

/** `npm run db:migrate`: apply pending migrations and exit (for deploys that migrate as their own step). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = makeLogger({ level: config.logLevel, pretty: config.logPretty });
  const database = await openDatabase(config, logger);
  try {
    const { applied } = await migrate(database.db, await readMigrations(), logger);
    logger.info({ applied }, applied.length ? 'db.migrated' : 'db.already_current');
  } finally {
    await database.close();
  }
}

main().catch((thrown: unknown) => {
  process.stderr.write(`Migration failed: ${coerceError(thrown).message}\n`);
  process.exit(1);
});
