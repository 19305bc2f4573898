import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../storage/index.js';

export type AgentRole = 'agent' | 'supervisor';

/** An agent as the console and the authorization checks see it: never the password hash. */
export type Agent = { id: string; login: string; displayName: string; siteId: string; role: AgentRole; sites: string[] };

export type NewAgent = { login: string; displayName: string; siteId: string; role: AgentRole; passwordHash: string; grants?: string[] };

export async function createAgent(db: Queryable, agent: NewAgent): Promise<Agent> {
  const id = `agt_${randomBytes(6).toString('hex')}`;
  const login = agent.login.toLowerCase();
  await db.query(
    `with inserted as (
       insert into agents (id, login, display_name, site_id, role, password_hash) values ($1, $2, $3, $4, $5, $6) returning id
     )
     insert into agent_site_grants (agent_id, site_id) select i.id, s from inserted i, unnest($7::text[]) s`,
    [id, login, agent.displayName, agent.siteId, agent.role, agent.passwordHash, agent.grants ?? []],
  );
  return { id, login, displayName: agent.displayName, siteId: agent.siteId, role: agent.role, sites: [...new Set([agent.siteId, ...(agent.grants ?? [])])] };
}

const AGENT_COLUMNS = `a.id, a.login, a.display_name as "displayName", a.site_id as "siteId", a.role,
  array(select a.site_id union select g.site_id from agent_site_grants g where g.agent_id = a.id and a.role = 'supervisor') as sites`;

/** The stored hash for a sign-in attempt, or undefined for an unknown or disabled login. */
export async function findAgentForSignIn(db: Queryable, login: string): Promise<(Agent & { passwordHash: string }) | undefined> {
  const result = await db.query<Agent & { passwordHash: string }>(
    `select ${AGENT_COLUMNS}, a.password_hash as "passwordHash" from agents a where a.login = $1 and a.disabled_at is null`,
    [login.toLowerCase()],
  );
  return result.rows[0];
}

export async function listAgents(db: Queryable, siteId?: string): Promise<Agent[]> {
  const result = await db.query<Agent>(
    `select ${AGENT_COLUMNS} from agents a where a.disabled_at is null and ($1::text is null or a.site_id = $1) order by a.login`,
    [siteId ?? null],
  );
  return result.rows;
}

export async function setAgentPassword(db: Queryable, login: string, passwordHash: string): Promise<boolean> {
  const result = await db.query('update agents set password_hash = $2 where login = $1 and disabled_at is null', [login.toLowerCase(), passwordHash]);
  return (result.rowCount ?? 0) > 0;
}

/** Disabling an agent also ends every session they have. False for an unknown login. */
export async function disableAgent(db: Queryable, login: string): Promise<boolean> {
  const result = await db.query<{ n: number }>(
    `with disabled as (update agents set disabled_at = coalesce(disabled_at, now()) where login = $1 returning id),
     ended as (delete from agent_sessions where agent_id in (select id from disabled))
     select count(*)::int as n from disabled`,
    [login.toLowerCase()],
  );
  return (result.rows[0]?.n ?? 0) > 0;
}

const hashToken = (token: string): string => createHash('sha256').update(`weiquan:session:${token}`).digest('hex');

/** A new session: the token goes to the browser in an HttpOnly cookie; only its hash is stored. */
export async function createSession(db: Queryable, agentId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.query(
    `with cleaned as (delete from agent_sessions where expires_at < now())
     insert into agent_sessions (token_hash, agent_id, expires_at) values ($1, $2, $3)`,
    [hashToken(token), agentId, expiresAt],
  );
  return { token, expiresAt };
}

/** The signed-in agent for a session token; undefined when unknown, expired or the agent is disabled. */
export async function agentForSession(db: Queryable, token: string): Promise<Agent | undefined> {
  const result = await db.query<Agent>(
    `select ${AGENT_COLUMNS}
       from agent_sessions s join agents a on a.id = s.agent_id
      where s.token_hash = $1 and s.expires_at > now() and a.disabled_at is null`,
    [hashToken(token)],
    'agent_for_session',
  );
  return result.rows[0];
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.query('delete from agent_sessions where token_hash = $1', [hashToken(token)]);
}
