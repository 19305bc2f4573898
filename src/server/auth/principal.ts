import type { Request } from 'express';
import { AppError } from '../../errors.js';

/**
 * Who is calling an operator endpoint: an API key of one site, or a signed-in agent (their site,
 * plus the sites a supervisor is granted). Every case query is filtered by `sites`, so a caller of
 * another site finds nothing (404), never someone else's data.
 */
export type Principal = { kind: 'key' | 'agent'; id: string; sites: string[]; canWrite: boolean; actor: string };

export type Authenticate = (req: Request) => Promise<Principal | undefined>;

export const SESSION_COOKIE = 'wq_console';

/** The value of one cookie, without a cookie-parser dependency. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A malformed escape (`%E0%A4%A`) is no session of ours: treated as no cookie, never a 500.
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export async function requirePrincipal(authenticate: Authenticate, req: Request, write = false): Promise<Principal> {
  const principal = await authenticate(req);
  if (!principal) throw new AppError('UNAUTHORIZED', 'Sign in to the console or send an API key: Authorization: Bearer wqk_…');
  if (write && !principal.canWrite) throw new AppError('FORBIDDEN', 'This API key is read-only.');
  return principal;
}

export type AuthenticateDeps = {
  apiKey(key: string): Promise<{ id: string; siteId: string; scope: 'read' | 'read_write' } | undefined>;
  session(token: string): Promise<{ id: string; sites: string[] } | undefined>;
};

/** An API key in `Authorization: Bearer`, else the console's session cookie. */
export function makeAuthenticate(deps: AuthenticateDeps): Authenticate {
  return async (req) => {
    const bearer = bearerToken(req);
    if (bearer) {
      const key = await deps.apiKey(bearer);
      return key && { kind: 'key', id: key.id, sites: [key.siteId], canWrite: key.scope === 'read_write', actor: `key:${key.id}` };
    }
    const token = readCookie(req, SESSION_COOKIE);
    if (!token) return undefined;
    const agent = await deps.session(token);
    return agent && { kind: 'agent', id: agent.id, sites: agent.sites, canWrite: true, actor: `agent:${agent.id}` };
  };
}
