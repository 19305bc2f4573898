import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runSitesCommand } from '../../src/admin/sites.js';
import { makeSites } from '../../src/sites/index.js';
import { repoRoot } from '../helpers/paths.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();

async function run(argv: string[]) {
  let text = '';
  const code = await runSitesCommand(argv, { sites: makeSites({ db: t.db }), out: { write: (s) => void (text += s) } });
  return { code, text };
}

describe('admin sites', () => {
  it('creates a site, shows its secret once and stores only its hash', async () => {
    const created = await run([
      'create',
      '--name',
      '某某旗舰店',
      '--origin',
      'https://shop.example/',
      '--origin',
      'http://localhost:8080',
      '--locale',
      'en',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const site = JSON.parse(created.text);
    expect(site).toMatchObject({
      id: expect.stringMatching(/^site_[0-9a-f]{12}$/),
      name: '某某旗舰店',
      allowedOrigins: ['https://shop.example', 'http://localhost:8080'],
      locale: 'en',
      secret: expect.stringMatching(/^wqs_/),
    });
    const row = await t.db.query<{ secret_hash: string }>(`select secret_hash from sites where id = $1`, [site.id]);
    expect(row.rows[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row.rows)).not.toContain(site.secret);
    expect(await makeSites({ db: t.db }).findBySecret(site.secret)).toMatchObject({ id: site.id });

    const listed = await run(['list']);
    expect(listed.text).toContain(site.id);
    expect(listed.text).not.toContain(site.secret);
  });

  it('rotates a secret: the new one works, the old one stops at once', async () => {
    const { text } = await run(['create', '--name', 'Shop', '--origin', 'https://a.example', '--json']);
    const site = JSON.parse(text);
    const rotated = await run(['rotate-secret', '--site', site.id, '--json']);
    const fresh = JSON.parse(rotated.text);
    expect(fresh.secret).not.toBe(site.secret);
    const sites = makeSites({ db: t.db });
    expect(await sites.findBySecret(site.secret)).toBeUndefined();
    expect((await sites.findBySecret(fresh.secret))?.id).toBe(site.id);
    expect((await run(['rotate-secret', '--site', 'site_nope'])).code).toBe(1);
  });

  it('rejects bad arguments with usage and exit code 2', async () => {
    for (const argv of [
      ['create', '--origin', 'https://a.example'],
      ['create', '--name', 'x'],
      ['create', '--name', 'x', '--origin', 'ftp://a.example'],
      ['create', '--name', 'x', '--origin', 'https://a.example', '--locale', 'fr'],
      ['rotate-secret'],
      ['frobnicate'],
    ]) {
      const result = await run(argv);
      expect([argv.join(' '), result.code]).toEqual([argv.join(' '), 2]);
      expect(result.text).toMatch(/error: /);
    }
  });

  it('runs as `npm run -s admin -- sites …` against the configured database', { timeout: 90_000 }, async () => {
    const exec = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'warn' };
    const created = await exec(
      process.execPath,
      ['--import', 'tsx', 'src/adminMain.ts', 'sites', 'create', '--name', 'CLI shop', '--origin', 'https://cli.example'],
      { cwd: repoRoot, env },
    );
    expect(created.stdout).toMatch(/id\s+site_[0-9a-f]{12}/);
    expect(created.stdout).toMatch(/secret\s+wqs_/);
    const listed = await exec(process.execPath, ['--import', 'tsx', 'src/adminMain.ts', 'sites', 'list', '--json'], { cwd: repoRoot, env });
    expect(JSON.parse(listed.stdout).map((s: { name: string }) => s.name)).toContain('CLI shop');
  });
});
