import { testSeal } from './testSeal.js';
import type { Router } from 'express';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeDirectLineChannel } from '../../src/compose.js';
import { makeLogger } from '../../src/logger.js';
import { makeApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { Db } from '../../src/storage/index.js';
import type { TestEngine } from './engine.js';

export type ChannelServer = {
  base: string;
  port: number;
  http: RunningServer;
  channel: Awaited<ReturnType<typeof makeDirectLineChannel>>;
  dataDir: string;
  stop(): Promise<void>;
};

/**
 * The Direct Line channel and widget token endpoint on a real HTTP server (a free port), over the
 * real engine and a test database: what src/main.ts wires, minus the knowledge loading.
 */
export async function startChannelServer(options: {
  db: Db;
  url: string;
  engine: TestEngine;
  uploadMaxBytes?: number;
  tokenRatePerMinute?: number;
  /** Routers mounted before the channel's (whose catch-all answers anything else under /v3/directline). */
  routers?: (channel: Awaited<ReturnType<typeof makeDirectLineChannel>>) => Router[];
}): Promise<ChannelServer> {
  const logger = makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-channel-'));
  const channel = await makeDirectLineChannel({
    seal: testSeal,
    settings: {
      dataDir,
      uploadMaxBytes: options.uploadMaxBytes ?? 10 * 1024 * 1024,
      webchatTokenRatePerMinute: options.tokenRatePerMinute ?? 1000,
      demoSite: true,
      port: 0,
    },
    logger,
    database: { db: options.db, url: options.url },
    runTurn: options.engine.runTurn,
  });
  const app = makeApp({
    logger,
    bodyLimit: '100kb',
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => options.db.stats(),
    isShuttingDown: () => false,
    routers: [...(options.routers?.(channel) ?? []), ...channel.routers],
    early: channel.early,
  });
  const http = await listen(app, 0, '127.0.0.1');
  channel.attach(http.server);
  await channel.ensureDemoSite(http.port);
  return {
    base: `http://127.0.0.1:${http.port}`,
    port: http.port,
    http,
    channel,
    dataDir,
    async stop() {
      await channel.close();
      await http.close(1000);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
