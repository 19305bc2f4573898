import { Router } from 'express';
import type { Registry } from 'prom-client';

export type ReadinessReport = { ready: boolean; checks: Record<string, 'ok' | string> };

export type HealthDeps = {
  /** Database reachable and schema current; must not throw. */
  readiness: () => Promise<ReadinessReport>;
  isShuttingDown: () => boolean;
  registry: Registry;
};

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
  router.get('/metrics', async (_req, res) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  return router;
}
