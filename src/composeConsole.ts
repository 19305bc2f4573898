import type { PersonalSeal } from './cases/crypto/sealPersonal.js';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Agent } from './agents/sql/agentStore.js';
import { agentForSession, createSession, endSession, findAgentForSignIn } from './agents/sql/agentStore.js';
import { verifyPassword } from './agents/password.js';
import type { ActivityStream } from './channels/directline/activityStream.js';
import { makeDirectLineDelivery, type DirectLineDelivery } from './channels/directline/delivery.js';
import type { ActivityLog } from './channels/directline/activityLog.js';
import type { Cases } from './cases/makeCases.js';
import type { Config } from './config.js';
import type { InboundMessage, TurnResult } from './engine/types.js';
import { makeHandoff, type Handoff } from './handoff/makeHandoff.js';
import { clearPresence, refreshPresence, selectConversationHead, writePresence } from './handoff/sql/handoffStore.js';
import type { Logger } from './logger.js';
import { CONSOLE_STREAM_PATH, makeConsoleStream } from './server/consoleStream.js';
import { consoleRouter } from './server/routes/console.js';
import type { Db } from './storage/index.js';

// Signing in to an unknown login still spends one hash, so timing does not tell which logins exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Human handoff and the agent console: the handoff service over the engine and the channels, the
 * console API, its WebSocket, and the sweeper that tells consumers when nobody is free.
 */
export function makeAgentConsole(deps: {
  settings: Pick<Config, 'dataDir' | 'handoffTimeoutSeconds' | 'agentSessionMs'> & { offlineGraceSeconds?: number };
  /** This instance, for the agents' presence; a fresh id when not given. */
  instanceId?: string;
  db: Db;
  logger: Logger;
  cases: Cases;
  seal: PersonalSeal;
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  directLine: { log: ActivityLog; stream: ActivityStream; pubsub: { subscribe(channel: string, handler: (payload: string) => void): Promise<unknown> } };
}): {
  handoff: Handoff;
  routers: ReturnType<typeof consoleRouter>[];
  upgrades: Record<string, (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>>;
  start(): Promise<void>;
  close(): Promise<void>;
} {
  const { db, logger } = deps;
  const directLineDelivery: DirectLineDelivery = makeDirectLineDelivery({ log: deps.directLine.log });
  const handoff = makeHandoff({
    db,
    runTurn: deps.runTurn,
    cases: deps.cases,
    seal: deps.seal,
    deliveryFor: (channel) => (channel === 'directline' ? directLineDelivery : undefined),
    deliverableChannels: ['directline'],
    logger,
    timeoutSeconds: deps.settings.handoffTimeoutSeconds,
    // Nobody of the site has the console open: say so after a short grace, not the whole timeout.
    offlineGraceSeconds: deps.settings.offlineGraceSeconds ?? Math.min(15, deps.settings.handoffTimeoutSeconds),
  });
  const instanceId = deps.instanceId ?? randomUUID();
  const stream = makeConsoleStream({
    agentForSession: (token) => agentForSession(db, token),
    canSee: async (agent: Agent, id: string) => (await selectConversationHead(db, agent.sites, id)) !== undefined,
    activities: deps.directLine.stream,
    subscribe: deps.directLine.pubsub.subscribe,
    presence: {
      write: (agent, connections) => writePresence(db, instanceId, agent, connections),
      refresh: () => refreshPresence(db, instanceId),
      clear: () => clearPresence(db, instanceId),
    },
    logger,
  });
  let sweeper: NodeJS.Timeout | undefined;
  return {
    handoff,
    routers: [
      consoleRouter({
        handoff,
        async signIn(login, password) {
          const found = await findAgentForSignIn(db, login);
          const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
          if (!found || !ok) return undefined;
          const { passwordHash: _hash, ...agent } = found;
          return agent;
        },
        createSession: (agentId) => createSession(db, agentId, deps.settings.agentSessionMs),
        agentForSession: (token) => agentForSession(db, token),
        endSession: (token) => endSession(db, token),
        dataDir: deps.settings.dataDir,
      }),
    ],
    upgrades: { [CONSOLE_STREAM_PATH]: (req, socket, head) => stream.handleUpgrade(req, socket, head) },
    async start() {
      await stream.start();
      // Every instance sweeps; the sweep claims each timed-out wait in one statement, so a consumer is told once.
      const interval = Math.min(15_000, Math.max(1000, (deps.settings.handoffTimeoutSeconds * 1000) / 4));
      sweeper = setInterval(() => {
        handoff.sweepTimeouts().catch((error: unknown) => logger.warn({ err: error }, 'handoff.sweep_failed'));
      }, interval);
      sweeper.unref();
    },
    async close() {
      if (sweeper) clearInterval(sweeper);
      await stream.close();
    },
  };
}
