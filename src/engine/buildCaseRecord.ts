import type { Context, Stage } from '../../dialogs/rights/types.js';
import type { CaseRecord, CaseStatus } from '../cases/caseRecord.js';

/** The case status a dialog stage stands for. */
export function caseStatusFor(stage: Stage, awaitingAgent: boolean): CaseStatus {
  if (awaitingAgent || stage === 'handoff') return 'awaiting_agent';
  switch (stage) {
    case 'negotiate':
      return 'negotiating';
    case 'platform':
      return 'platform';
    case 'external':
      return 'external';
    case 'resolved':
      return 'resolved';
    case 'cancelled':
      return 'closed';
    default:
      return 'open';
  }
}

/** Everything the dialog knows, as the structured case record (only what the case needs). */
export function buildCaseRecord(c: Context, stage: Stage, awaitingAgent: boolean): CaseRecord {
  const s = c.slots;
  const conclusions = c.assessment?.conclusions ?? [];
  return {
    category: c.category ?? 'other',
    parties: { platform: s.platform, sellerType: s.sellerType, shopName: s.shopName, shopAddress: s.shopAddress },
    order: { orderNumber: s.orderNumber, product: s.product, amountFen: s.amountFen, orderDate: s.orderDate, receivedDate: s.receivedDate },
    facts: { problem: s.problem, sellerResponse: s.sellerResponse, openedPackage: s.openedPackage, isFood: s.isFood, injured: s.injured },
    contact: { phone: s.phone, name: s.complainantName, address: s.address },
    demands: s.wants ?? [],
    evidence: c.evidence,
    remedies: conclusions
      .filter((k) => k.kind !== 'deadline')
      .map((k) => ({
        id: k.id,
        kind: k.kind,
        title: k.title,
        text: k.text,
        citations: k.citations,
        ...(k.amountFen !== undefined ? { amountFen: k.amountFen } : {}),
      })),
    deadlines: conclusions
      .filter((k) => k.due)
      .map((k) => ({ id: k.id, title: k.title, due: k.due ?? '', ...(k.status ? { status: k.status } : {}), citations: k.citations })),
    citations: c.assessment?.citations ?? [],
    appliesConsumerLaw: c.assessment?.appliesConsumerLaw,
    step: stage,
    outcomes: c.outcomes,
    handoff: awaitingAgent || stage === 'handoff' ? 'awaiting_agent' : 'none',
  };
}
