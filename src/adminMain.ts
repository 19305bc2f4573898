import { AGENTS_USAGE, runAgentsCommand } from './admin/agents.js';
import { DATA_USAGE, runDataCommand } from './admin/data.js';
import { RETENTION_USAGE, runRetentionCommand } from './admin/retention.js';
import { composeRetention } from './composeRetention.js';
import { resealAll } from './cases/sql/reseal.js';
import { KEYS_USAGE, runKeysCommand } from './admin/keys.js';
import { runSitesCommand, SITES_USAGE } from './admin/sites.js';
import { generatePassword, hashPassword, passwordProblem } from './agents/password.js';
import { createAgent, disableAgent, listAgents, setAgentPassword } from './agents/sql/agentStore.js';
import { createApiKey, listApiKeys, revokeApiKey } from './apiKeys/sql/apiKeyStore.js';
import { openStorage } from './compose.js';
import { loadConfig } from './config.js';
import { coerceError } from './errors.js';
import { makeLogger } from './logger.js';
import { makeSites } from './sites/index.js';
import { makeSecretBox, makeWechatApps, parseSecretKeys } from './channels/wechat/index.js';

const USAGE = `npm run -s admin -- <noun> <command> [options]

${SITES_USAGE}
${AGENTS_USAGE}
${KEYS_USAGE}
${DATA_USAGE}
${RETENTION_USAGE}`;

const NOUNS = new Set(['sites', 'agents', 'keys', 'data', 'retention']);

/**
 * The operator's CLI: one module per noun under src/admin/ (sites, agents, keys). A composition root of its
 * own: config → database (migrated) → the noun's store. Logs go to stderr, results to stdout.
 */
async function main(argv: string[]): Promise<number> {
  const [noun, ...rest] = argv;
  if (!noun || noun === '--help' || noun === '-h' || noun === 'help') {
    process.stdout.write(USAGE);
    return noun ? 0 : 2;
  }
  if (!NOUNS.has(noun)) {
    process.stdout.write(`error: unknown noun "${noun}"\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const logger = makeLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: false, destination: process.stderr });
  const storage = await openStorage(config, logger);
  try {
    const { db } = storage.database;
    const sites = makeSites({ db });
    const out = process.stdout;
    const siteExists = async (id: string) => (await sites.find(id)) !== undefined;
    switch (noun) {
      case 'agents':
        return await runAgentsCommand(rest, {
          out,
          siteExists,
          create: async ({ password, ...agent }) => createAgent(db, { ...agent, passwordHash: await hashPassword(password) }),
          list: (siteId) => listAgents(db, siteId),
          setPassword: async (login, password) => setAgentPassword(db, login, await hashPassword(password)),
          disable: (login) => disableAgent(db, login),
          readSecret: readFirstLine,
          generatePassword,
          passwordProblem,
        });
      case 'keys':
        return await runKeysCommand(rest, {
          out,
          siteExists,
          create: (k) => createApiKey(db, k),
          list: (siteId) => listApiKeys(db, siteId),
          revoke: (id) => revokeApiKey(db, id),
        });
      case 'data':
        return await runDataCommand(rest, {
          out,
          currentKeyId: storage.cipher.currentKeyId,
          reseal: ({ dryRun }) => resealAll(db, storage.cipher, storage.seal, { dryRun }),
        });
      case 'retention': {
        const retention = composeRetention(config, db, logger);
        return await runRetentionCommand(rest, {
          out,
          policy: config.retention,
          run: ({ dryRun }) => retention.run({ dryRun, trigger: 'admin' }),
        });
      }
      default:
        return await runSitesCommand(rest, {
          sites,
          out,
          wechat: {
            siteExists,
            publicUrl: config.publicUrl,
            setApp: config.wechat.secretsKey ? makeWechatApps({ db, box: makeSecretBox(parseSecretKeys(config.wechat.secretsKey)) }).set : undefined,
          },
        });
    }
  } finally {
    await storage.database.close();
  }
}

/** The first line of stdin (a password piped in), without echoing anything. */
async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (thrown: unknown) => {
    process.stderr.write(`admin failed: ${coerceError(thrown).message}\n`);
    process.exit(1);
  },
);
