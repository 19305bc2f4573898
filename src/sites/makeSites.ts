import type { Db } from '../storage/index.js';
import { hashSiteSecret, looksLikeSiteSecret, newSiteId, newSiteSecret } from './secrets.js';
import {
  insertSite,
  selectAllOrigins,
  selectSite,
  selectSiteBySecretHash,
  selectSiteModel,
  selectSites,
  updateSiteModel,
  updateSiteSecret,
  upsertSiteOrigins,
} from './sql/sites.js';
import type { Site, SiteWithSecret } from './types.js';

export type Sites = {
  create(s: { name: string; allowedOrigins: string[]; locale: 'zh' | 'en'; id?: string; modelEnabled?: boolean }): Promise<SiteWithSecret>;
  list(): Promise<Site[]>;
  find(id: string): Promise<Site | undefined>;
  /** The site a secret belongs to, or undefined for anything else (a token, a typo, a rotated secret). */
  findBySecret(secret: string): Promise<Site | undefined>;
  rotateSecret(id: string): Promise<SiteWithSecret | undefined>;
  /** The `demo` site used by the page `npm start` serves; its origins follow the port. */
  ensureDemo(origins: string[]): Promise<Site>;
  /** Turns the language model on or off for the site's conversations. */
  setModel(id: string, enabled: boolean): Promise<Site | undefined>;
  /**
   * Whether a turn of this site may use the model (cached briefly, like origins). No site (the CLI) is
   * allowed; an unknown site is not (fail closed).
   */
  modelAllowed(id: string | undefined): Promise<boolean>;
  /** Whether any site allows this origin (cached briefly: preflights are frequent and carry no credentials). */
  anyAllows(origin: string): Promise<boolean>;
};

export const DEMO_SITE_ID = 'demo';

// New and changed origins reach preflights within this long on every instance.
const ORIGIN_CACHE_MS = 10_000;

export function makeSites(deps: { db: Db; now?: () => number }): Sites {
  const now = deps.now ?? Date.now;
  let origins: { at: number; set: Set<string> } | undefined;
  // A switched-off site reaches every instance within ORIGIN_CACHE_MS.
  const modelSwitch = new Map<string, { at: number; enabled: boolean }>();
  return {
    async create({ name, allowedOrigins, locale, id, modelEnabled }) {
      const secret = newSiteSecret();
      const site = await insertSite(deps.db, {
        id: id ?? newSiteId(),
        name,
        allowedOrigins,
        locale,
        secretHash: hashSiteSecret(secret),
        ...(modelEnabled === undefined ? {} : { modelEnabled }),
      });
      origins = undefined;
      return { site, secret };
    },
    list: () => selectSites(deps.db),
    find: (id) => selectSite(deps.db, id),
    async findBySecret(secret) {
      if (!looksLikeSiteSecret(secret)) return undefined;
      return selectSiteBySecretHash(deps.db, hashSiteSecret(secret));
    },
    async rotateSecret(id) {
      const secret = newSiteSecret();
      const site = await updateSiteSecret(deps.db, id, hashSiteSecret(secret));
      return site ? { site, secret } : undefined;
    },
    async ensureDemo(allowedOrigins) {
      // The demo site's secret is never shown: the demo page gets its tokens through the widget endpoint.
      const site = await upsertSiteOrigins(deps.db, {
        id: DEMO_SITE_ID,
        name: 'Demo shop 演示商城',
        allowedOrigins,
        locale: 'zh',
        secretHash: hashSiteSecret(newSiteSecret()),
      });
      origins = undefined;
      return site;
    },
    async setModel(id, enabled) {
      const site = await updateSiteModel(deps.db, id, enabled);
      modelSwitch.delete(id);
      return site;
    },
    async modelAllowed(id) {
      if (id === undefined) return true;
      const cached = modelSwitch.get(id);
      if (cached && now() - cached.at <= ORIGIN_CACHE_MS) return cached.enabled;
      const enabled = (await selectSiteModel(deps.db, id)) ?? false;
      modelSwitch.set(id, { at: now(), enabled });
      return enabled;
    },
    async anyAllows(origin) {
      if (!origins || now() - origins.at > ORIGIN_CACHE_MS) origins = { at: now(), set: new Set(await selectAllOrigins(deps.db)) };
      return origins.set.has(origin);
    },
  };
}
