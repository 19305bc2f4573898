import type { Stage } from './api.js';
import { h, safeUrl } from './dom.js';
import { categoryLabel, citationName, dateTime, sellerTypeLabel, yuan } from './format.js';
import type { Strings } from './i18n.js';
import type { CaseView, Citation, ConversationView, Locale } from './types.js';

export type CaseActions = {
  claim(): void;
  handBack(stage: Stage | undefined): void;
  close(): void;
  setStatus(caseNo: string, status: string): void;
  addNote(text: string): Promise<boolean>;
};

const STATUSES = ['open', 'negotiating', 'platform', 'external', 'awaiting_agent', 'resolved', 'closed'];
const STAGES = ['', 'collecting', 'evidence', 'negotiate', 'platform', 'external'] as const;

/**
 * The case column: what the agent can do (claim, hand back at a step, close, set the status), then
 * the case record, the evidence and the internal notes. The controls persist across refreshes so a
 * half-typed note survives a push; the record part is redrawn from each fetched view.
 */
export function makeCasePanel(t: Strings, locale: Locale, actions: CaseActions) {
  const claim = h('button', { type: 'button', class: 'primary' }, [t.claim]);
  const stage = h(
    'select',
    { 'aria-label': t.handBackStep },
    STAGES.map((s) => h('option', { value: s }, [t.stages[s] ?? s])),
  );
  const handBack = h('button', { type: 'button' }, [t.handBack]);
  const close = h('button', { type: 'button', class: 'danger' }, [t.close]);
  const owner = h('p', { class: 'owner' });
  const status = h(
    'select',
    { 'aria-label': t.status },
    STATUSES.map((s) => h('option', { value: s }, [t.statuses[s] ?? s])),
  );
  const statusRow = h('label', { class: 'row' }, [h('span', {}, [t.status]), status]);
  const details = h('div', { class: 'details' });
  const noteInput = h('textarea', { rows: '2', maxlength: '4000', 'aria-label': t.noteHint, placeholder: t.noteHint });
  const noteForm = h('form', { class: 'note-form' }, [noteInput, h('div', { class: 'row end' }, [h('button', { type: 'submit' }, [t.addNote])])]);
  const notes = h('ul', { class: 'notes' });
  const el = h('div', { class: 'case-body' }, [
    h('section', { class: 'actions', 'aria-label': t.actions }, [
      owner,
      h('div', { class: 'row' }, [claim, close]),
      h('div', { class: 'row' }, [stage, handBack]),
      statusRow,
    ]),
    details,
    h('section', { 'aria-labelledby': 'wq-notes-title' }, [h('h3', { id: 'wq-notes-title' }, [t.notes]), notes, noteForm]),
  ]);
  let caseNo: string | undefined;

  claim.addEventListener('click', () => actions.claim());
  handBack.addEventListener('click', () => actions.handBack(STAGES.find((s): s is Stage => s !== '' && s === stage.value)));
  close.addEventListener('click', () => actions.close());
  status.addEventListener('change', () => caseNo && actions.setStatus(caseNo, status.value));
  noteForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = noteInput.value.trim();
    if (text) void actions.addNote(text).then((ok) => ok && (noteInput.value = ''));
  });

  return {
    el,
    render(view: ConversationView | undefined, me: string) {
      el.hidden = !view;
      if (!view) return;
      const c = view.conversation;
      const mine = c.owner === 'agent' && c.agentId === me;
      owner.textContent = mine ? t.yours : c.owner === 'agent' && c.agentName ? t.ownedBy(c.agentName) : (t.ownerLabels[c.owner] ?? c.owner);
      claim.disabled = c.owner !== 'waiting';
      handBack.disabled = close.disabled = stage.disabled = !mine;
      caseNo = view.case?.caseNo;
      statusRow.hidden = !view.case;
      if (view.case) status.value = view.case.status;
      details.replaceChildren(
        ...(view.case ? renderCase(view.case, t, locale) : [h('p', { class: 'empty' }, [t.noCase])]),
        ...(view.case ? [renderDocuments(view.case.caseNo, view.conversation.locale, t)] : []),
        renderEvidence(view, t),
      );
      const list = [...view.notes, ...(view.case?.notes ?? [])];
      notes.replaceChildren(
        ...(list.length > 0
          ? list.map((n) => h('li', {}, [h('p', {}, [n.text]), h('small', {}, [n.actor === `agent:${me}` ? t.me : n.actor, ' · ', dateTime(n.at)])]))
          : [h('li', { class: 'empty' }, [t.noNotes])]),
      );
    },
  };
}

function renderCase(k: CaseView, t: Strings, locale: Locale): HTMLElement[] {
  const pairs = (
    labels: Record<string, string>,
    values: Record<string, string | boolean | number | undefined>,
    show: (key: string, v: string | boolean | number) => string,
  ) =>
    h(
      'dl',
      {},
      Object.keys(labels).flatMap((key) => {
        const v = values[key];
        return v === undefined || v === '' ? [] : [h('dt', {}, [labels[key] ?? key]), h('dd', {}, [show(key, v)])];
      }),
    );
  const text = (_key: string, v: string | boolean | number) => (typeof v === 'boolean' ? (v ? t.yes : t.no) : String(v));
  return [
    h('h2', {}, [`${t.caseNo} `, h('span', { class: 'case-no' }, [k.caseNo])]),
    h('p', { class: 'category' }, [categoryLabel(k.category, locale, t)]),
    section(t.facts, pairs(t.factLabels, k.facts, text)),
    section(
      t.parties,
      pairs(t.partyLabels, k.parties, (key, v) => (key === 'sellerType' && typeof v === 'string' ? sellerTypeLabel(v, locale) : text(key, v))),
    ),
    section(
      t.order,
      pairs(t.orderLabels, k.order, (key, v) => (key === 'amountFen' && typeof v === 'number' ? yuan(v, t) : text(key, v))),
    ),
    k.demands.length > 0
      ? section(
          t.demands,
          h(
            'ul',
            {},
            k.demands.map((d) => h('li', {}, [d])),
          ),
        )
      : null,
    section(
      t.remedies,
      h(
        'ul',
        { class: 'cards' },
        k.remedies.map((r) =>
          h('li', {}, [h('strong', {}, [r.title, r.amountFen !== undefined ? `（${yuan(r.amountFen, t)}）` : '']), h('p', {}, [r.text]), cites(r.citations)]),
        ),
      ),
    ),
    section(
      t.deadlines,
      h(
        'ul',
        { class: 'cards' },
        k.deadlines.map((d) =>
          h('li', {}, [
            h('strong', {}, [d.title]),
            ' ',
            h('span', { class: 'due' }, [t.due(d.due)]),
            d.status ? h('span', { class: `due-status is-${d.status}` }, [` · ${t.dueStatus[d.status] ?? d.status}`]) : null,
            cites(d.citations),
          ]),
        ),
      ),
    ),
  ].filter((x): x is HTMLElement => x !== null);
}

function renderEvidence(view: ConversationView, t: Strings): HTMLElement {
  const items = view.evidence.map((e) => {
    const url = safeUrl(e.url);
    if (!url) return h('li', {}, [e.name]);
    const preview = e.contentType.startsWith('image/') ? h('img', { src: url, alt: t.preview(e.name), loading: 'lazy' }) : null;
    return h('li', {}, [
      h('a', { href: url, target: '_blank', rel: 'noopener' }, [preview ?? e.name]),
      preview ? h('span', { class: 'file-name' }, [e.name]) : null,
    ]);
  });
  return section(t.evidence, h('ul', { class: 'evidence' }, items.length > 0 ? items : [h('li', { class: 'empty' }, [t.noEvidence])]));
}

const DOCUMENT_KINDS = ['dossier', 'seller-letter', 'platform-request', 'complaint-12315', 'mediation-request', 'report', 'civil-complaint'];
// Addressed to a Chinese authority or court: for an English conversation, the Chinese version too.
const AUTHORITY = new Set(['complaint-12315', 'mediation-request', 'report', 'civil-complaint']);

/** Download links for the case's documents; the browser sends the agent's session cookie with them. */
function renderDocuments(caseNo: string, conversationLocale: string | null, t: Strings): HTMLElement {
  const href = (kind: string, format: string, lang?: string) =>
    `/api/cases/${encodeURIComponent(caseNo)}/documents/${kind}.${format}${lang ? `?lang=${lang}` : ''}`;
  const link = (label: string, kind: string, format: string, lang?: string) =>
    h('a', { href: href(kind, format, lang), download: '', class: 'chip', 'data-doc': `${kind}.${format}${lang ? `:${lang}` : ''}` }, [label]);
  const items = DOCUMENT_KINDS.map((kind) =>
    h('li', {}, [
      h('span', {}, [t.documentNames[kind] ?? kind]),
      ' ',
      link('PDF', kind, 'pdf'),
      ' ',
      link('Word', kind, 'docx'),
      ...(conversationLocale === 'en' && AUTHORITY.has(kind) ? [' ', link(`${t.inChinese} PDF`, kind, 'pdf', 'zh')] : []),
    ]),
  );
  return section(t.documents, h('ul', { class: 'documents' }, items));
}

const section = (title: string, body: HTMLElement) => h('section', {}, [h('h3', {}, [title]), body]);

const cites = (list: Citation[]) =>
  list.length > 0
    ? h(
        'ul',
        { class: 'cites' },
        list.map((c) => h('li', { class: 'chip' }, [citationName(c)])),
      )
    : null;
