import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { repoRoot } from './paths.js';

/** A child process whose output is kept, with a promise for a line that matches (no polling). */
export type Watched = {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first output line (past or future) that matches; rejects if the process exits first. */
  line: (match: RegExp) => Promise<string>;
  exited: Promise<number | null>;
};

/** The environment of a child that must use the embedded database: no DATABASE_URL, JSON logs. */
export function embeddedEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_FORMAT: 'json', ...extra };
  delete env.DATABASE_URL;
  return env;
}

export function watch(command: string, args: string[], options: SpawnOptions = {}): Watched {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'], ...options });
  let out = '';
  const waiters: { match: RegExp; resolve: (l: string) => void }[] = [];
  // 'close', not 'exit': by then every line the process wrote has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const feed = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const w of [...waiters]) {
      const found = out.split('\n').find((l) => w.match.test(l));
      if (found !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(found);
      }
    }
  };
  child.stdout?.on('data', feed);
  child.stderr?.on('data', feed);
  return {
    child,
    output: () => out,
    exited,
    line: (match) =>
      new Promise<string>((resolve, reject) => {
        const found = out.split('\n').find((l) => match.test(l));
        if (found !== undefined) return resolve(found);
        waiters.push({ match, resolve });
        void exited.then((code) => reject(new Error(`exited (${code}) before printing ${match}:\n${out}`)));
      }),
  };
}

/** `node --import tsx FILE ARGS…` from the repository root, as the npm scripts run it. */
export function node(file: string, args: string[], options: SpawnOptions = {}): Watched {
  return watch(process.execPath, ['--import', 'tsx', file, ...args], options);
}

/** Runs to the end; resolves with the exit code and the output. */
export async function run(file: string, args: string[], options: SpawnOptions = {}): Promise<{ code: number | null; output: string }> {
  const w = node(file, args, options);
  w.child.stdin?.end();
  const code = await w.exited;
  return { code, output: w.output() };
}
