import { testSeal } from './testSeal.js';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeCases } from '../../src/cases/makeCases.js';
import { makeDirectLineChannel } from '../../src/compose.js';
import { makeAgentConsole } from '../../src/composeConsole.js';
import { makeLogger } from '../../src/logger.js';
import { makeApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import type { Db } from '../../src/storage/index.js';
import { expect } from 'vitest';
import type { TestEngine } from './engine.js';
import { readJson } from './http.js';

export type ConsoleServer = {
  base: string;
  channel: Awaited<ReturnType<typeof makeDirectLineChannel>>;
  agentConsole: ReturnType<typeof makeAgentConsole>;
  stop(): Promise<void>;
};

/**
 * One service instance as src/main.ts wires it for handoff: Direct Line, the agent console (API,
 * WebSocket, sweeper) and the engine, on a real HTTP server over a test database. Start two on one
 * database to test what crosses instances.
 */
export async function startConsoleServer(options: {
  db: Db;
  url: string;
  engine: TestEngine;
  handoffTimeoutSeconds?: number;
  offlineGraceSeconds?: number;
}): Promise<ConsoleServer> {
  const logger = makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-console-'));
  const channel = await makeDirectLineChannel({
    seal: testSeal,
    settings: { dataDir, uploadMaxBytes: 1024 * 1024, webchatTokenRatePerMinute: 1000, demoSite: false, port: 0 },
    logger,
    database: { db: options.db, url: options.url },
    runTurn: options.engine.runTurn,
  });
  const agentConsole = makeAgentConsole({
    seal: testSeal,
    // Tests sign agents in through the API without opening the console: no "nobody online" notices unless asked for.
    settings: {
      dataDir,
      handoffTimeoutSeconds: options.handoffTimeoutSeconds ?? 3600,
      agentSessionMs: 3_600_000,
      offlineGraceSeconds: options.offlineGraceSeconds ?? 3600,
    },
    db: options.db,
    logger,
    cases: makeCases({ db: options.db, seal: testSeal }),
    runTurn: options.engine.runTurn,
    directLine: channel,
  });
  await agentConsole.start();
  const app = makeApp({
    logger,
    bodyLimit: '100kb',
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: {} }),
    poolStats: () => options.db.stats(),
    isShuttingDown: () => false,
    routers: [...channel.routers, ...agentConsole.routers],
    early: channel.early,
  });
  const http = await listen(app, 0, '127.0.0.1');
  channel.attach(http.server, agentConsole.upgrades);
  return {
    base: `http://127.0.0.1:${http.port}`,
    channel,
    agentConsole,
    async stop() {
      await agentConsole.close();
      await channel.close();
      await http.close(500);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type ConsumerActivity = {
  id: string;
  type: string;
  from: { id: string; name?: string; role?: string };
  text?: string;
  channelData?: { weiquan?: { stage?: string; caseNo?: string } };
};

/** A consumer on Direct Line over plain HTTP (token from the site secret), reading what the service sends. */
export async function directLineConsumer(base: string, secret: string) {
  const gen = await readJson(await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } }));
  const auth = { Authorization: `Bearer ${gen.token}` };
  await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth });
  let watermark = '';
  let n = 0;
  const id: string = gen.conversationId;
  return {
    id,
    token: gen.token as string,
    async say(text: string, activityId = `m${++n}-${Math.random().toString(36).slice(2, 8)}`): Promise<ConsumerActivity[]> {
      const res = await fetch(`${base}/v3/directline/conversations/${id}/activities`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', id: activityId, from: { id: 'shopper' }, text }),
      });
      expect(res.status).toBe(200);
      return this.read();
    },
    /** What arrived since the last read, without typing indicators or the consumer's own echo. */
    async read(): Promise<ConsumerActivity[]> {
      const page = await readJson(await fetch(`${base}/v3/directline/conversations/${id}/activities?watermark=${watermark}`, { headers: auth }));
      watermark = page.watermark;
      return (page.activities as ConsumerActivity[]).filter((a) => a.type === 'message' && a.from.role !== 'user');
    },
  };
}

/** An agent signed in to the console API with a session cookie. */
export async function consoleAgent(base: string, password: string, login: string) {
  const res = await fetch(`${base}/console/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-weiquan-console': '1' },
    body: JSON.stringify({ login, password }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${base}/console/api${p}`, {
      ...init,
      headers: {
        cookie,
        'x-weiquan-console': '1',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  return {
    cookie,
    api,
    post: (p: string, body: unknown = {}) => api(p, { method: 'POST', body: JSON.stringify(body) }),
    queue: async () => readJson(await api('/queue')),
  };
}
