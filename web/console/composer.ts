import { h } from './dom.js';
import { citationName } from './format.js';
import type { Strings } from './i18n.js';
import type { Citation } from './types.js';

/**
 * The reply box: Enter sends, Shift+Enter breaks the line (never while an IME is composing).
 * Citations inserted from the knowledge search ride along with the next message as chips.
 */
export function makeComposer(t: Strings, send: (text: string, citations: Citation[]) => Promise<boolean>) {
  const input = h('textarea', { class: 'reply', rows: '3', maxlength: '4000', 'aria-label': t.replyLabel, placeholder: t.replyPlaceholder });
  const chips = h('ul', { class: 'chips', 'aria-label': t.citationsToSend });
  const button = h('button', { type: 'submit', class: 'primary' }, [t.send]);
  const hint = h('p', { class: 'hint', hidden: true }, [t.notYours]);
  const form = h('form', { class: 'composer' }, [hint, chips, input, h('div', { class: 'row end' }, [button])]);
  let citations: Citation[] = [];
  let busy = false;

  const renderChips = () => {
    chips.replaceChildren(
      ...citations.map((c, i) =>
        h('li', { class: 'chip' }, [
          citationName(c),
          h('button', { type: 'button', class: 'chip-remove', 'aria-label': t.removeCitation(citationName(c)), 'data-index': String(i) }, ['×']),
        ]),
      ),
    );
  };
  chips.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target.closest('button[data-index]') : null;
    if (!target) return;
    citations = citations.filter((_, i) => i !== Number(target.getAttribute('data-index')));
    renderChips();
    input.focus();
  });

  const submit = async () => {
    const text = input.value.trim();
    if (!text || busy || input.disabled) return;
    busy = true;
    button.textContent = t.sending;
    try {
      if (await send(text, citations)) {
        input.value = '';
        citations = [];
        renderChips();
      }
    } finally {
      busy = false;
      button.textContent = t.send;
      input.focus();
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void submit();
    }
  });

  return {
    el: form,
    input,
    /** Only the agent who owns the conversation may write; the draft survives being disabled. */
    setEnabled(enabled: boolean) {
      input.disabled = !enabled;
      button.disabled = !enabled;
      hint.hidden = enabled;
    },
    /** Puts the citation text at the cursor and adds the citation to the message. */
    insertCitation(c: Citation, text: string) {
      const start = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? start;
      const before = input.value.slice(0, start);
      const spacer = before && !before.endsWith('\n') ? '\n' : '';
      input.value = `${before}${spacer}${text}${input.value.slice(end)}`;
      const caret = before.length + spacer.length + text.length;
      input.setSelectionRange(caret, caret);
      if (!citations.some((x) => x.law === c.law && x.article === c.article)) citations = [...citations, c];
      renderChips();
      input.focus();
    },
    restore(draft: string, draftCitations: Citation[]) {
      input.value = draft;
      citations = draftCitations;
      renderChips();
    },
    draft: () => ({ text: input.value, citations }),
  };
}
