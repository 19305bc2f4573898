import path from 'node:path';
import {
  makeAccessTokens,
  makeOfficialAccount,
  makeSecretBox,
  makeWechatApi,
  makeWechatApps,
  parseSecretKeys,
  XML_MAX_BYTES,
  type AccessTokens,
  type OfficialAccount,
  type WechatApps,
} from './channels/wechat/index.js';
import type { Config } from './config.js';
import type { InboundMessage, TurnResult } from './engine/types.js';
import type { Logger } from './logger.js';
import { wechatRouter } from './server/routes/wechat.js';
import type { Db } from './storage/index.js';

export type WechatChannels = {
  apps: WechatApps;
  tokens: AccessTokens;
  officialAccount: OfficialAccount;
  router: ReturnType<typeof wechatRouter>;
  /** Waits for replies still owed to WeChat (customer-service messages after a late turn). */
  drain(): Promise<void>;
};

/**
 * The WeChat channels (公众号 and 企业微信 微信客服) over the engine, or only their router answering
 * 503 NOT_CONFIGURED when WECHAT_SECRETS_KEY is unset.
 */
export function makeWechatChannels(deps: {
  settings: Pick<Config, 'wechat' | 'dataDir' | 'uploadMaxBytes'>;
  db: Db;
  logger: Logger;
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  fetch?: typeof fetch;
  now?: () => number;
}): WechatChannels | { router: ReturnType<typeof wechatRouter>; apps?: undefined; drain?: undefined } {
  const { wechat } = deps.settings;
  if (!wechat.secretsKey) return { router: wechatRouter({ officialAccount: undefined, wecom: undefined, maxBytes: XML_MAX_BYTES }) };
  const box = makeSecretBox(parseSecretKeys(wechat.secretsKey));
  const apps = makeWechatApps({ db: deps.db, box, ...(deps.now ? { now: deps.now } : {}) });
  const api = makeWechatApi({ wechatBase: wechat.apiBase, wecomBase: wechat.wecomApiBase, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const tokens = makeAccessTokens({
    db: deps.db,
    box,
    ...(deps.now ? { now: deps.now } : {}),
    fetchToken: async (siteId, kind) => {
      const app = await apps.find(siteId, kind);
      if (!app) throw new Error(`no WeChat app for site ${siteId}`);
      return kind === 'mp' ? api.mpToken(app.appId, app.secrets.secret) : api.wecomToken(app.appId, app.secrets.secret);
    },
  });
  const officialAccount = makeOfficialAccount({
    db: deps.db,
    apps,
    api,
    tokens,
    runTurn: deps.runTurn,
    inTransaction: (fn) => deps.db.inTransaction(fn),
    logger: deps.logger,
    evidenceDir: path.resolve(deps.settings.dataDir, 'evidence'),
    uploadMaxBytes: deps.settings.uploadMaxBytes,
    replyDeadlineMs: wechat.replyDeadlineMs,
    ...(deps.now ? { now: deps.now } : {}),
  });
  return {
    apps,
    tokens,
    officialAccount,
    router: wechatRouter({ officialAccount, wecom: undefined, maxBytes: XML_MAX_BYTES }),
    drain: () => officialAccount.drain(),
  };
}
