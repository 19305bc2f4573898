import fs from 'node:fs/promises';

// Linux clock ticks (USER_HZ) are 100 a second.
const MS_PER_TICK = 10;

/** CPU time of this process's main thread (the server), from /proc; 0 where there is no /proc. */
export async function threadCpuMs(): Promise<number> {
  const text = await fs.readFile(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').catch(() => '');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return fields.length > 13 ? (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK : 0;
}

/** CPU time of the processes this one started (the embedded PostgreSQL and its backends), from /proc. */
export async function descendantsCpuMs(): Promise<number> {
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of await fs.readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    if (fields.length > 13) procs.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  const descends = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid, hops = 0; p !== undefined && hops < 5; p = procs.get(p)?.ppid, hops++) if (p === process.pid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, p] of procs) if (pid !== process.pid && descends(pid)) ticks += p.ticks;
  return ticks * MS_PER_TICK;
}
