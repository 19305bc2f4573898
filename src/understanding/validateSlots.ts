import { type CivilDate, formatIso, isAfter } from './civilDate.js';
import type { DateMention } from './findDates.js';
import type { MoneyMention } from './findMoney.js';
import { slotProblem } from './problemMessages.js';
import type { Slots, SlotProblem } from './types.js';

/** Above ¥10,000,000 an online purchase is more likely a typo (an order number, an extra zero) than a price. */
const MAX_PLAUSIBLE_FEN = 10_000_000 * 100;

type DateSlots = Pick<Partial<Slots>, 'orderDate' | 'receivedDate'>;
type Checked<T> = { slots: T; problems: SlotProblem[] };

/**
 * Keeps the dates that can be right and explains the rest: no real day (2月30号), in the future,
 * or received before ordered (checked against the order date known from earlier turns too).
 */
export function validateDates(dates: { orderDate?: DateMention; receivedDate?: DateMention }, today: CivilDate, known: Partial<Slots>): Checked<DateSlots> {
  const slots: DateSlots = {};
  const problems: SlotProblem[] = [];
  for (const slot of ['orderDate', 'receivedDate'] as const) {
    const mention = dates[slot];
    if (!mention) continue;
    if (!mention.date) problems.push(slotProblem(slot, 'invalid_date', { text: mention.text }));
    else if (isAfter(mention.date, today)) problems.push(slotProblem(slot, 'future_date', { text: mention.text }));
    else slots[slot] = formatIso(mention.date);
  }
  const orderDate = slots.orderDate ?? known.orderDate;
  const receivedDate = slots.receivedDate ?? known.receivedDate;
  if (orderDate && receivedDate && receivedDate < orderDate) {
    // Blame the date given in this message; if both are new, the received date (said second, as a rule).
    const blamed = slots.receivedDate !== undefined ? 'receivedDate' : 'orderDate';
    const text = dates[blamed]?.text;
    problems.push(slotProblem(blamed, blamed === 'receivedDate' ? 'before_order' : 'after_received', { orderDate, receivedDate, ...(text ? { text } : {}) }));
    delete slots[blamed];
  }
  return { slots, problems };
}

/** Keeps a plausible amount in integer fen; zero, negative and absurd sums become problems. */
export function validateAmount(mention: MoneyMention | undefined): Checked<Pick<Partial<Slots>, 'amountFen'>> {
  if (!mention) return { slots: {}, problems: [] };
  const fen = Math.round(mention.yuan * 100);
  const text = mention.text;
  if (fen === 0) return { slots: {}, problems: [slotProblem('amountFen', 'zero_amount', { text })] };
  if (fen < 0) return { slots: {}, problems: [slotProblem('amountFen', 'negative_amount', { text })] };
  if (fen > MAX_PLAUSIBLE_FEN) return { slots: {}, problems: [slotProblem('amountFen', 'implausible_amount', { text })] };
  return { slots: { amountFen: fen }, problems: [] };
}
