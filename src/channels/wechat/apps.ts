import { z } from 'zod';
import { isEncodingAesKey } from './crypto.js';
import type { SecretBox } from './secretBox.js';
import { selectApp, upsertApp, type AppKind } from './sql/apps.js';
import type { Sql } from './sql/sql.js';

/** What is sealed for a site's app: the API secret and the callback's token and EncodingAESKey. */
export const AppSecrets = z.object({
  secret: z.string().min(1).max(200),
  token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'the token is 3–32 letters or digits (WeChat’s rule)'),
  aesKey: z.string().refine(isEncodingAesKey, 'the EncodingAESKey is 43 letters and digits'),
});
export type AppSecrets = z.infer<typeof AppSecrets>;

export type WechatApp = {
  siteId: string;
  kind: AppKind;
  /** 公众号 AppID, or 企业微信 CorpID. */
  appId: string;
  secrets: AppSecrets;
  /** Credentials replaced by the last change, still accepted for callbacks for a while. */
  previous?: AppSecrets;
};

/** After a change, callbacks signed with the old token or key are accepted this long (the WeChat console is changed by hand). */
export const ROTATION_GRACE_SECONDS = 24 * 3600;

const CACHE_MS = 30_000;

/** Sites' WeChat apps, sealed at rest; read through a short cache (a change reaches every instance within 30 s). */
export function makeWechatApps(deps: { db: Sql; box: SecretBox; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const context = (siteId: string, kind: AppKind, which: 'current' | 'previous') => `wechat_apps:${siteId}:${kind}:${which}`;
  const cache = new Map<string, { app: WechatApp | undefined; at: number }>();
  return {
    async find(siteId: string, kind: AppKind): Promise<WechatApp | undefined> {
      const key = `${siteId}:${kind}`;
      const hit = cache.get(key);
      if (hit && now() - hit.at < CACHE_MS) return hit.app;
      const row = await selectApp(deps.db, siteId, kind);
      const app: WechatApp | undefined = row
        ? {
            siteId,
            kind,
            appId: row.appId,
            secrets: AppSecrets.parse(JSON.parse(deps.box.open(row.sealed, context(siteId, kind, 'current')))),
            ...(row.previousSealed && row.previousUntil && row.previousUntil.getTime() > now()
              ? { previous: AppSecrets.parse(JSON.parse(deps.box.open(row.previousSealed, context(siteId, kind, 'previous')))) }
              : {}),
          }
        : undefined;
      cache.set(key, { app, at: now() });
      return app;
    },
    /** Sets (or changes) a site's app; the replaced credentials stay valid for callbacks for ROTATION_GRACE_SECONDS. */
    async set(siteId: string, kind: AppKind, appId: string, secrets: AppSecrets): Promise<void> {
      const old = await selectApp(deps.db, siteId, kind);
      const sealed = deps.box.seal(JSON.stringify(AppSecrets.parse(secrets)), context(siteId, kind, 'current'));
      // The replaced credentials are re-sealed for their new place (the context binds a sealed value to its column).
      const previousSealed = old ? deps.box.seal(deps.box.open(old.sealed, context(siteId, kind, 'current')), context(siteId, kind, 'previous')) : null;
      await upsertApp(deps.db, { siteId, kind, appId, sealed, previousSealed, graceSeconds: ROTATION_GRACE_SECONDS });
      cache.delete(`${siteId}:${kind}`);
    },
  };
}

export type WechatApps = ReturnType<typeof makeWechatApps>;
