import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { Logger } from '../logger.js';

const execFileAsync = promisify(execFile);

export const Credentials = z.object({ user: z.string(), password: z.string() });
export type Credentials = z.infer<typeof Credentials>;

export type Owner = { uid?: number; gid?: number };

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user, creating it if needed. */
export async function postgresOwner(logger: Logger): Promise<Owner> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([execFileAsync('id', ['-u', 'postgres']), execFileAsync('id', ['-g', 'postgres'])]);
    return { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
  };
  try {
    return await ids();
  } catch {
    logger.info('db.embedded_creating_postgres_user');
    await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await execFileAsync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return ids();
  }
}

/**
 * Where the cluster's files live. Normally `dataDir` itself. As root, the server runs as the `postgres` user,
 * which must be able to traverse every folder above the cluster; a checkout in a private folder (a
 * `mktemp -d` clone is mode 700, so is /root) does not let it. We do not loosen those folders (o+x on a
 * private folder would open it to every user on the machine, and there is no setfacl on a bare image to grant
 * the one user): the cluster is kept in a folder the postgres user owns, `/var/lib/weiquan/clusters/<random>`,
 * and `dataDir` becomes a symlink to it, so it moves with DATA_DIR and persists across restarts.
 */
const RELOCATED_ROOT = '/var/lib/weiquan/clusters';

export async function placeCluster(dataDir: string, owner: Owner, logger: Logger): Promise<string> {
  const stat = await fs.lstat(dataDir).catch(() => undefined);
  if (stat?.isSymbolicLink()) {
    const target = path.resolve(path.dirname(dataDir), await fs.readlink(dataDir));
    if (!(await exists(target))) throw new Error(`${dataDir} points to ${target}, which is gone: remove the link to start with an empty database`);
    return target;
  }
  if (stat || owner.uid === undefined || (await reachable(path.dirname(dataDir), owner))) return dataDir;
  const target = path.join(RELOCATED_ROOT, randomBytes(8).toString('hex'));
  await fs.mkdir(RELOCATED_ROOT, { recursive: true, mode: 0o755 });
  await fs.mkdir(target, { mode: 0o700 });
  await fs.chown(target, owner.uid, owner.gid ?? owner.uid);
  await fs.symlink(target, dataDir);
  logger.warn(
    {
      dataDir,
      cluster: target,
      reason: `the postgres user cannot reach ${path.dirname(dataDir)} (a parent folder is private); its permissions are left as they are`,
    },
    'db.embedded_cluster_relocated',
  );
  return target;
}

/** Can the postgres user traverse to `dir`? Asked as that user, exactly as the server will run. */
async function reachable(dir: string, owner: Owner): Promise<boolean> {
  return execFileAsync('test', ['-x', dir], { ...owner }).then(
    () => true,
    () => false,
  );
}

export async function ensureCluster(dataDir: string, clusterDir: string, initdb: string, owner: Owner, logger: Logger): Promise<Credentials> {
  const credentialsFile = `${dataDir}.credentials.json`;
  const initialised = await exists(path.join(clusterDir, 'PG_VERSION'));
  if (initialised) {
    return Credentials.parse(JSON.parse(await fs.readFile(credentialsFile, 'utf8')));
  }
  const leftover = await fs.readdir(clusterDir).catch(() => undefined);
  if (leftover && leftover.length > 0) {
    // initdb was interrupted last time: keep what is there for inspection, start clean.
    const aside = `${clusterDir}.incomplete-${Date.now()}`;
    await fs.rename(clusterDir, aside);
    logger.warn({ aside }, 'db.embedded_incomplete_cluster_moved');
  }
  await fs.mkdir(clusterDir, { mode: 0o700, recursive: true });
  if (owner.uid !== undefined && owner.gid !== undefined) await fs.chown(clusterDir, owner.uid, owner.gid);
  const credentials = { user: 'weiquan', password: randomBytes(18).toString('base64url') };
  const pwFile = path.join(os.tmpdir(), `weiquan-pg-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwFile, `${credentials.password}\n`, { mode: 0o600 });
  if (owner.uid !== undefined && owner.gid !== undefined) await fs.chown(pwFile, owner.uid, owner.gid);
  const started = Date.now();
  try {
    await execFileAsync(
      initdb,
      [
        '-D',
        clusterDir,
        '-U',
        credentials.user,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        // C.UTF-8 as on Debian's clusters in CI: byte-order collation, Unicode character classes.
        `--locale=${(await hostHasLocale('C.UTF-8')) ? 'C.UTF-8' : 'C'}`,
        '--no-sync',
      ],
      { ...owner },
    );
  } catch (error) {
    const hint = owner.uid !== undefined ? ` (as root, initdb runs as the postgres user and must be able to reach ${clusterDir})` : '';
    throw new Error(`initdb failed${hint}: ${(error as { stderr?: string }).stderr ?? (error as Error).message}`, { cause: error });
  } finally {
    await fs.rm(pwFile, { force: true });
  }
  await fs.writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  logger.info({ dataDir: clusterDir, ms: Date.now() - started }, 'db.embedded_initialised');
  return credentials;
}

async function hostHasLocale(name: string): Promise<boolean> {
  const { stdout } = await execFileAsync('locale', ['-a']).catch(() => ({ stdout: '' }));
  const wanted = name.toLowerCase().replace(/[-_]/g, '');
  return stdout.split('\n').some((l) => l.trim().toLowerCase().replace(/[-_]/g, '') === wanted);
}

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );
