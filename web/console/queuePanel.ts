import { h } from './dom.js';
import { categoryLabel, duration, reasonLabel, yuan } from './format.js';
import type { Strings } from './i18n.js';
import type { Locale, Queue, QueueItem } from './types.js';

/**
 * The queue column: waiting conversations (oldest first, as the server orders them) with a wait
 * time that ticks locally between pushes, then the agent's own. Each item is a button.
 */
export function makeQueuePanel(t: Strings, locale: Locale, open: (id: string) => void) {
  const waitingList = h('ul', { class: 'queue-list', 'aria-labelledby': 'wq-waiting-title' });
  const mineList = h('ul', { class: 'queue-list', 'aria-labelledby': 'wq-mine-title' });
  const waitingCount = h('span', { class: 'count' });
  const el = h('nav', { class: 'column queue', 'aria-label': t.queue }, [
    h('h2', { id: 'wq-waiting-title' }, [t.waiting, ' ', waitingCount]),
    waitingList,
    h('h2', { id: 'wq-mine-title' }, [t.mine]),
    mineList,
  ]);
  let selected: string | undefined;

  const item = (q: QueueItem, receivedAt: number, waiting: boolean) => {
    const wait = h('span', { class: 'wait', 'data-since': String(receivedAt - q.waitSeconds * 1000) }, [t.waitedFor(duration(q.waitSeconds, t))]);
    const button = h(
      'button',
      { type: 'button', class: 'queue-item', 'data-conversation': q.conversationId, 'aria-current': q.conversationId === selected ? 'true' : undefined },
      [
        h('span', { class: 'line' }, [
          h('strong', { class: 'category' }, [categoryLabel(q.category, locale, t)]),
          h('span', { class: 'amount' }, [q.amountFen === null ? t.noAmount : yuan(q.amountFen, t)]),
        ]),
        h('span', { class: 'line small' }, [
          q.serious ? h('span', { class: 'badge' }, [t.serious]) : null,
          waiting ? wait : null,
          q.reason ? h('span', { class: 'reason' }, [reasonLabel(q.reason, t)]) : null,
          q.caseNo ? h('span', { class: 'case-no' }, [q.caseNo]) : null,
        ]),
        q.lastMessage ? h('span', { class: 'last' }, [q.lastMessage]) : null,
      ],
    );
    button.addEventListener('click', () => open(q.conversationId));
    return h('li', {}, [button]);
  };

  return {
    el,
    render(queue: Queue) {
      const now = Date.now();
      waitingCount.textContent = `(${queue.waiting.length})`;
      waitingList.replaceChildren(
        ...(queue.waiting.length > 0 ? queue.waiting.map((q) => item(q, now, true)) : [h('li', { class: 'empty' }, [t.noneWaiting])]),
      );
      mineList.replaceChildren(...(queue.mine.length > 0 ? queue.mine.map((q) => item(q, now, false)) : [h('li', { class: 'empty' }, [t.noneMine])]));
    },
    select(id: string | undefined) {
      selected = id;
      for (const button of el.querySelectorAll('button[data-conversation]')) {
        if (button.getAttribute('data-conversation') === id) button.setAttribute('aria-current', 'true');
        else button.removeAttribute('aria-current');
      }
    },
    /** Called once a second: waiting times move on without asking the server. */
    tick() {
      const now = Date.now();
      for (const span of el.querySelectorAll<HTMLElement>('.wait[data-since]')) {
        span.textContent = t.waitedFor(duration((now - Number(span.dataset.since)) / 1000, t));
      }
    },
  };
}
