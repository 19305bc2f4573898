import type { CaseRecord } from '../cases/caseRecord.js';
import type { PersonalSeal } from '../cases/crypto/sealPersonal.js';
import { buildCaseRecord, caseStatusFor } from './buildCaseRecord.js';
import type { MachineSnapshot } from './machine.js';
import type { CaseWrite } from './sql/conversations.js';

type CaseWriteOptions = {
  caseNo: string;
  created: boolean;
  awaitingAgent: boolean;
  seal: PersonalSeal;
  event?: CaseWrite['event'];
  leftAt?: unknown;
};

/** The case of a dialog state, as the turn writes it (personal data sealed), and its structured record (plain). */
export function caseWrite(state: MachineSnapshot, o: CaseWriteOptions): { write: CaseWrite; record: CaseRecord } {
  const record = buildCaseRecord(state.context, state.value, o.awaitingAgent);
  const write: CaseWrite = {
    caseNo: o.caseNo,
    created: o.created,
    status: caseStatusFor(state.value, o.awaitingAgent),
    category: record.category,
    record: o.seal.record(record),
    phoneHash: record.contact.phone ? o.seal.phoneIndex(record.contact.phone) : null,
    actor: 'bot',
    ...(o.event ? { event: o.event } : {}),
    ...(o.leftAt !== undefined ? { leftAt: o.seal.snapshot(o.leftAt) } : {}),
  };
  return { write, record };
}

/**
 * A case the conversation moves away from (重新开始, a new dispute) is left as if cancelled where it
 * stood: closed, and a consumer who comes back to it by number and phone can say 返回上一步 to reopen it.
 */
export function cancelledState(before: MachineSnapshot): MachineSnapshot {
  if (before.value === 'cancelled') return before;
  const { awaiting: _awaiting, ...context } = before.context;
  // From the handoff, the stage to go back to is already the last one remembered.
  const history = before.value === 'handoff' ? context.history : [...context.history, before.value].slice(-10);
  return { value: 'cancelled', context: { ...context, history } };
}
