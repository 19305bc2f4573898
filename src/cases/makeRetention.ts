import type { Db } from '../storage/index.js';
import { runRetention, type RetentionPolicy, type RetentionResult } from './sql/retention.js';

type Logger = { info(o: object, msg: string): void; warn(o: object, msg: string): void; error(o: object, msg: string): void };

export type RetentionDeps = {
  db: Db;
  policy: RetentionPolicy;
  /** Removes an evidence file from disk (DATA_DIR/evidence) once no row refers to it. */
  removeEvidence: (sha256: string) => Promise<void>;
  logger: Logger;
};

export type Retention = ReturnType<typeof makeRetention>;

/**
 * The retention job: `run` once (the admin command), or `start` it on a schedule in the server. Any
 * number of instances may schedule it; the database lets one run at a time (an advisory lock).
 */
export function makeRetention(deps: RetentionDeps) {
  const run = async (options: { dryRun: boolean; trigger: 'schedule' | 'admin' }): Promise<RetentionResult> => {
    const result = await runRetention(deps.db, deps.policy, options);
    if (!result.ran) return result;
    for (const sha256 of result.evidence) {
      await deps.removeEvidence(sha256).catch((error: unknown) => deps.logger.warn({ err: error, sha256 }, 'retention.evidence_remove_failed'));
    }
    deps.logger.info({ dryRun: result.dryRun, trigger: options.trigger, ...result.counts }, 'retention.ran');
    return result;
  };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    run,
    /** Runs every `intervalMs`, the first time after `firstAfterMs`; a failure is logged and retried next time. */
    start(intervalMs: number, firstAfterMs = Math.min(intervalMs, 60_000)) {
      const tick = () => {
        running = run({ dryRun: false, trigger: 'schedule' })
          .catch((error: unknown) => deps.logger.error({ err: error }, 'retention.failed'))
          .finally(() => {
            running = undefined;
          });
      };
      timer = setTimeout(function again() {
        tick();
        timer = setTimeout(again, intervalMs);
        timer.unref();
      }, firstAfterMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
