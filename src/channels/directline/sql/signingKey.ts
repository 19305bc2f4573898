import { randomBytes } from 'node:crypto';
import type { Sql } from './sql.js';

/**
 * The token signing key every instance shares: the first instance to start creates key 1, the
 * others (even one starting at the same moment) find it there. Two statements, so the read sees
 * the row whichever instance's insert won.
 */
export async function loadSigningKey(db: Sql): Promise<Buffer> {
  await db.query(`insert into channel_signing_keys (id, secret) values (1, $1) on conflict (id) do nothing`, [randomBytes(32)]);
  const result = await db.query<{ secret: Buffer }>(`select secret from channel_signing_keys order by id limit 1`);
  const row = result.rows[0];
  if (!row) throw new Error('no token signing key could be created');
  return row.secret;
}
