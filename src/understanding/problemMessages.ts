import type { SlotName, SlotProblem, SlotProblemCode } from './types.js';

const LABELS: Partial<Record<SlotName, { zh: string; en: string; example: string; exampleEn: string }>> = {
  orderDate: { zh: '下单日期', en: 'order date', example: '11月3号', exampleEn: 'Nov 3' },
  receivedDate: { zh: '签收日期', en: 'date you received the goods', example: '11月3号', exampleEn: 'Nov 3' },
  amountFen: { zh: '付款金额', en: 'amount you paid', example: '2999元', exampleEn: '2999 yuan' },
};

type Details = { text?: string; orderDate?: string; receivedDate?: string };

/** A problem with a Chinese re-ask the dialog can show as is, and its English twin. */
export function slotProblem(slot: SlotName, code: SlotProblemCode, details: Details = {}): SlotProblem {
  const label = LABELS[slot] ?? { zh: '这个信息', en: 'answer', example: '', exampleEn: '' };
  const said = details.text ?? '';
  const [message, messageEn] = texts(code, label, said, details);
  return details.text === undefined ? { slot, code, message, messageEn } : { slot, code, message, messageEn, text: details.text };
}

function texts(code: SlotProblemCode, label: NonNullable<(typeof LABELS)[SlotName]>, said: string, d: Details): [string, string] {
  const askAgain = `请再告诉我一次${label.zh}，例如“${label.example}”。`;
  const askAgainEn = `Please tell me the ${label.en} again, e.g. "${label.exampleEn}".`;
  switch (code) {
    case 'future_date':
      return [`“${said}”还没到呢。${askAgain}`, `"${said}" is in the future. ${askAgainEn}`];
    case 'invalid_date':
      return [`“${said}”不是一个有效的日期。${askAgain}`, `"${said}" is not a real calendar date. ${askAgainEn}`];
    case 'before_order':
      return [
        `签收日期（${d.receivedDate}）比下单日期（${d.orderDate}）还早，请确认一下哪个日期记错了。`,
        `The date you received the goods (${d.receivedDate}) is before the order date (${d.orderDate}). Please check which one is wrong.`,
      ];
    case 'after_received':
      return [
        `下单日期（${d.orderDate}）比签收日期（${d.receivedDate}）还晚，请确认一下哪个日期记错了。`,
        `The order date (${d.orderDate}) is after the date you received the goods (${d.receivedDate}). Please check which one is wrong.`,
      ];
    case 'zero_amount':
      return [`付款金额不能是0元。请告诉我实际付了多少钱，例如“2999元”。`, `The amount paid cannot be zero. How much did you actually pay? e.g. "2999 yuan".`];
    case 'negative_amount':
      return [
        `付款金额不能是负数。请告诉我实际付了多少钱，例如“2999元”。`,
        `The amount paid cannot be negative. How much did you actually pay? e.g. "2999 yuan".`,
      ];
    case 'implausible_amount':
      return [
        `“${said}”超过了一千万元，看起来不太对。请确认一下实际付款金额，例如“2999元”。`,
        `"${said}" is over ten million yuan, which looks wrong. Please check the amount you paid, e.g. "2999 yuan".`,
      ];
    case 'unparseable':
      return [
        `没看懂这个${label.zh}。请换个说法，例如“${label.example}”。`,
        `Sorry, I could not read that ${label.en}. Please say it another way, e.g. "${label.exampleEn}".`,
      ];
  }
}
