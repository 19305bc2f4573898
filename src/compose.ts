import path from 'node:path';
import type { Config } from './config.js';
import { makeRunTurn } from './engine/runTurn.js';
import type { InboundMessage, TurnResult } from './engine/types.js';
import { understandOffline } from './engine/understand/index.js';
import type { Logger } from './logger.js';
import { knowledgeDir } from './paths.js';
import { ingestKnowledge } from './retrieval/ingest/ingestKnowledge.js';
import { loadKnowledge, type Knowledge } from './retrieval/makeKnowledge.js';
import { assess } from './rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar } from './rules/calendar/index.js';
import { migrate, openDatabase, readMigrations, schemaIsCurrent, type Database, type Migration } from './storage/index.js';

export type Storage = { database: Database; migrations: Migration[] };

export type Services = Storage & {
  knowledge: Knowledge;
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
};

/** First phase of every entry point: the database, migrated (or checked to be current). */
export async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  const database = await openDatabase(config, logger);
  try {
    const migrations = await readMigrations();
    if (config.migrateOnStart) await migrate(database.db, migrations, logger);
    else if (!(await schemaIsCurrent(database.db, migrations))) {
      throw new Error('the database schema is behind this version and MIGRATE_ON_START=false: run `npm run db:migrate` first');
    }
    return { database, migrations };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The service graph every entry point shares (server, chat CLI): database → migrations → knowledge
 * → engine. Each dependency is built once here and passed down; nothing below reads config.
 */
export async function composeServices(config: Config, logger: Logger): Promise<Services> {
  const storage = await openStorage(config, logger);
  try {
    return { ...storage, ...(await loadServices(config, logger, storage)) };
  } catch (error) {
    await storage.database.close();
    throw error;
  }
}

/** Second phase: knowledge (ingest if configured, then the in-memory index) and the dialog engine. */
export async function loadServices(config: Config, logger: Logger, { database }: Storage): Promise<Omit<Services, keyof Storage>> {
  if (config.kbIngestOnStart) {
    await ingestKnowledge(database.db, { lawsDir: config.lawsDir, corpus: config.kbCorpus, knowledgeDir: knowledgeDir(), operatorPlans: config.planFile ? [config.planFile] : [], logger });
  }
  const knowledge = await loadKnowledge({ db: database.db, knowledgeDir: knowledgeDir(), corpus: config.kbCorpus, logger });
  const calendar = makeCalendar(await loadHolidayCalendar(path.join(knowledgeDir(), 'holidays', 'cn.json')));
  const runTurn = makeRunTurn({
    db: database.db,
    understand: understandOffline,
    answer: knowledge.answer,
    assess: (input) => assess(input, calendar),
    now: () => new Date(),
    logger,
  });
  return { knowledge, runTurn };
}
