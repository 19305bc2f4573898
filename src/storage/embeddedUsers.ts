import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Who uses an embedded PostgreSQL: one lease file per process in `<dataDir>.users/`, holding the process's pid and
 * its start time from /proc (so a reused pid is not mistaken for the same process). A live server with a live
 * lease belongs to someone and is never stopped by another process; one whose leases are all dead is an orphan.
 * Decisions about the server (start, attach, take over, stop) are made under a short lock, `<dataDir>.lock`.
 */
export type UserRole = 'service' | 'client';
export type Lease = { pid: number; startTime: string; role: UserRole; command: string };
export type HeldLease = Lease & { file: string };

/** Field 22 of /proc/PID/stat: the start time in clock ticks since boot; undefined when there is no such process. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined; // a zombie has exited; only its entry is left
    return fields[19];
  } catch {
    return undefined;
  }
}

export const isAlive = (pid: number, startTime: string): boolean => processStartTime(pid) === startTime;

const selfStart = () => processStartTime(process.pid) ?? '';
const usersDir = (dataDir: string) => `${dataDir}.users`;

export async function takeLease(dataDir: string, role: UserRole): Promise<HeldLease> {
  await fs.mkdir(usersDir(dataDir), { recursive: true, mode: 0o700 });
  const lease: Lease = { pid: process.pid, startTime: selfStart(), role, command: process.argv.slice(1).join(' ').slice(0, 200) };
  const file = path.join(usersDir(dataDir), `${process.pid}-${randomBytes(4).toString('hex')}.json`);
  await fs.writeFile(file, JSON.stringify(lease), { mode: 0o600 });
  return { ...lease, file };
}

export function dropLease(lease: HeldLease): void {
  rmSync(lease.file, { force: true });
}

/** The live leases (dead ones are removed on the way); synchronous, so the exit handler can use it too. */
export function liveLeases(dataDir: string, except?: HeldLease): Lease[] {
  const dir = usersDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const live: Lease[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (file === except?.file) continue;
    let lease: Lease | undefined;
    try {
      lease = JSON.parse(readFileSync(file, 'utf8')) as Lease;
    } catch {
      lease = undefined;
    }
    if (lease && Number.isInteger(lease.pid) && isAlive(lease.pid, lease.startTime)) live.push(lease);
    else rmSync(file, { force: true });
  }
  return live;
}

/**
 * A lock held while one process decides about the server. `open(…, 'wx')` is atomic; a lock whose holder has
 * died (kill -9 in the middle of a start) is broken. Waits for a live holder, which holds it for seconds at most.
 */
export async function withLock<T>(dataDir: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const file = `${dataDir}.lock`;
  const me = `${process.pid} ${selfStart()}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fs.writeFile(file, me, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await fs.readFile(file, 'utf8').catch(() => '');
    const [pid, startTime] = holder.split(' ');
    // An empty lock is one being written this instant, or left by a holder killed right after creating it.
    const abandoned = holder
      ? !isAlive(Number(pid), startTime ?? '')
      : await fs.stat(file).then(
          (s) => Date.now() - s.mtimeMs > 5000,
          () => false,
        );
    if (abandoned) {
      await fs.rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${file} is held by process ${pid} for more than ${timeoutMs} ms; if no Weiquan process runs, remove it`);
    await new Promise<void>((resolve) => setTimeout(resolve, 50));
  }
  try {
    return await fn();
  } finally {
    await fs.rm(file, { force: true });
  }
}
