import { AppError } from '../errors.js';
import type { Db } from '../storage/index.js';
import type { CaseStatus } from './caseRecord.js';
import type { PersonalSeal } from './crypto/sealPersonal.js';
import { decodeCursor, getCase, listCases, updateCase, type CaseDetail, type CaseFilter, type CasePage } from './sql/caseQueries.js';

/** The case queries operators and integrations use, every one limited to the caller's sites. */
export type Cases = {
  list(filter: CaseFilter, page: { limit: number; cursor?: string }): Promise<CasePage>;
  get(sites: readonly string[], caseNo: string): Promise<CaseDetail | undefined>;
  update(sites: readonly string[], caseNo: string, change: { status?: CaseStatus; note?: string }, actor: string): Promise<CaseDetail | undefined>;
};

export function makeCases({ db, seal }: { db: Db; seal: PersonalSeal }): Cases {
  return {
    async list(filter, page) {
      const cursor = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
      if (page.cursor !== undefined && !cursor)
        throw new AppError('VALIDATION_FAILED', 'The request is not valid: cursor is not one this API issued; start again without it.');
      return listCases(db, seal, filter, { limit: page.limit, cursor });
    },
    get: (sites, caseNo) => getCase(db, seal, sites, caseNo),
    update: (sites, caseNo, change, actor) => db.withTransaction((tx) => updateCase(tx, seal, sites, caseNo, change, actor)),
  };
}
