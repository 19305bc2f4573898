import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Origin, type Site, type Sites } from '../sites/index.js';

export const SITES_USAGE = `npm run -s admin -- sites <command>

  create --name NAME --origin URL [--origin URL …] [--locale zh|en] [--json]
                                  a new site; prints its id and secret (the secret is shown this once)
  list [--json]                   every site with its origins
  rotate-secret --site ID [--json]
                                  a new secret for the site; the old one stops working at once
`;

const CreateArgs = z.object({
  name: z.string().trim().min(1, '--name is required').max(200),
  origin: z.array(Origin).min(1, 'at least one --origin is required'),
  locale: z.enum(['zh', 'en']).default('zh'),
});

export type AdminOutput = { write(text: string): void };

/** `sites …` commands. Returns the process exit code; usage errors are 2, an unknown site is 1. */
export async function runSitesCommand(argv: string[], deps: { sites: Sites; out: AdminOutput }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      locale: { type: 'string' },
      site: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  const { out } = deps;
  const json = values.json === true;
  switch (command) {
    case 'create': {
      const parsed = CreateArgs.safeParse({ name: values.name, origin: values.origin ?? [], locale: values.locale });
      if (!parsed.success) {
        out.write(`${parsed.error.issues.map((i) => `error: ${i.message}`).join('\n')}\n\n${SITES_USAGE}`);
        return 2;
      }
      const { site, secret } = await deps.sites.create({ name: parsed.data.name, allowedOrigins: [...new Set(parsed.data.origin)], locale: parsed.data.locale });
      if (json) out.write(`${JSON.stringify({ ...describe(site), secret })}\n`);
      else out.write(`site created\n  id       ${site.id}\n  name     ${site.name}\n  origins  ${site.allowedOrigins.join(' ')}\n  locale   ${site.locale}\n  secret   ${secret}\n\nThe secret is shown only now; keep it on your server (it mints conversation tokens). Never put it in a web page.\n`);
      return 0;
    }
    case 'list': {
      const sites = await deps.sites.list();
      if (json) out.write(`${JSON.stringify(sites.map(describe))}\n`);
      else out.write(sites.length ? `${sites.map((s) => `${s.id}\t${s.name}\t${s.locale}\t${s.allowedOrigins.join(' ')}\tsecret rotated ${s.secretRotatedAt.toISOString()}`).join('\n')}\n` : 'no sites yet\n');
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
      else out.write(`new secret for ${rotated.site.id}\n  secret   ${rotated.secret}\n\nThe old secret no longer works. Tokens already issued stay valid until they expire.\n`);
      return 0;
    }
    default:
      out.write(command ? `error: unknown command "sites ${command}"\n\n${SITES_USAGE}` : SITES_USAGE);
      return command ? 2 : 0;
  }
}

function describe(site: Site) {
  return { id: site.id, name: site.name, allowedOrigins: site.allowedOrigins, locale: site.locale, secretRotatedAt: site.secretRotatedAt.toISOString(), createdAt: site.createdAt.toISOString() };
}
