import { spawn, type ChildProcess } from 'node:child_process';

export { freePort } from '../src/storage/index.js';

/** Helpers for scripts that run the real service as a child process, exactly as `npm start` does. */
export type Service = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

export function startService(env: Record<string, string | undefined>, port: number): Service {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...env, PORT: String(port), LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A failed check exits the script: the service (and so its database) must not outlive it.
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  void exited.then(() => process.off('exit', stopOnExit));
  return { child, port, output: () => out, exited };
}

/** Milliseconds until /readyz (database, schema and knowledge index) answers 200, or throws after `timeoutMs`. */
export function waitReady(service: Service, timeoutMs: number, since = Date.now()): Promise<number> {
  return waitFor(service, '/readyz', timeoutMs, since);
}

/** Milliseconds until the service answers HTTP at all (/healthz), or throws after `timeoutMs`. */
export function waitListening(service: Service, timeoutMs: number, since = Date.now()): Promise<number> {
  return waitFor(service, '/healthz', timeoutMs, since);
}

async function waitFor(service: Service, route: string, timeoutMs: number, since: number): Promise<number> {
  const deadline = since + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`service exited with ${service.child.exitCode}:\n${service.output()}`);
    const status = await fetch(`http://127.0.0.1:${service.port}${route}`).then((r) => r.status, () => 0);
    if (status === 200) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not ready within ${timeoutMs} ms:\n${service.output()}`);
}

export function check(condition: unknown, message: string): void {
  if (!condition) {
    process.stderr.write(`FAIL: ${message}\n`);
    process.exit(1);
  }
  process.stdout.write(`ok: ${message}\n`);
}
