import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runSitesCommand } from '../../src/admin/sites.js';
import { makeSecretBox, makeWechatApps } from '../../src/channels/wechat/index.js';
import { makeSites } from '../../src/sites/index.js';
import { repoRoot } from '../helpers/paths.js';
import { useTestDatabase } from '../helpers/testDatabase.js';
import { newAesKey } from '../wechat/wechatServer.js';

const t = useTestDatabase();
const key = randomBytes(32);

async function run(argv: string[], withKey = true) {
  let text = '';
  const sites = makeSites({ db: t.db });
  const apps = makeWechatApps({ db: t.db, box: makeSecretBox([key]) });
  const code = await runSitesCommand(argv, {
    sites,
    out: { write: (s) => void (text += s) },
    wechat: { siteExists: async (id) => (await sites.find(id)) !== undefined, publicUrl: 'https://wq.example', setApp: withKey ? apps.set : undefined },
  });
  return { code, text };
}

describe('admin sites wechat / wecom', () => {
  it('stores a 公众号 sealed, prints the callback URL, and keeps the replaced token and key valid for a while', async () => {
    const { site } = await makeSites({ db: t.db }).create({ name: '微信店', allowedOrigins: ['https://wx.example'], locale: 'zh' });
    const aesKey = newAesKey();
    const first = await run([
      'wechat',
      '--site',
      site.id,
      '--app-id',
      'wx1234567890abcdef',
      '--app-secret',
      'S3cretAppSecret',
      '--token',
      'tok123',
      '--aes-key',
      aesKey,
    ]);
    expect(first.code).toBe(0);
    expect(first.text).toContain(`https://wq.example/wechat/${site.id}`);
    expect(first.text).not.toContain('S3cretAppSecret');
    const row = await t.db.query(`select w::text as t from wechat_apps w where site_id = $1`, [site.id]);
    expect(row.rows[0]!.t).toContain('wx1234567890abcdef');
    for (const secret of ['S3cretAppSecret', 'tok123', aesKey]) expect(row.rows[0]!.t).not.toContain(secret);

    const apps = makeWechatApps({ db: t.db, box: makeSecretBox([key]) });
    expect(await apps.find(site.id, 'mp')).toMatchObject({ appId: 'wx1234567890abcdef', secrets: { secret: 'S3cretAppSecret', token: 'tok123', aesKey } });
    const newKey = newAesKey();
    expect(
      (await run(['wechat', '--site', site.id, '--app-id', 'wx1234567890abcdef', '--app-secret', 'S3cretAppSecret', '--token', 'tok456', '--aes-key', newKey]))
        .code,
    ).toBe(0);
    const rotated = await makeWechatApps({ db: t.db, box: makeSecretBox([key]) }).find(site.id, 'mp');
    expect(rotated).toMatchObject({ secrets: { token: 'tok456', aesKey: newKey }, previous: { token: 'tok123', aesKey } });
    // Another key ring cannot open it.
    await expect(makeWechatApps({ db: t.db, box: makeSecretBox([randomBytes(32)]) }).find(site.id, 'mp')).rejects.toThrow();
  });

  it('refuses bad input with usage (2), and an unknown site or a missing WECHAT_SECRETS_KEY (1)', async () => {
    const { site } = await makeSites({ db: t.db }).create({ name: '企微店', allowedOrigins: ['https://wk.example'], locale: 'zh' });
    const good = ['--site', site.id, '--corp-id', 'ww0123456789abcdef', '--secret', 'kfsecret', '--token', 'tok789', '--aes-key', newAesKey()];
    expect(await run(['wecom', ...good])).toMatchObject({ code: 0 });
    expect((await run(['wecom', ...good.slice(0, -1), 'short'])).code).toBe(2);
    expect((await run(['wecom', ...good.slice(2)])).text).toContain('--site is required');
    expect((await run(['wechat', ...good])).code).toBe(2); // wechat takes --app-id / --app-secret
    expect((await run(['wecom', '--site', 'site_nope00000000', ...good.slice(2)])).code).toBe(1);
    const noKey = await run(['wecom', ...good], false);
    expect(noKey.code).toBe(1);
    expect(noKey.text).toContain('WECHAT_SECRETS_KEY');
  });

  it('runs as `npm run -s admin -- sites wechat …`', { timeout: 90_000 }, async () => {
    const { site } = await makeSites({ db: t.db }).create({ name: 'CLI 微信', allowedOrigins: ['https://cli-wx.example'], locale: 'zh' });
    const exec = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'warn', WECHAT_SECRETS_KEY: key.toString('base64'), PUBLIC_URL: 'https://cli.example' };
    const args = ['wechat', '--site', site.id, '--app-id', 'wxabcdefabcdef1234', '--app-secret', 'x', '--token', 'abc', '--aes-key', newAesKey(), '--json'];
    const done = await exec(process.execPath, ['--import', 'tsx', 'src/adminMain.ts', 'sites', ...args], { cwd: repoRoot, env });
    expect(JSON.parse(done.stdout)).toEqual({
      site: site.id,
      kind: 'wechat',
      appId: 'wxabcdefabcdef1234',
      callbackUrl: `https://cli.example/wechat/${site.id}`,
    });
  });
});
