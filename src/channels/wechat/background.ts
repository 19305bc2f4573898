import type { Logger } from '../../logger.js';

/** Work a callback starts after answering WeChat: failures are logged under `event`, and `drain` waits for all of it (shutdown). */
export function backgroundTasks(logger: Logger, event: string) {
  const running = new Set<Promise<unknown>>();
  return {
    track(work: Promise<unknown>): void {
      const tracked = work.catch((error: unknown) => logger.error({ err: error }, event)).finally(() => running.delete(tracked));
      running.add(tracked);
    },
    async drain(): Promise<void> {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
