import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeWechatChannels, type WechatChannels } from '../../src/composeWechat.js';
import { makeLogger } from '../../src/logger.js';
import type { InboundMessage, TurnResult } from '../../src/engine/types.js';
import type { Db } from '../../src/storage/index.js';
import { startChannelServer, type ChannelServer } from '../helpers/channelServer.js';
import type { TestEngine } from '../helpers/engine.js';
import { startSimulator, type Simulator } from './simulator.js';

export type WechatTestServer = {
  server: ChannelServer;
  sim: Simulator;
  wechat: WechatChannels;
  siteId: string;
  app: { appId: string; secret: string; token: string; aesKey: string };
  secretsKey: string;
  dataDir: string;
  stop(): Promise<void>;
};

/** An EncodingAESKey as WeChat makes them: 43 letters and digits. */
export const newAesKey = () => Array.from(randomBytes(43), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');

/**
 * The service's channels on a real HTTP server over the real engine and a test database, with the
 * WeChat router and a simulator standing in for WeChat (WECHAT_API_BASE / WECOM_API_BASE point at it),
 * and a site whose 公众号 is set up. `wrapTurn` lets a test slow the engine down or count its turns.
 */
export async function startWechatServer(options: {
  db: Db;
  url: string;
  engine: TestEngine;
  replyDeadlineMs?: number;
  wrapTurn?: (run: (i: InboundMessage) => Promise<TurnResult>) => (i: InboundMessage) => Promise<TurnResult>;
  tokenDelayMs?: number;
}): Promise<WechatTestServer> {
  const app = {
    appId: `wx${randomBytes(8).toString('hex')}`,
    secret: randomBytes(16).toString('hex'),
    token: `tk${randomBytes(8).toString('hex')}`,
    aesKey: newAesKey(),
  };
  const sim = await startSimulator({ apps: [app], ...(options.tokenDelayMs ? { tokenDelayMs: options.tokenDelayMs } : {}) });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-wechat-'));
  const secretsKey = randomBytes(32).toString('base64');
  const runTurn = options.wrapTurn ? options.wrapTurn(options.engine.runTurn) : options.engine.runTurn;
  const wechat = makeWechatChannels({
    settings: {
      wechat: { apiBase: sim.base, wecomApiBase: sim.base, secretsKey, replyDeadlineMs: options.replyDeadlineMs ?? 4000 },
      dataDir,
      uploadMaxBytes: 10 * 1024 * 1024,
    },
    db: options.db,
    logger: makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false }),
    runTurn,
  }) as WechatChannels;
  const server = await startChannelServer({ db: options.db, url: options.url, engine: options.engine, routers: () => [wechat.router] });
  const created = await server.channel.sites.create({ name: '微信测试店', allowedOrigins: ['https://wx-shop.example'], locale: 'zh' });
  await wechat.apps.set(created.site.id, 'mp', app.appId, { secret: app.secret, token: app.token, aesKey: app.aesKey });
  return {
    server,
    sim,
    wechat,
    siteId: created.site.id,
    app,
    secretsKey,
    dataDir,
    async stop() {
      await wechat.drain();
      await server.stop();
      await sim.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
