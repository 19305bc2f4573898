import { parseArgs } from 'node:util';
import type { RetentionResult } from '../cases/sql/retention.js';
import type { AdminOutput } from './sites.js';

export const RETENTION_USAGE = `npm run -s admin -- retention <command>

  run [--dry-run] [--json]        anonymise cases closed more than RETENTION_DAYS ago and erase conversations past
                                  their period (RETENTION_UNCONSENTED_DAYS without consent); --dry-run counts only
`;

export type RetentionAdminDeps = {
  out: AdminOutput;
  policy: { closedCaseDays: number; unconsentedDays: number };
  run(options: { dryRun: boolean }): Promise<RetentionResult>;
};

export async function runRetentionCommand(argv: string[], deps: RetentionAdminDeps): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } });
  const [command] = positionals;
  const { out } = deps;
  if (command !== 'run') {
    out.write(`error: unknown command "${command ?? ''}"\n\n${RETENTION_USAGE}`);
    return 2;
  }
  const dryRun = values['dry-run'] === true;
  const result = await deps.run({ dryRun });
  if (values.json) {
    out.write(`${JSON.stringify({ policy: deps.policy, ...result, ...(result.ran ? { evidence: result.evidence.length } : {}) })}\n`);
    return result.ran ? 0 : 1;
  }
  if (!result.ran) {
    out.write('another instance is running the retention job right now; nothing done\n');
    return 1;
  }
  const c = result.counts;
  out.write(
    `${dryRun ? 'dry run (nothing changed): would have' : 'done:'} ` +
      `${c.casesAnonymised} cases anonymised (closed > ${deps.policy.closedCaseDays} days), ` +
      `${c.conversationsDeleted} conversations deleted and ${c.conversationsErased} erased ` +
      `(idle > ${deps.policy.unconsentedDays} days without consent, > ${deps.policy.closedCaseDays} with); ` +
      `${c.turnEvents} turn events, ${c.processedTurns} stored replies, ${c.channelActivities} channel activities, ${c.evidenceFiles} evidence files, ${c.notes} notes removed\n`,
  );
  return 0;
}
