import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Origin, type Site, type Sites } from '../sites/index.js';
import { runWechatCommand, WECHAT_USAGE, type WechatAdminDeps } from './wechat.js';

export const SITES_USAGE = `npm run -s admin -- sites <command>

  create --name NAME --origin URL [--origin URL …] [--locale zh|en] [--model on|off] [--json]
                                  a new site; prints its id and secret (the secret is shown this once)
  list [--json]                   every site with its origins and model switch
  model --site ID --model on|off [--json]
                                  let the site's conversations use the language model (LLM_*), or keep them offline
  rotate-secret --site ID [--json]
                                  a new secret for the site; the old one stops working at once
${WECHAT_USAGE}`;

const CreateArgs = z.object({
  name: z.string().trim().min(1, '--name is required').max(200),
  origin: z.array(Origin).min(1, 'at least one --origin is required'),
  locale: z.enum(['zh', 'en']).default('zh'),
  model: z.enum(['on', 'off'], { error: '--model must be on or off' }).default('on'),
});

const ModelArgs = z.object({
  site: z.string({ error: '--site is required' }).min(1, '--site is required'),
  model: z.enum(['on', 'off'], { error: '--model must be on or off' }),
});

export type AdminOutput = { write(text: string): void };

/** `sites …` commands. Returns the process exit code; usage errors are 2, an unknown site is 1. */
export async function runSitesCommand(argv: string[], deps: { sites: Sites; out: AdminOutput; wechat?: WechatAdminDeps }): Promise<number> {
  // The WeChat commands take options of their own.
  if ((argv[0] === 'wechat' || argv[0] === 'wecom') && deps.wechat)
    return runWechatCommand(argv[0] === 'wechat' ? 'mp' : 'kf', argv.slice(1), { ...deps.wechat, out: deps.out });
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      locale: { type: 'string' },
      site: { type: 'string' },
      json: { type: 'boolean' },
      model: { type: 'string' },
    },
  });
  const [command] = positionals;
  const { out } = deps;
  const json = values.json === true;
  switch (command) {
    case 'create': {
      const parsed = CreateArgs.safeParse({ name: values.name, origin: values.origin ?? [], locale: values.locale, model: values.model });
      if (!parsed.success) {
        out.write(`${parsed.error.issues.map((i) => `error: ${i.message}`).join('\n')}\n\n${SITES_USAGE}`);
        return 2;
      }
      const { site, secret } = await deps.sites.create({
        name: parsed.data.name,
        allowedOrigins: [...new Set(parsed.data.origin)],
        locale: parsed.data.locale,
        modelEnabled: parsed.data.model === 'on',
      });
      if (json) out.write(`${JSON.stringify({ ...describe(site), secret })}\n`);
      else
        out.write(
          `site created\n  id       ${site.id}\n  name     ${site.name}\n  origins  ${site.allowedOrigins.join(' ')}\n  locale   ${site.locale}\n  model    ${site.modelEnabled ? 'on' : 'off'}\n  secret   ${secret}\n\nThe secret is shown only now; keep it on your server (it mints conversation tokens). Never put it in a web page.\n`,
        );
      return 0;
    }
    case 'list': {
      const sites = await deps.sites.list();
      if (json) out.write(`${JSON.stringify(sites.map(describe))}\n`);
      else
        out.write(
          sites.length
            ? `${sites.map((s) => `${s.id}\t${s.name}\t${s.locale}\t${s.allowedOrigins.join(' ')}\tmodel ${s.modelEnabled ? 'on' : 'off'}\tsecret rotated ${s.secretRotatedAt.toISOString()}`).join('\n')}\n`
            : 'no sites yet\n',
        );
      return 0;
    }
    case 'rotate-secret': {
      if (!values.site) {
        out.write(`error: --site is required\n\n${SITES_USAGE}`);
        return 2;
      }
      const rotated = await deps.sites.rotateSecret(values.site);
      if (!rotated) {
        out.write(`error: no site with id "${values.site}"\n`);
        return 1;
      }
      if (json) out.write(`${JSON.stringify({ ...describe(rotated.site), secret: rotated.secret })}\n`);
      else
        out.write(
          `new secret for ${rotated.site.id}\n  secret   ${rotated.secret}\n\nThe old secret no longer works. Tokens already issued stay valid until they expire.\n`,
        );
      return 0;
    }
    case 'model': {
      const parsed = ModelArgs.safeParse({ site: values.site, model: values.model });
      if (!parsed.success) {
        out.write(`${parsed.error.issues.map((i) => `error: ${i.message}`).join('\n')}\n\n${SITES_USAGE}`);
        return 2;
      }
      const site = await deps.sites.setModel(parsed.data.site, parsed.data.model === 'on');
      if (!site) {
        out.write(`error: no site with id "${parsed.data.site}"\n`);
        return 1;
      }
      if (json) out.write(`${JSON.stringify(describe(site))}\n`);
      else
        out.write(
          `model ${site.modelEnabled ? 'on' : 'off'} for ${site.id}\n${site.modelEnabled ? '  its conversations use the language model when one is configured (LLM_*)\n' : '  its conversations stay offline: nothing of them is sent to a model\n'}`,
        );
      return 0;
    }
    default:
      out.write(command ? `error: unknown command "sites ${command}"\n\n${SITES_USAGE}` : SITES_USAGE);
      return command ? 2 : 0;
  }
}

function describe(site: Site) {
  return {
    id: site.id,
    name: site.name,
    allowedOrigins: site.allowedOrigins,
    locale: site.locale,
    model: site.modelEnabled ? 'on' : 'off',
    secretRotatedAt: site.secretRotatedAt.toISOString(),
    createdAt: site.createdAt.toISOString(),
  };
}
