import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Helpers for scripts that run the real service as a child process, exactly as `npm start` does. The service
 * listens on PORT=0 (the kernel picks a port, nothing to race for) and says which in its `http.listening` line;
 * the helpers wait on the service's own log lines instead of polling.
 */
export type Service = {
  child: ChildProcess;
  /** The port from the `http.listening` log line. */
  port: Promise<number>;
  output: () => string;
  /** Resolves with the first log line whose `msg` is `msg`; rejects if the service exits first. */
  logged: (msg: string) => Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
};

export function startService(env: Record<string, string | undefined>): Service {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const lines: Record<string, unknown>[] = [];
  const waiters: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  let partial = '';
  const feed = (d: Buffer) => {
    out += d.toString();
    partial += d.toString();
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const text of complete) {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      lines.push(line);
      for (const w of waiters.filter((x) => x.msg === line.msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on('data', feed);
  child.stderr?.on('data', feed);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A failed check exits the script: the service (and so its database) must not outlive it.
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  void exited.then(() => process.off('exit', stopOnExit));
  const logged = (msg: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const seen = lines.find((l) => l.msg === msg);
      if (seen) return resolve(seen);
      waiters.push({ msg, resolve });
      void exited.then((code) => reject(new Error(`service exited with ${code} before logging ${msg}:\n${out}`)));
    });
  const port = logged('http.listening').then((l) => Number(new URL(String(l.url)).port));
  port.catch(() => undefined);
  return { child, port, output: () => out, logged, exited };
}

/** Milliseconds until the service is ready (database, schema, knowledge index: `knowledge.ready`, then /readyz 200). */
export async function waitReady(service: Service, timeoutMs: number, since = Date.now()): Promise<number> {
  await within(service.logged('knowledge.ready'), timeoutMs, since, service);
  const status = (await fetch(`http://127.0.0.1:${await service.port}/readyz`)).status;
  if (status !== 200) throw new Error(`/readyz answered ${status} after knowledge.ready:\n${service.output()}`);
  return Date.now() - since;
}

/** Milliseconds until the service listens (`http.listening`) and answers /healthz. */
export async function waitListening(service: Service, timeoutMs: number, since = Date.now()): Promise<number> {
  const port = await within(service.port, timeoutMs, since, service);
  const status = (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
  if (status !== 200) throw new Error(`/healthz answered ${status}:\n${service.output()}`);
  return Date.now() - since;
}

async function within<T>(promise: Promise<T>, timeoutMs: number, since: number, service: Service): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${timeoutMs} ms:\n${service.output()}`)), Math.max(0, since + timeoutMs - Date.now()));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function check(condition: unknown, message: string): void {
  if (!condition) {
    process.stderr.write(`FAIL: ${message}\n`);
    process.exit(1);
  }
  process.stdout.write(`ok: ${message}\n`);
}
