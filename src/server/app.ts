import express, { type Express, type RequestHandler, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Registry } from 'prom-client';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { serializeError } from '../logSafeError.js';
import { errorHandler, notFound } from './errorHandler.js';
import { makeHttpMetrics, type PoolStatsSource } from './metrics.js';
import { requestIdFor } from './requestId.js';
import { rejectUnsafeInput } from './safeInput.js';
import { healthRouter, type ReadinessReport } from './routes/health.js';

export type AppDeps = {
  logger: Logger;
  /** The registry /metrics serves (others, e.g. the model path's counters, register on it too); default: a new one. */
  metricsRegistry?: Registry;
  /** Largest accepted JSON body, e.g. `100kb`. */
  bodyLimit: string;
  trustProxy: boolean;
  readiness: () => Promise<ReadinessReport>;
  poolStats: PoolStatsSource;
  isShuttingDown: () => boolean;
  /** Feature routers mounted after the health endpoints (knowledge, channels, …). */
  routers?: Router[];
  /** METRICS_TOKEN (see routes/health.ts). */
  metricsToken?: string;
  /** Middleware that must run before the body parsers (CORS, so that even a parse error is readable by the page). */
  early?: RequestHandler[];
};

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function makeApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  const metrics = makeHttpMetrics(deps.poolStats, deps.metricsRegistry);

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: requestIdFor,
      // Every line logged through req.log (and the access line) carries the request id.
      customProps: (req) => ({ requestId: req.id }),
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url?.split('?')[0] ?? '') },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // Paths only: query strings may carry tokens, and bodies carry what users typed.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        // Database errors as their SQLSTATE and query name: their text quotes the data (src/logSafeError.ts).
        err: serializeError,
      },
    }),
  );
  app.use(metrics.middleware);
  // Served over TLS (directly, or behind a proxy TRUST_PROXY trusts): browsers are told to stay on it.
  app.use((req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
  app.use((_req, res, next) => {
    if (!deps.isShuttingDown()) return next();
    res.setHeader('Connection', 'close');
    next(new AppError('SHUTTING_DOWN', 'The service is restarting; please retry in a moment.'));
  });
  for (const handler of deps.early ?? []) app.use(handler);
  app.use(express.json({ limit: deps.bodyLimit }));
  app.use(express.urlencoded({ extended: false, limit: deps.bodyLimit }));
  app.use(rejectUnsafeInput);

  app.use(
    healthRouter({
      readiness: deps.readiness,
      isShuttingDown: deps.isShuttingDown,
      registry: metrics.registry,
      ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}),
    }),
  );
  for (const router of deps.routers ?? []) app.use(router);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
