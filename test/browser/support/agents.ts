import { createAgent, type Agent } from '../../../src/agents/sql/agentStore.js';
import { hashPassword } from '../../../src/agents/password.js';
import type { Queryable } from '../../../src/storage/index.js';

/** An agent account on `siteId`, made with the same store functions the admin CLI uses. */
export async function createTestAgent(
  db: Queryable,
  { login, displayName, siteId = 'demo', password }: { login: string; displayName: string; siteId?: string; password: string },
): Promise<Agent> {
  return createAgent(db, { login, displayName, siteId, role: 'agent', passwordHash: await hashPassword(password) });
}
