import { z } from 'zod';
import type { Queryable } from '../storage/index.js';
import { formatPlanAudit } from './formatPlanAudit.js';
import { auditPlanFile } from './runPlanAudit.js';

/** `kb audit-plan FILE [--on DATE] [--locale zh|en] [--json]`: prints the findings (exit code 0 either way). */
export async function runAuditPlanCommand(
  db: Queryable,
  files: string[],
  options: { on?: string; locale?: string; json?: boolean; knowledgeDir: string },
): Promise<void> {
  const [file] = files;
  if (!file || files.length > 1) throw new Error('audit-plan needs exactly one plan file: npm run -s kb -- audit-plan FILE');
  const on = options.on === undefined ? undefined : z.iso.date().parse(options.on);
  const locale = z.enum(['zh', 'en']).parse(options.locale ?? 'zh');
  const audit = await auditPlanFile(db, file, { knowledgeDir: options.knowledgeDir, on });
  process.stdout.write(options.json ? `${JSON.stringify(audit, null, 2)}\n` : formatPlanAudit(audit, locale));
}
