import type { DateMention } from './findDates.js';
import { type Span, findAll } from './matchPhrases.js';
import { clauseAt, splitClauses } from './splitClauses.js';
import type { SlotName } from './types.js';

type DateSlot = 'orderDate' | 'receivedDate';
type Cue = Span & { slot: DateSlot | null };

/** Verbs that tell which event a date belongs to; `null` cues (申请退货, 联系客服) claim a date for no slot. */
const CUES: readonly { re: RegExp; slot: DateSlot | null }[] = [
  {
    re: /买|抢(?:购|到|了|的)|下单|下的单|付款|付的款|支付|拍下|拍的|拍了|购买|订购|订的|入手|(?<![一有差快早晚重])点(?:的|了)|ordered|bought|purchased|paid|placed/g,
    slot: 'orderDate',
  },
  { re: /收到|签收|到货|送到|送达|到的|刚到|收货|到手|拿到|received|delivered|arrived|got it/g, slot: 'receivedDate' },
  { re: /申请|退货|寄回|退回|联系|找客服|投诉|回复|发货|维修|坏的|坏了|returned|contacted|complained|shipped/g, slot: null },
];
/** A cue after the date is the Chinese order (11月3号收到); one before it (收到是11月3号) counts a little further away. */
const CUE_BEFORE_PENALTY = 3;
/** A cue in another clause only counts when it is this close: 10月30号，在京东买的 but not a verb three sentences on. */
const MAX_CROSS_CLAUSE_DISTANCE = 12;

/**
 * Gives each date the slot of the nearest cue in its own clause (买 → orderDate, 收到 → receivedDate),
 * else in the whole message; a date with no cue fills the awaited date slot. One date per slot.
 */
export function assignDates(text: string, dates: readonly DateMention[], awaiting: SlotName | undefined): Partial<Record<DateSlot, DateMention>> {
  const clauses = splitClauses(text);
  const cues: Cue[] = CUES.flatMap(({ re, slot }) => findAll(text, re).map((m) => ({ start: m.index, end: m.index + m[0].length, slot })));
  const pairs: { date: DateMention; slot: DateSlot | null; distance: number }[] = [];
  for (const date of dates) {
    const clause = clauseAt(clauses, date.start);
    const inClause = cues.filter((c) => clause !== undefined && c.start >= clause.start && c.end <= clause.end);
    const nearest = inClause.length > 0 ? closest(date, inClause) : closest(date, cues);
    if (nearest && (inClause.length > 0 || nearest.distance <= MAX_CROSS_CLAUSE_DISTANCE))
      pairs.push({ date, slot: nearest.cue.slot, distance: nearest.distance });
  }
  const assigned: Partial<Record<DateSlot, DateMention>> = {};
  const used = new Set<DateMention>();
  for (const { date, slot } of pairs.sort((a, b) => a.distance - b.distance)) {
    if (slot === null || assigned[slot] || used.has(date)) continue;
    assigned[slot] = date;
    used.add(date);
  }
  if (awaiting === 'orderDate' || awaiting === 'receivedDate') {
    const unclaimed = dates.find((d) => !pairs.some((p) => p.date === d));
    if (unclaimed && !assigned[awaiting]) assigned[awaiting] = unclaimed;
  }
  return assigned;
}

function closest(date: Span, cues: readonly Cue[]): { cue: Cue; distance: number } | undefined {
  let best: { cue: Cue; distance: number } | undefined;
  for (const cue of cues) {
    const distance = cue.start >= date.end ? cue.start - date.end : date.start - cue.end + CUE_BEFORE_PENALTY;
    if (distance < 0) continue;
    if (!best || distance < best.distance) best = { cue, distance };
  }
  return best;
}
