import { z } from 'zod';

export const CaseStatus = z.enum(['open', 'negotiating', 'platform', 'external', 'awaiting_agent', 'resolved', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/**
 * A cited article as the rules engine gives it (src/rules/assess/types.ts): `version`, the version date of the text
 * cited where the corpus holds several; `superseded`, a rule replaced since, cited only for what it said (`asZh`/`asEn`).
 */
const Citation = z.object({
  law: z.string(),
  article: z.string(),
  version: z.string().optional(),
  superseded: z.object({ on: z.string(), byZh: z.string(), byEn: z.string(), asZh: z.string(), asEn: z.string() }).optional(),
});
export type CaseCitation = z.infer<typeof Citation>;

/** The structured case a completed (or handed-over) dialog files. Money in fen; dates YYYY-MM-DD. */
export const CaseRecord = z.object({
  category: z.string(),
  parties: z.object({
    platform: z.string().optional(),
    sellerType: z.string().optional(),
    shopName: z.string().optional(),
    shopAddress: z.string().optional(),
  }),
  order: z.object({
    orderNumber: z.string().optional(),
    product: z.string().optional(),
    amountFen: z.number().int().optional(),
    orderDate: z.string().optional(),
    receivedDate: z.string().optional(),
  }),
  facts: z.object({
    problem: z.string().optional(),
    sellerResponse: z.string().optional(),
    openedPackage: z.boolean().optional(),
    isFood: z.boolean().optional(),
    injured: z.boolean().optional(),
  }),
  // What a 12315 complaint needs of the complainant (暂行办法 第九条), kept only with consent.
  contact: z.object({ phone: z.string().optional(), name: z.string().optional(), address: z.string().optional() }),
  demands: z.array(z.string()),
  evidence: z.array(z.string()),
  remedies: z.array(
    z.object({ id: z.string(), kind: z.string(), title: z.string(), text: z.string(), citations: z.array(Citation), amountFen: z.number().int().optional() }),
  ),
  deadlines: z.array(z.object({ id: z.string(), title: z.string(), due: z.string(), status: z.string().optional(), citations: z.array(Citation) })),
  citations: z.array(Citation),
  appliesConsumerLaw: z.boolean().optional(),
  step: z.string(),
  outcomes: z.array(z.object({ step: z.string(), outcome: z.string() })),
  handoff: z.enum(['none', 'awaiting_agent']),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

/** Human-friendly and not guessable in sequence: WQ-20261128-7K3P (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function makeCaseNo(date: string, random: (n: number) => number): string {
  const suffix = Array.from({ length: 4 }, () => ALPHABET[random(ALPHABET.length)]).join('');
  return `WQ-${date.replaceAll('-', '')}-${suffix}`;
}

// Cases are found again by number plus phone; only a keyed hash of the phone is indexed (crypto/sealPersonal.ts).
