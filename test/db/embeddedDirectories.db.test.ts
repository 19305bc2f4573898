import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startOwnServer } from '../helpers/ownServer.js';
import { watch } from '../helpers/processes.js';

/**
 * `npm start` from wherever a newcomer cloned the repository: a private folder (mktemp -d is mode 700, so is
 * /root), a path with spaces, a path in Chinese; as root (the server itself then runs as the postgres user)
 * and as a normal user; with the data still there after a restart.
 */
const asRoot = process.getuid?.() === 0;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function privateFolder(): Promise<string> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-dirs-'));
  cleanups.push(async () => {
    const cluster = await fs.readlink(path.join(tmp, 'postgres')).catch(() => undefined);
    if (cluster) await fs.rm(cluster, { recursive: true, force: true });
    await fs.rm(tmp, { recursive: true, force: true });
  });
  return tmp;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL starts from any directory', () => {
  it.each([
    ['a private (mode 700) folder', '.data'],
    ['a path with spaces', 'my shop/.data'],
    ['a path in Chinese', '维权 助手/数据'],
  ])(`from %s, as the current user (${asRoot ? 'root' : 'not root'}), keeping data across restarts`, async (_label, below) => {
    const tmp = await privateFolder();
    // DATA_DIR/postgres as openDatabase makes it; the link test below looks for tmp/postgres when DATA_DIR is tmp.
    const dataDir = path.join(tmp, below, 'postgres');
    cleanups.push(async () => {
      const cluster = await fs.readlink(dataDir).catch(() => undefined);
      if (cluster) await fs.rm(cluster, { recursive: true, force: true });
    });
    const first = await startOwnServer(dataDir);
    await query(first.url, `create table kept (note text); insert into kept values ('写在重启之前')`);
    await first.stop();
    const second = await startOwnServer(dataDir);
    expect(await query(second.url, 'select note from kept')).toEqual([{ note: '写在重启之前' }]);
    await second.stop();

    // Nothing was loosened to get there.
    expect((await fs.stat(tmp)).mode & 0o777).toBe(0o700);
    // As root the postgres user cannot enter the private folder: the cluster lives in a folder it owns, linked from DATA_DIR.
    expect((await fs.lstat(dataDir)).isSymbolicLink()).toBe(asRoot);
  });

  it.runIf(asRoot)(
    'as a normal user, from a private folder in Chinese with spaces, keeping data across restarts',
    async () => {
      const tmp = await privateFolder();
      const nobody = { uid: 65534, gid: 65534 };
      await fs.chown(tmp, nobody.uid, nobody.gid);
      const dataDir = path.join(tmp, '维权 助手', '.data', 'postgres');
      const asNobody = async (sql: string): Promise<{ rows: unknown[]; attached: boolean }> => {
        const child = watch('runuser', ['-u', 'nobody', '--', process.execPath, '--import', 'tsx', 'test/helpers/embeddedChild.ts', dataDir, 'client'], {
          env: { ...process.env, HOME: tmp, EMBEDDED_CHILD_SQL: sql },
        });
        const line = await child.line(/^\{"url"/);
        child.child.stdin?.end();
        await child.line(/^stopped$/);
        expect(await child.exited).toBe(0);
        return JSON.parse(line) as { rows: unknown[]; attached: boolean };
      };
      await asNobody(`create table kept (note text); insert into kept values ('普通用户')`);
      expect((await asNobody('select note from kept')).rows).toEqual([{ note: '普通用户' }]);
      expect((await fs.stat(tmp)).mode & 0o777).toBe(0o700);
      // A normal user owns its folders: the cluster stays where DATA_DIR says.
      expect((await fs.lstat(dataDir)).isDirectory()).toBe(true);
    },
    120_000,
  );
});
