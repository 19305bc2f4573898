import { spawn, type ChildProcess } from 'node:child_process';
import { lawsDir, repoRoot } from '../../helpers/paths.js';

export type Weiquan = { port: number; url: string; child: ChildProcess; output: () => string; kill: () => Promise<void>; stop: () => Promise<void> };

/**
 * The real service as `npm start` runs it (a child process from src/main.ts), on the test's own
 * database, ready when /readyz answers and the engine has loaded (`knowledge.ready`). The port is the one
 * the service itself bound (`PORT=0`, read from its `http.listening` log line), unless a test restarts a
 * service on the port it had (`port`). Readiness is awaited on the log events, not polled.
 */
export async function startWeiquan({
  databaseUrl,
  port: wantedPort = 0,
  dataDir,
  env = {},
}: {
  databaseUrl: string;
  port?: number;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<Weiquan> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      PORT: String(wantedPort),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LAWS_DIR: lawsDir,
      // The template database already holds the ingested knowledge.
      KB_INGEST_ON_START: 'false',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '2000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = new Promise<number>((resolve, reject) => {
    let pending = '';
    let port: number | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Weiquan was not ready within 90 s:\n${out}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Weiquan exited with ${code}:\n${out}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const event = parseLogLine(line);
        if (event?.msg === 'http.listening' && typeof event.url === 'string') port = Number(new URL(event.url).port);
        if (event?.msg === 'knowledge.ready' && port !== undefined) {
          clearTimeout(timer);
          resolve(port);
        }
      }
    });
  });
  const port = await started;
  const url = `http://127.0.0.1:${port}`;
  const ready = await fetch(`${url}/readyz`).then(
    (r) => r.status,
    () => 0,
  );
  if (ready !== 200) throw new Error(`/readyz answered ${ready}:\n${out}`);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { port, url, child, output: () => out, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
