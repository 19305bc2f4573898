import { type Span, findAll, overlaps } from './matchPhrases.js';

export type Found = Span & { value: string };

/** A mainland mobile number, with or without +86 and separators: 138 0013 8000. */
const PHONE = /(?<![\d+])(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)/g;
/** 订单号/订单编号/order number followed by the number (not 快递单号 or 运单号: those are tracking numbers). */
const ORDER_NUMBER =
  /(?<!快递|物流|运|退货|寄回)(?:订单号|订单编号|订单号码|订单id|订单|单号|order(?:\s*(?:number|no\.?|id|#))?)\s*(?:(?:是|为|:|#|号|is\b)\s*)?([a-z0-9][a-z0-9-]{5,39})(?![a-z0-9])/g;
const BARE_ORDER_NUMBER = /(?<![a-z0-9])([a-z0-9][a-z0-9-]{5,39})(?![a-z0-9])/g;

export function findPhone(text: string, taken: readonly Span[]): Found | undefined {
  for (const m of findAll(text, PHONE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!taken.some((t) => overlaps(t, span))) return { ...span, value: `${m[1]}${m[2]}${m[3]}` };
  }
  return undefined;
}

/**
 * The order number after 订单号 or "order number", or, when the bot just asked for it, the first
 * run of letters and digits with at least four digits. Returned as the user typed it (case kept).
 */
export function findOrderNumber(text: string, original: string, awaiting: boolean): Found | undefined {
  const candidates = [...findAll(text, ORDER_NUMBER), ...(awaiting ? findAll(text, BARE_ORDER_NUMBER) : [])];
  for (const m of candidates) {
    const value = m[1] ?? '';
    const start = m.index + m[0].length - value.length;
    const end = m.index + m[0].length;
    if ((value.match(/\d/g) ?? []).length < 4) continue;
    return { start, end, value: original.slice(start, end) };
  }
  return undefined;
}
