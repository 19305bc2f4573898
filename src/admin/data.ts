import { parseArgs } from 'node:util';
import type { ResealReport } from '../cases/sql/reseal.js';
import type { AdminOutput } from './sites.js';

export const DATA_USAGE = `npm run -s admin -- data <command>

  reencrypt [--dry-run] [--json]  rewrite all personal data at rest with the newest key of DATA_ENCRYPTION_KEY
                                  (and seal values written before encryption); safe while the service runs
  key                             the id of the key new writes use, and how many keys the ring holds
`;

export type DataAdminDeps = {
  out: AdminOutput;
  currentKeyId: string;
  reseal(options: { dryRun: boolean }): Promise<ResealReport>;
};

export async function runDataCommand(argv: string[], deps: DataAdminDeps): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } });
  const [command] = positionals;
  const { out } = deps;
  switch (command) {
    case 'reencrypt': {
      const dryRun = values['dry-run'] === true;
      const report = await deps.reseal({ dryRun });
      if (values.json) {
        out.write(`${JSON.stringify({ keyId: deps.currentKeyId, dryRun, tables: report })}\n`);
        return 0;
      }
      out.write(`${dryRun ? 'would re-encrypt' : 're-encrypted'} with key ${deps.currentKeyId}:\n`);
      for (const [table, r] of Object.entries(report)) out.write(`  ${table.padEnd(20)} ${String(r.resealed).padStart(7)} of ${r.scanned} rows\n`);
      return 0;
    }
    case 'key':
      out.write(`${deps.currentKeyId}\n`);
      return 0;
    default:
      out.write(`error: unknown command "${command ?? ''}"\n\n${DATA_USAGE}`);
      return 2;
  }
}
