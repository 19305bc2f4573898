import { loadDataCipher } from './cases/crypto/loadDataKeys.js';
import type { DataCipher } from './cases/crypto/dataCipher.js';
import { makePersonalSeal, type PersonalSeal } from './cases/crypto/sealPersonal.js';
import { caseIds, parseDate } from './engineDeps.js';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server as HttpServer } from 'node:http';
import path from 'node:path';
import { makeActivityLog } from './channels/directline/activityLog.js';
import { makeActivityStream } from './channels/directline/activityStream.js';
import { makeDirectLine } from './channels/directline/makeDirectLine.js';
import { loadSigningKey } from './channels/directline/sql/signingKey.js';
import { makeTokenSigner } from './channels/directline/tokens.js';
import type { Config } from './config.js';
import { makeRunTurn } from './engine/runTurn.js';
import type { InboundMessage, TurnResult } from './engine/types.js';
import { understandOffline } from './understanding/index.js';
import type { Logger } from './logger.js';
import { knowledgeDir } from './paths.js';
import { ingestKnowledge } from './retrieval/ingest/ingestKnowledge.js';
import { loadKnowledge, type Knowledge } from './retrieval/makeKnowledge.js';
import { assess } from './rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar } from './rules/calendar/index.js';
import { channelCors } from './server/channelCors.js';
import { makeDirectLineStream } from './server/directlineStream.js';
import { makeRateLimiter } from './server/rateLimit.js';
import { DEFAULT_CHANNEL_LIMITS, makeChannelLimits } from './server/channelLimits.js';
import { directLineRouter } from './server/routes/directline.js';
import { webchatTokenRouter } from './server/routes/webchatToken.js';
import { makeSites } from './sites/index.js';
import { makeModelPath } from './composeModel.js';
import type { LlmMetrics } from './understanding/model/metrics.js';
import { makePubSub, migrate, openDatabase, readMigrations, schemaIsCurrent, type Database, type Migration } from './storage/index.js';

/** `seal`: the personal data at rest, sealed and opened with this process's key ring (src/cases/crypto). */
export type Storage = { database: Database; migrations: Migration[]; cipher: DataCipher; seal: PersonalSeal };

export type Services = Storage & {
  knowledge: Knowledge;
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
};

/** First phase of every entry point: the database, migrated (or checked to be current). */
export async function openStorage(config: Config, logger: Logger, role: 'service' | 'client' = 'client'): Promise<Storage> {
  const cipher = await loadDataCipher(config, logger);
  const database = await openDatabase(config, logger, role);
  try {
    const migrations = await readMigrations();
    if (config.migrateOnStart) await migrate(database.db, migrations, logger);
    else if (!(await schemaIsCurrent(database.db, migrations))) {
      throw new Error('the database schema is behind this version and MIGRATE_ON_START=false: run `npm run db:migrate` first');
    }
    return { database, migrations, cipher, seal: makePersonalSeal(cipher) };
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
export async function loadServices(
  config: Config,
  logger: Logger,
  { database, seal }: Storage,
  options: { llmMetrics?: LlmMetrics } = {},
): Promise<Omit<Services, keyof Storage>> {
  if (config.kbIngestOnStart) {
    await ingestKnowledge(database.db, {
      lawsDir: config.lawsDir,
      corpus: config.kbCorpus,
      knowledgeDir: knowledgeDir(),
      operatorPlans: config.planFile ? [config.planFile] : [],
      logger,
    });
  }
  const knowledge = await loadKnowledge({ db: database.db, knowledgeDir: knowledgeDir(), corpus: config.kbCorpus, logger });
  const calendar = makeCalendar(await loadHolidayCalendar(path.join(knowledgeDir(), 'holidays', 'cn.json')));
  // With LLM_* set, a model assists understanding and writes answers; without, everything is offline.
  const model = makeModelPath({
    llm: config.llm,
    offline: understandOffline,
    knowledge,
    sites: makeSites({ db: database.db }),
    logger,
    metrics: options.llmMetrics,
  });
  const runTurn = model.wrapTurn(
    makeRunTurn({
      db: database.db,
      understand: model.understand,
      answer: model.answer,
      quote: knowledge.article,
      assess: (input) => assess(input, calendar),
      parseDate,
      caseIds,
      seal,
      now: () => new Date(),
      logger,
    }),
  );
  return { knowledge, runTurn };
}

export type DirectLineChannelSettings = Pick<Config, 'dataDir' | 'uploadMaxBytes' | 'webchatTokenRatePerMinute' | 'demoSite' | 'port'> &
  Partial<Pick<Config, 'messageRatePerMinute' | 'clientRatePerMinute' | 'siteRatePerMinute' | 'publicUrl'>>;

/**
 * The Direct Line channel and the widget's token endpoint: sites, token signing (key shared in the
 * database), the activity log, cross-instance fan-out (LISTEN/NOTIFY) and the WebSocket stream.
 * `runTurn` may throw NOT_READY while the engine is still loading. The caller mounts `early` and
 * `routers` on the app, calls `attach` on the HTTP server, and `close` at shutdown.
 */
export async function makeDirectLineChannel(deps: {
  settings: DirectLineChannelSettings;
  logger: Logger;
  database: { db: Database['db']; url: string };
  seal: PersonalSeal;
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
}) {
  const { db, url } = deps.database;
  const sites = makeSites({ db });
  const pubsub = makePubSub({ url, db, logger: deps.logger });
  const log = makeActivityLog({ db, wirePayload: pubsub.wirePayload, seal: deps.seal });
  const stream = makeActivityStream({ log, subscribe: pubsub.subscribe, logger: deps.logger });
  await stream.start();
  pubsub.onReconnect(() => stream.catchUp());
  const directLine = makeDirectLine({
    db,
    sites,
    runTurn: deps.runTurn,
    inTransaction: (fn) => db.inTransaction(fn),
    signer: makeTokenSigner(await loadSigningKey(db)),
    log,
    logger: deps.logger,
    evidenceDir: path.resolve(deps.settings.dataDir, 'evidence'),
    uploadMaxBytes: deps.settings.uploadMaxBytes,
    typing: (conversationId, activity) => stream.ephemeral(conversationId, activity),
    seal: deps.seal,
  });
  const limits = makeChannelLimits({
    messageRatePerMinute: deps.settings.messageRatePerMinute ?? DEFAULT_CHANNEL_LIMITS.messageRatePerMinute,
    clientRatePerMinute: deps.settings.clientRatePerMinute ?? DEFAULT_CHANNEL_LIMITS.clientRatePerMinute,
    siteRatePerMinute: deps.settings.siteRatePerMinute ?? DEFAULT_CHANNEL_LIMITS.siteRatePerMinute,
  });
  // PUBLIC_URL, else the address the server turned out to listen on (known at attach).
  let listening = `http://localhost:${deps.settings.port}`;
  const publicUrl = () => deps.settings.publicUrl ?? listening;
  const streamServer = makeDirectLineStream({ directLine, stream, findSite: sites.find, logger: deps.logger });
  return {
    sites,
    directLine,
    early: [channelCors({ anyAllows: sites.anyAllows })],
    routers: [
      directLineRouter({ directLine, findSite: sites.find, uploadMaxBytes: deps.settings.uploadMaxBytes, uploadMaxFiles: 5, limits, publicUrl }),
      webchatTokenRouter({
        findSite: sites.find,
        widgetToken: directLine.widgetToken,
        resumeWidget: directLine.resumeWidget,
        limiter: makeRateLimiter({
          perMinute: deps.settings.webchatTokenRatePerMinute,
          burst: Math.max(5, Math.ceil(deps.settings.webchatTokenRatePerMinute / 2)),
        }),
      }),
    ],
    /** Ensures the demo site (unless DEMO_SITE=false) for the port the server listens on. */
    async ensureDemoSite(port: number) {
      if (!deps.settings.demoSite) return undefined;
      return sites.ensureDemo([`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
    },
    /** The public endpoints' rate limits (the knowledge endpoints share them). */
    limits,
    /** The log, its fan-out and the pub/sub, shared with the agent console (same mechanism, same channel log). */
    log,
    stream,
    pubsub,
    /** `others`: WebSocket endpoints outside Direct Line (the agent console), chosen by path. */
    attach(server: HttpServer, others: Record<string, (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>> = {}) {
      const bound = server.address();
      if (bound && typeof bound === 'object') {
        const host = bound.address === '0.0.0.0' || bound.address === '::' ? 'localhost' : bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
        listening = `http://${host}:${bound.port}`;
      }
      server.on('upgrade', (req, socket, head: Buffer) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        void (others[path] ?? streamServer.handleUpgrade)(req, socket, head);
      });
    },
    connections: () => streamServer.connections(),
    async close() {
      streamServer.closeAll();
      await pubsub.close();
    },
  };
}
