import { parseArgs } from 'node:util';
import { z } from 'zod';

export const WECHAT_USAGE = `  wechat --site ID --app-id APPID --app-secret SECRET --token TOKEN --aes-key KEY [--json]
                                  the site's 公众号 (Official Account); callback URL /wechat/ID
  wecom --site ID --corp-id CORPID --secret SECRET --token TOKEN --aes-key KEY [--json]
                                  the site's 企业微信 微信客服 (secret of the 微信客服 app); callback URL /wecom/ID
                                  (secret, token and key are stored sealed with WECHAT_SECRETS_KEY; changing them
                                  keeps the old token and key valid for callbacks for 24 h, so nothing is dropped)
`;

export type WechatSecrets = { secret: string; token: string; aesKey: string };
export type WechatAdminDeps = {
  /** Undefined: WECHAT_SECRETS_KEY is not set, so nothing can be stored sealed. */
  setApp: ((siteId: string, kind: 'mp' | 'kf', appId: string, secrets: WechatSecrets) => Promise<void>) | undefined;
  siteExists(id: string): Promise<boolean>;
  /** PUBLIC_URL, to print the callback URL in full. */
  publicUrl: string | undefined;
};

const Args = z.object({
  site: z.string({ error: '--site is required' }).min(1, '--site is required'),
  appId: z
    .string({ error: 'the app id is required (--app-id for wechat, --corp-id for wecom)' })
    .regex(/^[A-Za-z0-9_-]{3,64}$/, 'the app id is 3–64 letters, digits, _ or -'),
  secret: z.string({ error: 'the secret is required (--app-secret for wechat, --secret for wecom)' }).min(1).max(200),
  token: z.string({ error: '--token is required' }).regex(/^[A-Za-z0-9]{3,32}$/, '--token is 3–32 letters or digits (WeChat’s rule)'),
  aesKey: z.string({ error: '--aes-key is required' }).regex(/^[A-Za-z0-9]{43}$/, '--aes-key (EncodingAESKey) is 43 letters and digits'),
});

/** `sites wechat …` and `sites wecom …`. Returns the exit code: usage errors 2, an unknown site or no key 1. */
export async function runWechatCommand(kind: 'mp' | 'kf', argv: string[], deps: WechatAdminDeps & { out: { write(text: string): void } }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      site: { type: 'string' },
      'app-id': { type: 'string' },
      'app-secret': { type: 'string' },
      'corp-id': { type: 'string' },
      secret: { type: 'string' },
      token: { type: 'string' },
      'aes-key': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const parsed = Args.safeParse({
    site: str(values.site),
    appId: str(kind === 'mp' ? values['app-id'] : values['corp-id']),
    secret: str(kind === 'mp' ? values['app-secret'] : values.secret),
    token: str(values.token),
    aesKey: str(values['aes-key']),
  });
  const command = kind === 'mp' ? 'wechat' : 'wecom';
  if (!parsed.success) {
    deps.out.write(`${parsed.error.issues.map((i) => `error: ${i.message}`).join('\n')}\n\nnpm run -s admin -- sites …\n${WECHAT_USAGE}`);
    return 2;
  }
  if (!deps.setApp) {
    deps.out.write('error: WECHAT_SECRETS_KEY is not set, so the secrets cannot be stored sealed. Set it (openssl rand -base64 32) and run this again.\n');
    return 1;
  }
  const { site, appId, secret, token, aesKey } = parsed.data;
  if (!(await deps.siteExists(site))) {
    deps.out.write(`error: no site with id "${site}"\n`);
    return 1;
  }
  await deps.setApp(site, kind, appId, { secret, token, aesKey });
  const callback = `${deps.publicUrl ?? 'https://YOUR-HOST'}/${kind === 'mp' ? 'wechat' : 'wecom'}/${site}`;
  if (values.json === true) deps.out.write(`${JSON.stringify({ site, kind: command, appId, callbackUrl: callback })}\n`);
  else
    deps.out.write(
      `${kind === 'mp' ? '公众号' : '企业微信 微信客服'} set for ${site}\n  ${kind === 'mp' ? 'app id ' : 'corp id'}  ${appId}\n  callback ${callback}\n\nIn the WeChat console set the same URL, Token and EncodingAESKey (safe mode recommended). The secret is stored sealed and never shown again.\n`,
    );
  return 0;
}
