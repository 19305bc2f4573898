import { h } from './dom.js';
import type { Strings } from './i18n.js';
import type { Awaiting } from './types.js';

/**
 * Extra input for what the bot is waiting for: a date picker for a date, a numeric field for an
 * amount, and buttons for choices the message did not already offer. The text field stays usable.
 */
export function shapeInput(
  area: HTMLElement,
  awaiting: Awaiting | undefined,
  hasButtons: boolean,
  t: Strings,
  submit: (text: string, display?: string) => void,
): void {
  area.replaceChildren();
  area.hidden = true;
  if (!awaiting) return;
  if (awaiting.kind === 'date') {
    const field = h('input', { type: 'date', class: 'shaped-field', 'aria-label': t.datePick, max: today() });
    const send = () => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(field.value);
      if (m) submit(t.formatDate(Number(m[1]), Number(m[2]), Number(m[3])));
      else field.focus();
    };
    show(area, field, button(t.dateSend, send), send);
  } else if (awaiting.kind === 'money') {
    const field = h('input', {
      type: 'number',
      class: 'shaped-field',
      inputmode: 'decimal',
      min: '0',
      step: '0.01',
      'aria-label': t.moneyLabel,
      placeholder: t.moneyLabel,
    });
    const send = () => {
      const amount = Number(field.value);
      if (field.value !== '' && Number.isFinite(amount) && amount > 0) submit(t.formatMoney(String(Math.round(amount * 100) / 100)));
      else field.focus();
    };
    show(area, field, button(t.moneySend, send), send);
  } else if ((awaiting.kind === 'choice' || awaiting.kind === 'confirm') && !hasButtons && awaiting.choices?.length) {
    area.append(...awaiting.choices.map((choice) => button(choice, () => submit(choice))));
    area.hidden = false;
  }
}

function show(area: HTMLElement, field: HTMLInputElement, ok: HTMLButtonElement, send: () => void): void {
  field.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      send();
    }
  });
  area.append(field, ok);
  area.hidden = false;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'chip' }, [label]);
  b.addEventListener('click', onClick);
  return b;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
