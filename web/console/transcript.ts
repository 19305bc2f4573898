import { h, safeUrl } from './dom.js';
import { citationName, clock } from './format.js';
import type { Strings } from './i18n.js';
import type { Entry } from './types.js';

/**
 * The transcript: a role="log" live region, so a screen reader announces entries as they arrive.
 * Entries are keyed by `seq`, so the copy from the reply's answer and the one from the stream show once.
 */
export function makeTranscript(t: Strings, evidenceUrl: (sha256: string) => string | undefined) {
  const log = h('ol', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t.transcript, tabindex: '0' });
  let seen = new Set<number>();

  const add = (entry: Entry) => {
    if (seen.has(entry.seq)) return;
    seen.add(entry.seq);
    // Follow new entries only when the agent is reading the end, not while they scroll back.
    const following = log.scrollHeight - log.scrollTop - log.clientHeight < 120;
    // Entries normally arrive in order; one that overtook another is put back in its place.
    const after = Array.from(log.children).find((child) => Number(child.getAttribute('data-seq')) > entry.seq);
    log.insertBefore(renderEntry(entry, t, evidenceUrl), after ?? null);
    if (following) log.scrollTop = log.scrollHeight;
  };

  return {
    el: log,
    reset(entries: Entry[]) {
      seen = new Set();
      log.replaceChildren();
      for (const entry of entries) add(entry);
    },
    /** To the newest entry; call once the log is on screen (a hidden log has no height to scroll). */
    scrollToEnd() {
      log.scrollTop = log.scrollHeight;
    },
    add,
    /** The newest entry shown: the stream resumes after it. */
    lastSeq: () => Math.max(0, ...Array.from(seen)),
  };
}

function renderEntry(entry: Entry, t: Strings, evidenceUrl: (sha256: string) => string | undefined): HTMLElement {
  const who =
    entry.from === 'agent' && entry.name
      ? `${t.from.agent} ${entry.name}`
      : entry.from === 'user' && entry.name
        ? `${t.from.user}（${entry.name}）`
        : t.from[entry.from];
  const time = clock(entry.at);
  return h('li', { class: `entry from-${entry.from}`, 'data-seq': String(entry.seq) }, [
    h('div', { class: 'entry-head' }, [h('span', { class: 'who' }, [who]), time ? h('time', { datetime: entry.at, title: entry.at }, [time]) : null]),
    entry.text ? h('p', { class: 'entry-text' }, [entry.text]) : null,
    entry.citations.length > 0
      ? h(
          'ul',
          { class: 'entry-cites', 'aria-label': t.cited },
          entry.citations.map((c) => h('li', { class: 'chip' }, [citationName(c)])),
        )
      : null,
    ...entry.attachments.map((a) => {
      const found = a.url ?? (a.sha256 ? evidenceUrl(a.sha256) : undefined);
      const url = found ? safeUrl(found) : undefined;
      if (!url) return h('p', { class: 'attachment' }, [a.name]);
      if (a.contentType.startsWith('image/'))
        return h('a', { class: 'attachment', href: url, target: '_blank', rel: 'noopener' }, [h('img', { src: url, alt: t.preview(a.name), loading: 'lazy' })]);
      return h('a', { class: 'attachment', href: url, target: '_blank', rel: 'noopener' }, [a.name]);
    }),
  ]);
}
