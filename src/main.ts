import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { loadServices, openStorage } from './compose.js';
import { loadConfig } from './config.js';
import { coerceError } from './errors.js';
import { makeLogger } from './logger.js';
import { makeApp } from './server/app.js';
import { listen } from './server/listen.js';
import { knowledgeRouter } from './server/routes/knowledge.js';
import { checkDatabase, markInstanceStopped, registerInstance } from './storage/index.js';
import { packageVersion } from './version.js';

/** Composition root of the server: config → logger → services → HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = makeLogger({ level: config.logLevel, pretty: config.logPretty });
  const started = Date.now();
  let shuttingDown = false;

  const storage = await openStorage(config, logger);
  const { database, migrations } = storage;
  // The knowledge index (and the engine on it) loads after the server listens: readiness is about
  // the database, and a restart should not wait seconds of ingest and indexing to report it.
  let services: Awaited<ReturnType<typeof loadServices>> | undefined;
  const instance = { id: randomUUID(), hostname: os.hostname(), pid: process.pid, version: packageVersion() };
  await registerInstance(database.db, instance);

  const app = makeApp({
    logger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    readiness: () => checkDatabase(database.db, migrations),
    poolStats: () => database.db.stats(),
    isShuttingDown: () => shuttingDown,
    routers: [knowledgeRouter(() => services?.knowledge)],
  });
  const http = await listen(app, config.port, config.host);
  logger.info(
    { url: `http://localhost:${http.port}`, database: database.embedded ? 'embedded' : 'DATABASE_URL', ms: Date.now() - started, instance: instance.id },
    'http.listening',
  );
  loadServices(config, logger, storage).then(
    (loaded) => {
      services = loaded;
      logger.info({ knowledge: loaded.knowledge.stats(), ms: Date.now() - started }, 'knowledge.ready');
    },
    (thrown: unknown) => {
      // Stopping while the index was loading closes the database under it: not a failure.
      if (shuttingDown) return;
      logger.fatal({ err: coerceError(thrown) }, 'knowledge.failed');
      void database.close().finally(() => process.exit(1));
    },
  );

  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'shutdown.forced');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutdown.started');
    await http.close(config.shutdownTimeoutMs);
    await markInstanceStopped(database.db, instance.id).catch(() => undefined);
    await database.close();
    logger.info('shutdown.done');
    process.exit(0);
  };
  process.on('SIGTERM', (s) => void shutdown(s));
  process.on('SIGINT', (s) => void shutdown(s));
  // A bug outside any request leaves the process in an unknown state: log it, stop, let the
  // supervisor restart us. Errors inside requests are handled by the HTTP error handler.
  const fatal = (thrown: unknown) => {
    logger.fatal({ err: coerceError(thrown) }, 'process.fatal');
    void database.close().finally(() => process.exit(1));
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}

main().catch((thrown: unknown) => {
  const error = coerceError(thrown);
  process.stderr.write(`Weiquan could not start: ${error.message}\n`);
  process.exit(1);
});
