import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSites } from '../../src/sites/index.js';
import { lawsDir, repoRoot } from '../helpers/paths.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

/**
 * Every command in README's `sh` blocks runs as written, against a test database (DATABASE_URL), in README order.
 * The ones that cannot run here are listed below with the reason, and the list must keep matching README.
 */
const NOT_RUN: [RegExp, string][] = [
  [
    /^npm install && npm (start|test)\b/,
    'the two commands themselves: .ci/run runs `npm ci` and `npm test`, scripts/smokeEmbedded.ts starts the service as `npm start` does',
  ],
  [/\bnpm start\b/, 'a server that runs until stopped: scripts/smokeEmbedded.ts and test/db/embeddedServiceCli.db.test.ts start it'],
  [/^npm run (kb:eval|kb:refs|kb:catalog|bench:)/, 'a measurement that runs for minutes; run by hand'],
  [/kb -- ingest --laws /, 'ingests the whole law collection (minutes); the test setup ingests the serving laws through the same code'],
  [/--batch queries\.jsonl/, "reads the reader's own queries.jsonl"],
  [
    /^npm run -s admin -- sites (wechat|wecom) /,
    "needs the service's WECHAT_SECRETS_KEY; test/db/wechatAdmin.db.test.ts runs it as `npm run -s admin` with one",
  ],
];

/** Values a command prints and a later one uses, as README says (`the id create printed`). */
const captured: Record<string, string> = {};
const PLACEHOLDERS: [string, string][] = [
  ['site_xxxxxxxxxxxx', 'site'],
  ['key_…', 'key'],
];
const CAPTURES: [RegExp, string][] = [
  [/^\s*id\s+(site_\S+)/m, 'site'],
  [/^\s*id\s+(key_\S+)/m, 'key'],
];

function readmeCommands(): string[] {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) =>
    (m[1] ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
}

function sh(command: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('close', (code) => resolve({ code, output }));
  });
}

const t = useTestDatabase();
const commands = readmeCommands();
const reasonNotRun = (c: string) => NOT_RUN.find(([pattern]) => pattern.test(c))?.[1];
const toRun = commands.filter((c) => reasonNotRun(c) === undefined);

describe("README's shell commands", () => {
  beforeAll(async () => {
    // As after the first `npm start`, which ensures the demo site the examples use.
    await makeSites({ db: t.db }).ensureDemo(['http://localhost:3978', 'http://127.0.0.1:3978']);
  });

  it('every reason for not running a command still matches a command in README', () => {
    expect(commands.length).toBeGreaterThan(10);
    for (const [pattern] of NOT_RUN)
      expect(
        commands.some((c) => pattern.test(c)),
        String(pattern),
      ).toBe(true);
  });

  it.each(toRun.map((c) => [c]))('%s', { timeout: 180_000 }, async (command) => {
    let written = command;
    for (const [placeholder, name] of PLACEHOLDERS) {
      if (!written.includes(placeholder)) continue;
      expect(captured[name], `an earlier command prints the ${name} that replaces ${placeholder}`).toBeDefined();
      written = written.replaceAll(placeholder, captured[name] ?? '');
    }
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: t.url, LAWS_DIR: lawsDir, LOG_FORMAT: 'json' };
    const { code, output } = await sh(written, env);
    expect(code, output).toBe(0);
    for (const [pattern, name] of CAPTURES) {
      const match = pattern.exec(output)?.[1];
      if (match) captured[name] = match;
    }
  });
});
