import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '../../dialogs/rights/events.js';
import { initialContext } from '../../dialogs/rights/rights.machine.js';
import type { Context, Slots, Stage } from '../../dialogs/rights/types.js';
import { transition } from '../../src/engine/machine.js';

/** Table tests of the pure machine: (state, context, event) → next state and named actions. No I/O. */
const consented = (extra: Partial<Context> = {}): Context => ({ ...initialContext('zh'), consent: 'given', ...extra });
const facts = (slots: Partial<Slots>, best?: Context['category']): DialogEvent => ({
  type: 'FACTS',
  slots,
  correction: false,
  ...(best ? { category: { best, confident: true, alternatives: [] } } : {}),
});
const phone = { product: '手机', platform: '京东', amountFen: 299900, receivedDate: '2026-11-03' };

const cases: { name: string; from: Stage; context: Context; event: DialogEvent; to: Stage; actions: string[] }[] = [
  { name: 'consent given moves on to triage', from: 'welcome', context: initialContext('zh'), event: { type: 'CONSENT', given: true }, to: 'triage', actions: ['sayConsentThanks', 'routeTriage'] },
  { name: 'consent declined leaves questions only', from: 'welcome', context: initialContext('zh'), event: { type: 'CONSENT', given: false }, to: 'questionsOnly', actions: ['sayQuestionsOnly'] },
  { name: 'complete facts in triage go to collecting, which routes to the assessment', from: 'triage', context: consented(), event: facts(phone, 'seven_day_return'), to: 'collecting', actions: ['routeCollect'] },
  { name: 'an assessment files the case and asks for evidence', from: 'collecting', context: consented({ category: 'seven_day_return', slots: phone }), event: { type: 'ASSESSED', assessment: { conclusions: [], citations: [], appliesConsumerLaw: true } }, to: 'evidence', actions: ['sayAssessment', 'fileCase', 'sayAskEvidence'] },
  { name: 'a refusal by the seller climbs to the platform', from: 'negotiate', context: consented({ category: 'seven_day_return', slots: phone, caseNo: 'WQ-20261128-7K3P' }), event: { type: 'OUTCOME', outcome: 'refused' }, to: 'platform', actions: ['fileCase', 'sayPlatformRequest'] },
  { name: 'an agreement resolves the case', from: 'negotiate', context: consented({ category: 'seven_day_return', slots: phone, caseNo: 'WQ-20261128-7K3P' }), event: { type: 'OUTCOME', outcome: 'agreed' }, to: 'resolved', actions: ['fileCase', 'sayResolved'] },
  { name: 'a side question is answered without leaving the state', from: 'collecting', context: consented({ category: 'seven_day_return', awaiting: { slot: 'amountFen', kind: 'money' } }), event: { type: 'QUESTION', text: '运费谁出？' }, to: 'collecting', actions: ['answerQuestion'] },
  { name: 'asking for a person hands over from anywhere', from: 'negotiate', context: consented({ category: 'seven_day_return', slots: phone }), event: { type: 'HANDOFF' }, to: 'handoff', actions: ['requestHandoff', 'fileCase', 'sayHandoff'] },
];

describe('rights machine transitions', () => {
  it.each(cases)('$name', ({ from, context, event, to, actions }) => {
    const step = transition({ value: from, context }, event);
    expect(step.snapshot.value).toBe(to);
    for (const a of actions) expect(step.actions).toContain(a);
  });

  it('a second handoff request while one is pending is acknowledged, not queued again', () => {
    const step = transition({ value: 'handoff', context: consented() }, { type: 'HANDOFF' });
    expect(step.snapshot.value).toBe('handoff');
    expect(step.actions).not.toContain('requestHandoff');
  });

  it('before consent, identifying facts (order number, phone) are not kept; the others are', () => {
    const step = transition({ value: 'welcome', context: initialContext('zh') }, facts({ platform: '京东', orderNumber: '123456789', phone: '13800138000' }));
    expect(step.snapshot.context.slots).toEqual({ platform: '京东' });
  });

  it('never mutates the snapshot it was given', () => {
    const context = consented({ category: 'seven_day_return' });
    const frozen = JSON.stringify(context);
    transition({ value: 'collecting', context }, facts({ amountFen: 100 }));
    expect(JSON.stringify(context)).toBe(frozen);
  });
});
