import { describe, expect, it } from 'vitest';
import { initialContext } from '../../dialogs/rights/rights.machine.js';
import type { Context } from '../../dialogs/rights/types.js';
import { CONFIRM_NO, CONFIRM_YES, confirmationReply, proposalToAsk, readConfirmation } from '../../src/engine/confirmProposed.js';
import type { Understanding } from '../../src/understanding/index.js';

const u = (over: Partial<Understanding> = {}): Understanding => ({ intents: [], slots: {}, problems: [], ...over });
const context = (over: Partial<Context> = {}): Context => ({ ...initialContext('zh'), ...over });
const pending = { slot: 'amountFen' as const, value: 30000 };

describe('confirming what a model proposed', () => {
  it('takes the value on a yes (typed or pressed), and consumes the yes so it answers nothing else', () => {
    const typed = readConfirmation(pending, u({ intents: ['yes', 'consent_yes'] }), undefined);
    expect(typed.answer).toBe('yes');
    expect(typed.understanding.slots.amountFen).toBe(30000);
    expect(typed.understanding.intents).toEqual([]);
    expect(readConfirmation(pending, u(), CONFIRM_YES).answer).toBe('yes');
  });

  it('drops it on a no, and lets a value of the user’s own win over a yes', () => {
    expect(readConfirmation(pending, u({ intents: ['no'] }), undefined)).toMatchObject({ answer: 'no', understanding: { slots: {} } });
    expect(readConfirmation(pending, u(), CONFIRM_NO).answer).toBe('no');
    const own = readConfirmation(pending, u({ intents: ['yes'], slots: { amountFen: 29900 } }), undefined);
    expect(own.answer).toBe('other');
    expect(own.understanding.slots.amountFen).toBe(29900);
    expect(readConfirmation(pending, u({ intents: ['question'], questions: ['运费谁出'] }), undefined).answer).toBe('other');
  });

  it('asks about the awaited fact first, only facts still unknown, set flags only, never over a consent question', () => {
    const proposed = { amountFen: 30000, receivedDate: '2026-11-25', isFood: false, injured: true };
    expect(proposalToAsk(u({ proposed }), context(), 'receivedDate')).toEqual({ slot: 'receivedDate', value: '2026-11-25' });
    expect(proposalToAsk(u({ proposed }), context(), undefined)).toEqual({ slot: 'amountFen', value: 30000 });
    expect(proposalToAsk(u({ proposed }), context({ slots: { amountFen: 100, receivedDate: '2026-11-20' } }), undefined)).toEqual({
      slot: 'injured',
      value: true,
    });
    expect(proposalToAsk(u({ proposed: { isFood: false } }), context(), undefined)).toBeUndefined();
    expect(proposalToAsk(u({ proposed }), context({ awaiting: { slot: 'consent', kind: 'confirm' } }), undefined)).toBeUndefined();
    expect(proposalToAsk(u(), context(), undefined)).toBeUndefined();
  });

  it('says the value as people read it, in the conversation’s language, with yes / no buttons that are not consent', () => {
    expect(confirmationReply(pending, 'zh')).toEqual({
      text: '我理解的金额是 ¥300，对吗？',
      suggestions: [
        { title: '对', value: CONFIRM_YES },
        { title: '不对', value: CONFIRM_NO },
      ],
    });
    expect(confirmationReply({ slot: 'orderDate', value: '2026-11-03' }, 'en').text).toBe('Did you order on 2026-11-03?');
    expect(confirmationReply({ slot: 'injured', value: true }, 'zh').text).toContain('受伤');
  });
});
