import { spawn, type ChildProcess } from 'node:child_process';
import { lawsDir, repoRoot } from '../../helpers/paths.js';

export type Weiquan = { port: number; url: string; child: ChildProcess; output: () => string; kill: () => Promise<void>; stop: () => Promise<void> };

/**
 * The real service as `npm start` runs it (a child process from src/main.ts), on the test's own
 * database and port, ready when /readyz answers and the engine has loaded (`knowledge.ready`).
 */
export async function startWeiquan({
  databaseUrl,
  port,
  dataDir,
  env = {},
}: {
  databaseUrl: string;
  port: number;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<Weiquan> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      PORT: String(port),
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
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (!out.includes('"knowledge.ready"')) {
    if (child.exitCode !== null) throw new Error(`Weiquan exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Weiquan was not ready within 90 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
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
