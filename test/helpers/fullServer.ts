import { testSeal } from './testSeal.js';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { agentForSession } from '../../src/agents/sql/agentStore.js';
import { authenticateApiKey } from '../../src/apiKeys/sql/apiKeyStore.js';
import { makeCases } from '../../src/cases/makeCases.js';
import { makeBotFrameworkEndpoint } from '../../src/channels/botframework/index.js';
import { makeDirectLineChannel, type DirectLineChannelSettings } from '../../src/compose.js';
import { makeAgentConsole } from '../../src/composeConsole.js';
import { makeLogger, type Logger } from '../../src/logger.js';
import { makeApp } from '../../src/server/app.js';
import { makeAuthenticate } from '../../src/server/auth/principal.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { botFrameworkRouter } from '../../src/server/routes/botframework.js';
import { casesRouter } from '../../src/server/routes/cases.js';
import { knowledgeRouter } from '../../src/server/routes/knowledge.js';
import { openApiRouter } from '../../src/server/routes/openapi.js';
import type { Db } from '../../src/storage/index.js';
import type { TestEngine } from './engine.js';

export type FullServer = {
  base: string;
  http: RunningServer;
  channel: Awaited<ReturnType<typeof makeDirectLineChannel>>;
  dataDir: string;
  stop(): Promise<void>;
};

/**
 * Every public endpoint as src/main.ts wires them (minus the built web assets): health, knowledge,
 * cases, the agent console, Bot Framework (no credentials: loopback only) and Direct Line with the
 * widget token endpoint, on a real HTTP server over a test database.
 */
export async function startFullServer(options: {
  db: Db;
  url: string;
  engine: TestEngine;
  logger?: Logger;
  dataDir?: string;
  /** Channel settings over the test defaults (limits far above what the tests send). */
  settings?: Partial<DirectLineChannelSettings>;
  trustProxy?: boolean;
  metricsToken?: string;
  /** Instead of the engine's, for Bot Framework turns (a failing engine). */
  botRunTurn?: TestEngine['runTurn'];
}): Promise<FullServer> {
  const logger = options.logger ?? makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false });
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-full-')));
  const channel = await makeDirectLineChannel({
    seal: testSeal,
    settings: {
      dataDir,
      uploadMaxBytes: 1024 * 1024,
      webchatTokenRatePerMinute: 100_000,
      demoSite: true,
      port: 0,
      messageRatePerMinute: 1_000_000,
      clientRatePerMinute: 1_000_000,
      siteRatePerMinute: 1_000_000,
      ...options.settings,
    },
    logger,
    database: { db: options.db, url: options.url },
    runTurn: options.engine.runTurn,
  });
  const cases = makeCases({ db: options.db, seal: testSeal });
  const agentConsole = makeAgentConsole({
    seal: testSeal,
    settings: { dataDir, handoffTimeoutSeconds: 3600, agentSessionMs: 3_600_000, offlineGraceSeconds: 3600 },
    db: options.db,
    logger,
    cases,
    runTurn: options.engine.runTurn,
    directLine: channel,
  });
  await agentConsole.start();
  const authenticate = makeAuthenticate({ apiKey: (key) => authenticateApiKey(options.db, key), session: (token) => agentForSession(options.db, token) });
  const botEndpoint = makeBotFrameworkEndpoint({ runTurn: options.botRunTurn ?? options.engine.runTurn, siteId: 'demo', credentials: undefined, logger });
  const app = makeApp({
    logger,
    bodyLimit: '100kb',
    trustProxy: options.trustProxy ?? false,
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => options.db.stats(),
    isShuttingDown: () => false,
    routers: [
      knowledgeRouter(options.engine.knowledge, channel.limits),
      casesRouter({ authenticate, ...cases }),
      ...agentConsole.routers,
      openApiRouter(),
      botFrameworkRouter({ endpoint: botEndpoint, status: () => 'ready' }),
      ...channel.routers,
    ],
    early: channel.early,
  });
  const http = await listen(app, 0, '127.0.0.1');
  channel.attach(http.server, agentConsole.upgrades);
  await channel.ensureDemoSite(http.port);
  return {
    base: `http://127.0.0.1:${http.port}`,
    http,
    channel,
    dataDir,
    async stop() {
      await agentConsole.close();
      await channel.close();
      await http.close(500);
      if (!options.dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
