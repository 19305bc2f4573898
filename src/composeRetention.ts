import path from 'node:path';
import { makeRetention, type Retention } from './cases/makeRetention.js';
import { evidenceExists } from './channels/directline/sql/evidence.js';
import { removeEvidenceFile } from './channels/directline/storeEvidence.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Db } from './storage/index.js';

/** The retention job over this database and DATA_DIR's evidence folder (the server schedules it, the admin CLI runs it). */
export function composeRetention(config: Pick<Config, 'retention' | 'dataDir'>, db: Db, logger: Logger): Retention {
  const evidenceDir = path.resolve(config.dataDir, 'evidence');
  return makeRetention({
    db,
    policy: { closedCaseDays: config.retention.closedCaseDays, unconsentedDays: config.retention.unconsentedDays },
    removeEvidence: (sha256) => removeEvidenceFile(evidenceDir, sha256, (s) => evidenceExists(db, s)),
    logger,
  });
}
