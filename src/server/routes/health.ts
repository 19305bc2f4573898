import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Registry } from 'prom-client';
import { isLocalRequest } from '../../channels/botframework/isLoopbackAddress.js';
import { AppError } from '../../errors.js';

export type ReadinessReport = { ready: boolean; checks: Record<string, 'ok' | string> };

/** One part of readiness (database, schema, knowledge index…); must not throw. */
export type ReadinessCheck = () => ReadinessReport | Promise<ReadinessReport>;

export type HealthDeps = {
  /** Database reachable and schema current, knowledge index loaded; must not throw. */
  readiness: () => Promise<ReadinessReport>;
  isShuttingDown: () => boolean;
  registry: Registry;
  /** METRICS_TOKEN: required as a Bearer token for /metrics; undefined: /metrics answers this machine only. */
  metricsToken?: string;
};

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Ready only when every part is: a load balancer must not send traffic to an instance that would answer
 * some of it with 503. The checks run concurrently and their named results are merged into one report.
 */
export function allReady(...parts: ReadinessCheck[]): () => Promise<ReadinessReport> {
  return async () => {
    const reports = await Promise.all(
      parts.map(async (part) => {
        try {
          return await part();
        } catch (thrown) {
          return { ready: false, checks: { check: `failed: ${(thrown as Error).message}` } };
        }
      }),
    );
    return { ready: reports.every((r) => r.ready), checks: Object.assign({}, ...reports.map((r) => r.checks)) as Record<string, string> };
  };
}

/**
 * The knowledge index is built after the server listens (a restart should not wait for it to report the
 * database): until it is there the knowledge endpoints and the turns answer 503 NOT_READY, so readiness does too.
 */
export function knowledgeReadiness(loaded: () => boolean): ReadinessCheck {
  return () => (loaded() ? { ready: true, checks: { knowledge: 'ok' } } : { ready: false, checks: { knowledge: 'the knowledge index is still loading' } });
}

export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  // Liveness: the process answers. Never depends on the database, so a database outage does not
  // get a healthy process restarted by its orchestrator.
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = deps.isShuttingDown() ? { ready: false, checks: { shutdown: 'in progress' } } : await deps.readiness();
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not ready', checks: report.checks });
  });
  // Metrics tell an outsider how busy we are, which paths exist, how the pool fares: not public.
  router.get('/metrics', async (req, res) => {
    if (deps.metricsToken) {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(given), digest(deps.metricsToken)))
        throw new AppError('UNAUTHORIZED', 'Send the metrics token: Authorization: Bearer METRICS_TOKEN.');
    } else if (!isLocalRequest(req.socket.remoteAddress, req.headers)) {
      throw new AppError('FORBIDDEN', 'Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere.');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  return router;
}
