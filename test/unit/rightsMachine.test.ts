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
  {
    name: 'a story at the welcome goes straight to the facts, no consent asked',
    from: 'welcome',
    context: initialContext('zh'),
    event: facts(phone, 'seven_day_return'),
    to: 'collecting',
    actions: ['routeCollect'],
  },
  {
    name: 'consent given before the story is noted, then the story is asked for',
    from: 'welcome',
    context: initialContext('zh'),
    event: { type: 'CONSENT', given: true },
    to: 'triage',
    actions: ['sayConsentThanks', 'routeTriage'],
  },
  {
    name: 'consent declined keeps helping',
    from: 'welcome',
    context: initialContext('zh'),
    event: { type: 'CONSENT', given: false },
    to: 'triage',
    actions: ['sayConsentDeclined', 'routeTriage'],
  },
  {
    name: 'consent answered mid-ladder goes back to the question it was asked over',
    from: 'negotiate',
    context: {
      ...initialContext('zh'),
      category: 'seven_day_return',
      awaiting: { slot: 'consent', kind: 'confirm', resume: { slot: 'outcome', kind: 'choice' } },
    },
    event: { type: 'CONSENT', given: false },
    to: 'negotiate',
    actions: ['sayConsentDeclined', 'sayReprompt'],
  },
  {
    name: 'a first story with facts missing gives the first help, then asks',
    from: 'collecting',
    context: { ...initialContext('zh'), category: 'seven_day_return', slots: { product: '手机' } },
    event: { type: 'ROUTE_ASK' },
    to: 'collecting',
    actions: ['preview', 'sayAskSlot'],
  },
  {
    name: 'an urgent situation is said first, wherever the dialog is',
    from: 'negotiate',
    context: consented({ category: 'scam' }),
    event: { type: 'URGENT', kinds: ['scam_in_progress'] },
    to: 'negotiate',
    actions: ['sayUrgent'],
  },
  {
    name: 'consent withdrawn drops the contact from the case',
    from: 'platform',
    context: consented({ category: 'seven_day_return', slots: { ...phone, phone: '13800138000' }, caseNo: 'WQ-20261128-7K3P' }),
    event: { type: 'WITHDRAW_CONSENT' },
    to: 'platform',
    actions: ['forgetCaseContact', 'sayConsentWithdrawn'],
  },
  {
    name: 'a fact asked again and answered with something else is skipped, not looped',
    from: 'collecting',
    context: {
      ...initialContext('zh'),
      category: 'seven_day_return',
      slots: { product: '手机', platform: '京东', amountFen: 100 },
      awaiting: { slot: 'receivedDate', kind: 'date', tries: 1 },
    },
    event: facts({ problem: '屏幕坏了' }),
    to: 'collecting',
    actions: ['sayGoOnWithout', 'routeSkip'],
  },
  {
    name: 'a fact not understood three times is skipped',
    from: 'collecting',
    context: {
      ...initialContext('zh'),
      category: 'seven_day_return',
      slots: { product: '手机', platform: '京东', amountFen: 100 },
      awaiting: { slot: 'receivedDate', kind: 'date', tries: 2 },
    },
    event: { type: 'UNCLEAR' },
    to: 'collecting',
    actions: ['sayGoOnWithout', 'routeSkip'],
  },
  {
    name: 'complete facts in triage go to collecting, which routes to the assessment',
    from: 'triage',
    context: consented(),
    event: facts(phone, 'seven_day_return'),
    to: 'collecting',
    actions: ['routeCollect'],
  },
  {
    name: 'an assessment files the case and asks for evidence',
    from: 'collecting',
    context: consented({ category: 'seven_day_return', slots: phone }),
    event: { type: 'ASSESSED', assessment: { conclusions: [], citations: [], appliesConsumerLaw: true } },
    to: 'evidence',
    actions: ['sayAssessment', 'fileCase', 'sayAskEvidence'],
  },
  {
    name: 'a refusal by the seller climbs to the platform',
    from: 'negotiate',
    context: consented({ category: 'seven_day_return', slots: phone, caseNo: 'WQ-20261128-7K3P' }),
    event: { type: 'OUTCOME', outcome: 'refused' },
    to: 'platform',
    actions: ['fileCase', 'sayPlatformRequest'],
  },
  {
    name: 'an agreement resolves the case',
    from: 'negotiate',
    context: consented({ category: 'seven_day_return', slots: phone, caseNo: 'WQ-20261128-7K3P' }),
    event: { type: 'OUTCOME', outcome: 'agreed' },
    to: 'resolved',
    actions: ['fileCase', 'sayResolved'],
  },
  {
    name: 'a side question is answered without leaving the state',
    from: 'collecting',
    context: consented({ category: 'seven_day_return', awaiting: { slot: 'amountFen', kind: 'money' } }),
    event: { type: 'QUESTION', text: '运费谁出？' },
    to: 'collecting',
    actions: ['answerQuestion'],
  },
  {
    name: 'asking for a person hands over from anywhere',
    from: 'negotiate',
    context: consented({ category: 'seven_day_return', slots: phone }),
    event: { type: 'HANDOFF' },
    to: 'handoff',
    actions: ['requestHandoff', 'fileCase', 'sayHandoff'],
  },
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

  it('consent asked over another question answers it and goes back to that question', () => {
    const asked = transition(
      { value: 'negotiate', context: { ...initialContext('zh'), category: 'seven_day_return', awaiting: { slot: 'outcome', kind: 'choice' } } },
      { type: 'NEED_CONSENT', reason: 'case' },
    );
    expect(asked.snapshot.context.awaiting).toMatchObject({ slot: 'consent', resume: { slot: 'outcome' } });
    const given = transition(asked.snapshot, { type: 'CONSENT', given: true });
    expect(given.snapshot.context).toMatchObject({ consent: 'given', awaiting: { slot: 'outcome' } });
    expect(given.actions).toContain('fileCase');
  });

  it('withdrawing consent removes every identifying fact from the dialog', () => {
    const step = transition(
      {
        value: 'external',
        context: consented({
          category: 'non_delivery',
          slots: { platform: '京东', phone: '13800138000', complainantName: '李娜', address: '杭州', orderNumber: '1234567890' },
        }),
      },
      { type: 'WITHDRAW_CONSENT' },
    );
    expect(step.snapshot.context.consent).toBe('declined');
    expect(step.snapshot.context.slots).toEqual({ platform: '京东' });
  });

  it('never mutates the snapshot it was given', () => {
    const context = consented({ category: 'seven_day_return' });
    const frozen = JSON.stringify(context);
    transition({ value: 'collecting', context }, facts({ amountFen: 100 }));
    expect(JSON.stringify(context)).toBe(frozen);
  });
});
