import { z } from 'zod';

/**
 * The cases API as the server sees it. The server imports nothing from src/cases (the layer rules): these are
 * its own view of a case list and a case, and src/main.ts binds them to src/cases, where a compile-time
 * check keeps the two identical (a status added there and not here fails the build).
 */
export const CaseStatus = z.enum(['open', 'negotiating', 'platform', 'external', 'awaiting_agent', 'resolved', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Filters of the operators' case list; every one optional. Dates are YYYY-MM-DD, Asia/Shanghai. */
export type CaseFilter = {
  sites: readonly string[];
  status?: CaseStatus[];
  category?: string[];
  platform?: string;
  from?: string;
  to?: string;
  text?: string;
};

export type CaseSummary = {
  caseNo: string;
  siteId: string;
  status: CaseStatus;
  category: string;
  platform: string | null;
  shopName: string | null;
  product: string | null;
  amountFen: number | null;
  step: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CasePage = { cases: CaseSummary[]; nextCursor: string | null };

/** The structured record travels as JSON: the server passes it through without reading it. */
export type CaseDetail = CaseSummary & {
  conversationId: string;
  record: object;
  events: { seq: number; type: string; actor: string; payload: unknown; at: string }[];
};
