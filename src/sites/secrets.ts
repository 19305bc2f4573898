import { createHash, randomBytes } from 'node:crypto';

// Secrets carry a recognisable prefix so a leaked one is easy to spot in code or logs.
const SECRET_PREFIX = 'wqs_';

export function newSiteSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function newSiteId(): string {
  return `site_${randomBytes(6).toString('hex')}`;
}

export function looksLikeSiteSecret(value: string): boolean {
  return value.startsWith(SECRET_PREFIX) && value.length > SECRET_PREFIX.length + 20;
}

/** 256 random bits need no stretching: a plain SHA-256 is enough to keep the secret out of the database. */
export function hashSiteSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
