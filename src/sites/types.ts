/** A site: one shop or platform that embeds Weiquan. Nothing crosses from one site to another. */
export type Site = {
  id: string;
  name: string;
  allowedOrigins: string[];
  locale: 'zh' | 'en';
  /** False: this site's conversations never reach the language model (offline understanding and answers). */
  modelEnabled: boolean;
  secretRotatedAt: Date;
  createdAt: Date;
};

/** A site as created or re-keyed: the secret is shown this once and stored only as its hash. */
export type SiteWithSecret = { site: Site; secret: string };
