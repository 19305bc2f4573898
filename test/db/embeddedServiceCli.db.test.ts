import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processStartTime } from '../../src/storage/embeddedUsers.js';
import { embeddedEnv, node, run, type Watched } from '../helpers/processes.js';

/**
 * Issue 15: with `npm start` serving on the embedded database, the admin, kb and chat CLIs must use that
 * server and leave it running; a second `npm start` must say so and exit; once the service is killed -9,
 * a CLI takes the orphaned server over. The real entry points, as processes.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});
const isAlive = (pid: number) => processStartTime(pid) !== undefined;

describe('the CLIs and a running service share one embedded database', () => {
  it('admin, kb and chat run against the live service without disturbing it; a second service is refused; an orphan is taken over', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-svc-cli-'));
    await fs.chmod(dataDir, 0o755);
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const env = embeddedEnv(dataDir, { PORT: '0', HOST: '127.0.0.1', KB_INGEST_ON_START: 'false', LOG_LEVEL: 'info', NODE_ENV: 'test' });

    const service: Watched = node('src/main.ts', [], { env });
    cleanups.push(async () => {
      if (service.child.exitCode === null && service.child.signalCode === null) {
        service.child.kill('SIGTERM');
        await service.exited;
      }
    });
    const started = JSON.parse(await service.line(/"msg":"db.embedded_started"/)) as { pid: number };
    const { url } = JSON.parse(await service.line(/"msg":"http.listening"/)) as { url: string };
    await service.line(/"msg":"knowledge.ready"/);
    const readyz = async () => (await fetch(`${url.replace('localhost', '127.0.0.1')}/readyz`)).status;
    expect(await readyz()).toBe(200);

    const admin = await run('src/adminMain.ts', ['sites', 'list'], { env });
    expect(admin.output).not.toMatch(/orphan/);
    expect(admin.code).toBe(0);
    expect(admin.output).toMatch(/demo/);
    const kb = await run('src/kbMain.ts', ['answer', '七天无理由退货'], { env });
    expect(kb.code).toBe(0);
    const chat = await run('src/chatMain.ts', ['--jsonl'], { env });
    expect(chat.code).toBe(0);
    expect(chat.output).toMatch(/"activities"/);
    expect(isAlive(started.pid)).toBe(true);
    expect(await readyz()).toBe(200);

    const second = await run('src/main.ts', [], { env });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/another Weiquan service \(pid \d+\) is already running/);
    expect(await readyz()).toBe(200);

    service.child.kill('SIGKILL');
    await service.exited;
    expect(isAlive(started.pid)).toBe(true);
    const takeover = await run('src/adminMain.ts', ['sites', 'list'], { env });
    expect(takeover.code).toBe(0);
    expect(takeover.output).toMatch(/db.embedded_orphan_stopping/);
    expect(isAlive(started.pid)).toBe(false);
    // The admin CLI started a server of its own for the run and stopped it at the end.
    await expect(fs.access(path.join(dataDir, 'postgres', 'postmaster.pid'))).rejects.toThrow();
  }, 240_000);
});
