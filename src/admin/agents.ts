import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Agent, AgentRole } from '../agents/sql/agentStore.js';
import type { AdminOutput } from './sites.js';

export const AGENTS_USAGE = `npm run -s admin -- agents <command>

  create --site SITE --name NAME [--login LOGIN] [--role agent|supervisor] [--grant SITE …] [--password-stdin] [--json]
                                  a console account; without --password-stdin a password is generated
                                  and printed this once. A supervisor also sees the --grant sites.
                                  The login is the name when it can be one ("Wang Wei" → wang.wei),
                                  otherwise SITE-xxxx (printed); --login chooses it.
  list [--site SITE] [--json]     active accounts
  set-password --login LOGIN [--password-stdin]
                                  a new password (generated unless read from stdin); ends no sessions
  disable --login LOGIN           the account can no longer sign in; its sessions end at once
`;

/** What the agents commands need; src/adminMain.ts binds these to the database. */
export type AgentsAdminDeps = {
  out: AdminOutput;
  siteExists(id: string): Promise<boolean>;
  create(a: { login: string; displayName: string; siteId: string; role: AgentRole; password: string; grants: string[] }): Promise<Agent>;
  list(siteId?: string): Promise<Agent[]>;
  setPassword(login: string, password: string): Promise<boolean>;
  disable(login: string): Promise<boolean>;
  /** The first line of stdin, for --password-stdin. */
  readSecret(): Promise<string>;
  generatePassword(): string;
  passwordProblem(password: string): string | undefined;
};

const Login = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'a login is 2–40 letters, digits, dots, dashes or underscores');
const CreateArgs = z.object({
  site: z.string({ error: '--site is required' }).min(1, '--site is required'),
  name: z.string({ error: '--name is required' }).trim().min(1, '--name is required').max(100),
  login: Login.optional(),
  role: z.enum(['agent', 'supervisor'], { error: '--role is agent or supervisor' }).default('agent'),
  grant: z.array(z.string().min(1)).default([]),
});

/**
 * A name that cannot be a login (most Chinese names: 小王) still gets an account, as the README's example expects:
 * the login is the site plus a short random part (`demo-k3p7`), printed with the password; --login chooses one.
 */
function derivedLogin(site: string): string {
  const prefix =
    site
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 30) || 'agent';
  const suffix = Array.from(randomBytes(4), (b) => 'abcdefghijkmnpqrstuvwxyz23456789'[b % 32]).join('');
  return `${prefix}-${suffix}`;
}

export async function runAgentsCommand(argv: string[], deps: AgentsAdminDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      site: { type: 'string' },
      name: { type: 'string' },
      login: { type: 'string' },
      role: { type: 'string' },
      grant: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  const { out } = deps;
  const usageError = (message: string) => {
    out.write(`error: ${message}\n\n${AGENTS_USAGE}`);
    return 2;
  };
  const choosePassword = async (): Promise<{ password: string; generated: boolean } | string> => {
    if (!values['password-stdin']) return { password: deps.generatePassword(), generated: true };
    const password = await deps.readSecret();
    return deps.passwordProblem(password) ?? { password, generated: false };
  };

  switch (command) {
    case 'create': {
      const parsed = CreateArgs.safeParse({ site: values.site, name: values.name, login: values.login, role: values.role, grant: values.grant });
      if (!parsed.success) return usageError(parsed.error.issues.map((i) => i.message).join('; '));
      const args = parsed.data;
      const login = args.login ?? Login.safeParse(args.name.replace(/\s+/g, '.')).data ?? derivedLogin(args.site);
      if (args.grant.length && args.role !== 'supervisor') return usageError('--grant is only for supervisors (--role supervisor)');
      for (const site of [args.site, ...args.grant])
        if (!(await deps.siteExists(site))) {
          out.write(`error: no site with id "${site}"\n`);
          return 1;
        }
      const chosen = await choosePassword();
      if (typeof chosen === 'string') return usageError(chosen);
      const agent = await deps.create({ login, displayName: args.name, siteId: args.site, role: args.role, password: chosen.password, grants: args.grant });
      if (values.json) out.write(`${JSON.stringify({ ...agent, ...(chosen.generated ? { password: chosen.password } : {}) })}\n`);
      else {
        out.write(
          `agent created\n  login    ${agent.login}\n  name     ${agent.displayName}\n  site     ${agent.siteId}\n  role     ${agent.role}\n  sites    ${agent.sites.join(' ')}\n`,
        );
        if (chosen.generated) out.write(`  password ${chosen.password}\n\nThe password is shown only now. Sign in at /console.\n`);
      }
      return 0;
    }
    case 'list': {
      const agents = await deps.list(values.site);
      if (values.json) out.write(`${JSON.stringify(agents)}\n`);
      else out.write(agents.length ? `${agents.map((a) => `${a.login}\t${a.displayName}\t${a.role}\t${a.sites.join(' ')}`).join('\n')}\n` : 'no agents\n');
      return 0;
    }
    case 'set-password': {
      const login = Login.safeParse(values.login ?? '');
      if (!login.success) return usageError('--login is required');
      const chosen = await choosePassword();
      if (typeof chosen === 'string') return usageError(chosen);
      if (!(await deps.setPassword(login.data, chosen.password))) {
        out.write(`error: no active agent "${login.data}"\n`);
        return 1;
      }
      out.write(chosen.generated ? `new password for ${login.data}: ${chosen.password}\n` : `password changed for ${login.data}\n`);
      return 0;
    }
    case 'disable': {
      const login = Login.safeParse(values.login ?? '');
      if (!login.success) return usageError('--login is required');
      if (!(await deps.disable(login.data))) {
        out.write(`error: no agent "${login.data}"\n`);
        return 1;
      }
      out.write(`disabled ${login.data}; their sessions have ended\n`);
      return 0;
    }
    default:
      out.write(command ? `error: unknown command "agents ${command}"\n\n${AGENTS_USAGE}` : AGENTS_USAGE);
      return command ? 2 : 0;
  }
}
