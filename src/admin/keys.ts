import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { ApiKeyScope } from '../apiKeys/apiKey.js';
import type { ApiKeyInfo } from '../apiKeys/sql/apiKeyStore.js';
import type { AdminOutput } from './sites.js';

export const KEYS_USAGE = `npm run -s admin -- keys <command>

  create --site SITE --name NAME [--scope read|read_write] [--json]
                                  an API key for the cases API; printed this once, stored hashed
  list [--site SITE] [--json]     keys with scope, creation, last use and revocation (never the key)
  revoke --id KEY_ID              the key stops working at once
`;

export type KeysAdminDeps = {
  out: AdminOutput;
  siteExists(id: string): Promise<boolean>;
  create(k: { siteId: string; name: string; scope: ApiKeyScope }): Promise<{ id: string; key: string }>;
  list(siteId?: string): Promise<ApiKeyInfo[]>;
  revoke(id: string): Promise<boolean>;
};

const CreateArgs = z.object({
  site: z.string({ error: '--site is required' }).min(1, '--site is required'),
  name: z.string({ error: '--name is required' }).trim().min(1, '--name is required').max(100),
  scope: z.enum(['read', 'read_write'], { error: '--scope is read or read_write' }).default('read'),
});

export async function runKeysCommand(argv: string[], deps: KeysAdminDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { site: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string' }, id: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [command] = positionals;
  const { out } = deps;
  switch (command) {
    case 'create': {
      const parsed = CreateArgs.safeParse({ site: values.site, name: values.name, scope: values.scope });
      if (!parsed.success) {
        out.write(`error: ${parsed.error.issues.map((i) => i.message).join('; ')}\n\n${KEYS_USAGE}`);
        return 2;
      }
      if (!(await deps.siteExists(parsed.data.site))) {
        out.write(`error: no site with id "${parsed.data.site}"\n`);
        return 1;
      }
      const { id, key } = await deps.create({ siteId: parsed.data.site, name: parsed.data.name, scope: parsed.data.scope });
      if (values.json) out.write(`${JSON.stringify({ id, key, siteId: parsed.data.site, scope: parsed.data.scope })}\n`);
      else
        out.write(
          `API key created\n  id     ${id}\n  site   ${parsed.data.site}\n  scope  ${parsed.data.scope}\n  key    ${key}\n\nThe key is shown only now. Send it as: Authorization: Bearer ${key.slice(0, 8)}…\n`,
        );
      return 0;
    }
    case 'list': {
      const keys = await deps.list(values.site);
      if (values.json) out.write(`${JSON.stringify(keys)}\n`);
      else
        out.write(
          keys.length
            ? `${keys.map((k) => `${k.id}\t${k.siteId}\t${k.name}\t${k.scope}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\tlast used ${k.lastUsedAt ?? 'never'}`).join('\n')}\n`
            : 'no keys\n',
        );
      return 0;
    }
    case 'revoke': {
      if (!values.id) {
        out.write(`error: --id is required\n\n${KEYS_USAGE}`);
        return 2;
      }
      if (!(await deps.revoke(values.id))) {
        out.write(`error: no key with id "${values.id}"\n`);
        return 1;
      }
      out.write(`revoked ${values.id}\n`);
      return 0;
    }
    default:
      out.write(command ? `error: unknown command "keys ${command}"\n\n${KEYS_USAGE}` : KEYS_USAGE);
      return command ? 2 : 0;
  }
}
