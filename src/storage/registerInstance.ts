import type { Queryable } from './db.js';

export type InstanceInfo = { id: string; hostname: string; pid: number; version: string };

export async function registerInstance(db: Queryable, info: InstanceInfo): Promise<void> {
  await db.query('insert into service_instances (id, hostname, pid, version) values ($1, $2, $3, $4)', [info.id, info.hostname, info.pid, info.version]);
}

export async function markInstanceStopped(db: Queryable, id: string): Promise<void> {
  await db.query('update service_instances set stopped_at = now() where id = $1', [id]);
}
