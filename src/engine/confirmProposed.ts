import { msg, type MessageKey } from '../../dialogs/rights/catalog.js';
import { formatDate, formatYuan } from '../../dialogs/rights/labels.js';
import { CONFIRMABLE_SLOTS, type ConfirmableSlot, type Context } from '../../dialogs/rights/types.js';
import type { Reply } from '../../dialogs/rights/wording.js';
import type { Intent, Understanding } from '../understanding/index.js';

/**
 * Values an assisting model proposed (an amount, a date, a fact that moves a deadline) are never used
 * as they come: the user is asked "是 ¥300 吗？" and the value counts only after a yes. Anything but a
 * yes drops it; the dialog then asks for the fact in its usual way.
 */
export type Pending = NonNullable<Context['confirming']>;

/** Button values of the confirmation (never `yes` / `no`, which answer the consent question). */
export const CONFIRM_YES = 'proposed_yes';
export const CONFIRM_NO = 'proposed_no';

const YES: readonly Intent[] = ['yes', 'consent_yes'];
const NO: readonly Intent[] = ['no', 'consent_no'];

export type ConfirmationRead = {
  answer: 'yes' | 'no' | 'other';
  /** The message as the dialog should read it: a yes carries the confirmed value, the yes / no itself is consumed. */
  understanding: Understanding;
};

/** The user's answer to a pending confirmation. A yes that comes with another value for the same fact is no yes to ours. */
export function readConfirmation(pending: Pending, u: Understanding, value: string | undefined): ConfirmationRead {
  const said = u.intents;
  const yes = value === CONFIRM_YES || (value === undefined && said.some((i) => YES.includes(i)) && !said.some((i) => NO.includes(i)));
  const no = value === CONFIRM_NO || (value === undefined && said.some((i) => NO.includes(i)));
  const intents = said.filter((i) => !YES.includes(i) && !NO.includes(i));
  if (yes && u.slots[pending.slot] === undefined) {
    return { answer: 'yes', understanding: { ...u, intents, slots: { ...u.slots, [pending.slot]: pending.value } } };
  }
  // 对，不过是 299: the user's own value is read as any fact is.
  if (yes) return { answer: 'other', understanding: { ...u, intents } };
  if (no) return { answer: 'no', understanding: { ...u, intents } };
  return { answer: 'other', understanding: u };
}

/** Whether the message carries anything besides the yes / no that was consumed. */
export function saysMore(u: Understanding): boolean {
  return u.intents.length > 0 || Object.keys(u.slots).length > 0 || (u.questions?.length ?? 0) > 0 || u.category !== undefined || u.problems.length > 0;
}

/**
 * The one proposal to ask about after this turn: the awaited fact first, then money, then the dates and
 * flags; only for facts still unknown. Never over a consent question (a 是 there must stay consent).
 */
export function proposalToAsk(u: Understanding, context: Context, awaitedBefore: string | undefined): Pending | undefined {
  if (!u.proposed || context.awaiting?.slot === 'consent') return undefined;
  const order = [...CONFIRMABLE_SLOTS].sort((a, b) => Number(b === awaitedBefore) - Number(a === awaitedBefore));
  for (const slot of order) {
    const value = u.proposed[slot];
    if (value === undefined || context.slots[slot] !== undefined || (context.slots.notKnown ?? []).includes(slot)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { slot, value };
  }
  return undefined;
}

export function confirmationReply(pending: Pending, locale: 'zh' | 'en'): Reply {
  return {
    text: msg(questionKey(pending), locale, { value: shown(pending, locale) }),
    suggestions: [
      { title: msg('confirmYes', locale), value: CONFIRM_YES },
      { title: msg('confirmNo', locale), value: CONFIRM_NO },
    ],
  };
}

function questionKey({ slot, value }: Pending): MessageKey {
  const keys: Record<ConfirmableSlot, MessageKey | [MessageKey, MessageKey]> = {
    amountFen: 'confirmAmountFen',
    orderDate: 'confirmOrderDate',
    receivedDate: 'confirmReceivedDate',
    openedPackage: ['confirmOpenedPackageYes', 'confirmOpenedPackageNo'],
    isFood: ['confirmIsFoodYes', 'confirmIsFoodNo'],
    injured: ['confirmInjuredYes', 'confirmInjuredNo'],
  };
  const key = keys[slot];
  return Array.isArray(key) ? key[value === true ? 0 : 1] : key;
}

function shown({ slot, value }: Pending, locale: 'zh' | 'en'): string {
  if (slot === 'amountFen' && typeof value === 'number') return formatYuan(value);
  if ((slot === 'orderDate' || slot === 'receivedDate') && typeof value === 'string') return formatDate(value, locale);
  return String(value);
}
