import { composeRetention } from './composeRetention.js';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { loadServices, makeDirectLineChannel, openStorage } from './compose.js';
import { loadConfig } from './config.js';
import { makeBotFrameworkEndpoint } from './channels/botframework/index.js';
import { AppError, coerceError } from './errors.js';
import { makeLogger } from './logger.js';
import { makeApp } from './server/app.js';
import { listen } from './server/listen.js';
import { botFrameworkRouter } from './server/routes/botframework.js';
import { allReady, knowledgeReadiness } from './server/routes/health.js';
import { knowledgeRouter } from './server/routes/knowledge.js';
import { casesRouter } from './server/routes/cases.js';
import { evaluationRouter } from './server/routes/evaluation.js';
import { EVALUATION_CHARTS, evaluationTable, makeEvaluation, tableCsv } from './operator/evaluation.js';
import { conversationSiteOf, documentsRouter } from './server/routes/documents.js';
import { makeDocuments } from './documents/index.js';
import { openApiRouter } from './server/routes/openapi.js';
import { makeAuthenticate } from './server/auth/principal.js';
import { agentForSession } from './agents/sql/agentStore.js';
import { authenticateApiKey } from './apiKeys/sql/apiKeyStore.js';
import { makeCases } from './cases/makeCases.js';
import type { CaseStatus } from './cases/caseRecord.js';
import type { CaseStatus as ServerCaseStatus } from './server/routes/caseApi.js';
import { makeAgentConsole } from './composeConsole.js';
import { makeHubHandoff } from './handoff/makeHubHandoff.js';
import { widgetRouter } from './server/routes/widget.js';
import { loadWidgetAssets } from './server/widget/loadWidgetAssets.js';
import { consoleAssetsRouter, loadConsoleAssets } from './server/routes/consoleAssets.js';
import { projectRoot } from './paths.js';
import { makeSites } from './sites/index.js';
import { checkDatabase, markInstanceStopped, registerInstance } from './storage/index.js';
import { packageVersion } from './version.js';
import { Registry } from 'prom-client';
import { makeLlmMetrics } from './understanding/model/metrics.js';
import { makeWechatChannels } from './composeWechat.js';

/** Composition root of the server: config → logger → services → HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = makeLogger({ level: config.logLevel, pretty: config.logPretty });
  const started = Date.now();
  let shuttingDown = false;

  const storage = await openStorage(config, logger, 'service');
  const { database, migrations, seal } = storage;
  // One registry for /metrics: HTTP and pool figures (src/server) and the model path's counters.
  const metricsRegistry = new Registry();
  const llmMetrics = makeLlmMetrics(metricsRegistry);
  // The knowledge index (and the engine on it) loads after the server listens: /healthz and the logs come
  // at once, and /readyz says "not ready" (checks.knowledge) until the index is there.
  let services: Awaited<ReturnType<typeof loadServices>> | undefined;
  const instance = { id: randomUUID(), hostname: os.hostname(), pid: process.pid, version: packageVersion() };
  await registerInstance(database.db, instance);

  // Bot Framework (POST /api/messages): built now so a missing-credentials warning is logged at start.
  const botSiteId = config.botframeworkSiteId;
  let botStatus: 'ready' | 'starting' | { notConfigured: string } = 'starting';
  const botEndpoint = botSiteId
    ? makeBotFrameworkEndpoint({
        siteId: botSiteId,
        credentials: config.botframework,
        logger,
        runTurn: (inbound) => {
          if (!services) throw new AppError('NOT_READY', 'The assistant is still starting.');
          return services.runTurn(inbound);
        },
        // An external agent hub may take the conversation instead of the console (handoff.initiate / handoff.status).
        hub: makeHubHandoff({
          db: database.db,
          seal,
          runTurn: (inbound) => {
            if (!services) throw new AppError('NOT_READY', 'The assistant is still starting.');
            return services.runTurn(inbound);
          },
        }),
      })
    : undefined;

  // The chat widget and the demo page: built here when missing (or, outside production, stale).
  const widgetAssets = await loadWidgetAssets({ root: projectRoot(), rebuildWhenStale: config.nodeEnv !== 'production', logger });
  // The agent console page (/console): built the same way.
  const consoleAssets = await loadConsoleAssets({ root: projectRoot(), rebuildWhenStale: config.nodeEnv !== 'production', logger });

  // Operators' credentials: a site API key (Bearer) or an agent's console session.
  const authenticate = makeAuthenticate({ apiKey: (key) => authenticateApiKey(database.db, key), session: (token) => agentForSession(database.db, token) });
  // Direct Line and the widget's token endpoint; turns wait for the engine (503 NOT_READY until then).
  const directLine = await makeDirectLineChannel({
    settings: config,
    logger,
    database,
    seal,
    runTurn: (inbound) => {
      if (!services) throw new AppError('NOT_READY', '助手还在启动，请稍后再试。The assistant is still starting; please retry in a few seconds.');
      return services.runTurn(inbound);
    },
  });

  // WeChat: 公众号 (/wechat/{siteId}) and 企业微信 微信客服 (/wecom/{siteId}); off without WECHAT_SECRETS_KEY.
  const wechat = makeWechatChannels({
    settings: config,
    db: database.db,
    logger,
    runTurn: (inbound) => {
      if (!services) throw new AppError('NOT_READY', '助手还在启动，请稍后再试。The assistant is still starting; please retry in a few seconds.');
      return services.runTurn(inbound);
    },
  });

  // Human handoff: the agent console, its live stream and the no-agent-free sweeper.
  const cases = makeCases({ db: database.db, seal });
  // The server's view of the cases API (src/server/routes/caseApi.ts) must be exactly what src/cases serves.
  const sameStatuses: [CaseStatus, ServerCaseStatus] extends [ServerCaseStatus, CaseStatus] ? true : never = true;
  void sameStatuses;
  const agentConsole = makeAgentConsole({
    settings: config,
    instanceId: instance.id,
    db: database.db,
    logger,
    cases,
    seal,
    directLine,
    runTurn: (inbound) => {
      if (!services) throw new AppError('NOT_READY', '助手还在启动，请稍后再试。The assistant is still starting; please retry in a few seconds.');
      return services.runTurn(inbound);
    },
  });
  await agentConsole.start();

  const app = makeApp({
    logger,
    metricsRegistry,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    readiness: allReady(
      () => checkDatabase(database.db, migrations),
      knowledgeReadiness(() => services !== undefined),
    ),
    poolStats: () => database.db.stats(),
    isShuttingDown: () => shuttingDown,
    routers: [
      knowledgeRouter(() => services?.knowledge, directLine.limits),
      casesRouter({ authenticate, ...cases }),
      evaluationRouter({ authenticate, ...makeEvaluation({ db: database.db }), table: evaluationTable, csv: tableCsv, charts: EVALUATION_CHARTS }),
      ...agentConsole.routers,
      openApiRouter(),
      botFrameworkRouter({ endpoint: botEndpoint, status: () => botStatus }),
      widgetRouter({ assets: widgetAssets, demoPage: config.demoSite }),
      consoleAssetsRouter({ assets: consoleAssets }),
      documentsRouter({
        authenticate,
        ...makeDocuments({
          db: database.db,
          quote: (law, article, on) => {
            if (!services) throw new AppError('NOT_READY', '助手还在启动，请稍后再试。The assistant is still starting; please retry in a few seconds.');
            return services.knowledge.article(law, article, on);
          },
          seal,
          now: () => new Date(),
        }),
        conversationSite: conversationSiteOf({ authenticate: directLine.directLine.authenticate, findSite: directLine.sites.find }),
      }),
      wechat.router,
      ...directLine.routers,
    ],
    early: directLine.early,
  });
  const http = await listen(app, config.port, config.host);
  directLine.attach(http.server, agentConsole.upgrades);
  await directLine.ensureDemoSite(http.port);
  // Personal data is kept no longer than RETENTION_DAYS (one instance at a time runs the job).
  const retention = composeRetention(config, database.db, logger);
  if (config.retention.intervalMinutes > 0) retention.start(config.retention.intervalMinutes * 60_000);
  logger.info(
    { url: `http://localhost:${http.port}`, database: database.embedded ? 'embedded' : 'DATABASE_URL', ms: Date.now() - started, instance: instance.id },
    'http.listening',
  );
  loadServices(config, logger, storage, { llmMetrics }).then(
    (loaded) => {
      services = loaded;
      void checkBotSite();
      logger.info({ knowledge: loaded.knowledge.stats(), ms: Date.now() - started }, 'knowledge.ready');
    },
    (thrown: unknown) => {
      // Stopping while the index was loading closes the database under it: not a failure.
      if (shuttingDown) return;
      logger.fatal({ err: coerceError(thrown) }, 'knowledge.failed');
      void database.close().finally(() => process.exit(1));
    },
  );

  // Every Bot Framework conversation is stamped with its site: the site must exist, or every turn would fail.
  async function checkBotSite(): Promise<void> {
    if (!botSiteId) return;
    const site = await makeSites({ db: database.db })
      .find(botSiteId)
      .catch((thrown: unknown) => {
        // The database is down right now: take turns anyway (they fail with an apology until it is back).
        logger.warn({ err: coerceError(thrown) }, 'botframework.site_check_failed');
        return true;
      });
    if (site) botStatus = 'ready';
    else {
      botStatus = {
        notConfigured: `BOTFRAMEWORK_SITE_ID names a site that does not exist (${botSiteId}); create it with \`npm run -s admin -- sites create\` or set another. 机器人渠道配置的站点不存在。`,
      };
      logger.error({ siteId: botSiteId }, 'botframework.site_missing');
    }
  }

  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'shutdown.forced');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutdown.started');
    // WebSocket clients are told "going away" first: they reconnect elsewhere and resume from their watermark.
    await agentConsole.close();
    await retention.stop();
    await directLine.close();
    await http.close(config.shutdownTimeoutMs);
    await wechat.drain?.();
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
