import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

/**
 * The layer rules must fire: each file under test/fixtures/lint/ (TypeScript kept as .txt, so neither tsc nor
 * the real lint reads it) breaks one rule on purpose. It is linted as
 * if it stood at the path its `// lint-as:` line names (imports resolve from there), and must be rejected
 * with the message its `// expect:` line gives. The real tree passing `npm run lint` is the other half.
 */
const FIXTURES = path.join(repoRoot, 'test/fixtures/lint');

const cases = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .map((file) => {
    const text = readFileSync(path.join(FIXTURES, file), 'utf8');
    const lintAs = /^\/\/ lint-as: (\S+)$/m.exec(text)?.[1];
    const expected = /^\/\/ expect: (.+)$/m.exec(text)?.[1];
    if (!lintAs || !expected) throw new Error(`${file} needs a // lint-as: and a // expect: line`);
    return { file, text, lintAs, expected };
  });

describe('the layer rules reject a deliberately violating file', () => {
  const eslint = new ESLint({ cwd: repoRoot });

  it('has a fixture for every layer boundary', () => {
    expect(cases.length).toBeGreaterThanOrEqual(16);
  });

  // The first lint of a run loads the TypeScript resolver and the project: seconds on a busy machine.
  it.each(cases)('$file', { timeout: 60_000 }, async ({ text, lintAs, expected }) => {
    const [result] = await eslint.lintText(text, { filePath: path.join(repoRoot, lintAs) });
    const messages = (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.message);
    expect(messages.some((m) => m.includes(expected)), `got: ${JSON.stringify(messages)}`).toBe(true);
  });
});
