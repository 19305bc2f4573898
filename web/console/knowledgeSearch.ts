import type { Api } from './api.js';
import { ApiError } from './api.js';
import { h } from './dom.js';
import { citationName, snippet } from './format.js';
import type { Strings } from './i18n.js';
import type { Citation, SearchResult } from './types.js';

/**
 * Search the law and the operator's plan; each law result offers "插入引用", which puts
 * "《法》第N条：quote…" into the reply and the citation into the message's citations.
 */
export function makeKnowledgeSearch(t: Strings, api: Api, insert: (citation: Citation, text: string) => void) {
  const input = h('input', { type: 'search', maxlength: '500', 'aria-label': t.searchLabel, placeholder: t.searchLabel });
  const button = h('button', { type: 'submit' }, [t.search]);
  const status = h('p', { class: 'hint', role: 'status' });
  const results = h('ul', { class: 'results' });
  const form = h('form', { class: 'row', role: 'search' }, [input, button]);
  const el = h('section', { class: 'knowledge', 'aria-labelledby': 'wq-knowledge-title' }, [
    h('h3', { id: 'wq-knowledge-title' }, [t.knowledge]),
    form,
    status,
    results,
  ]);

  let latest = 0;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const query = input.value.trim();
    if (!query) return;
    status.textContent = t.searching;
    results.replaceChildren();
    // Only the latest search may fill the list: an earlier, slower answer is dropped.
    const token = (latest += 1);
    api.search(query).then(
      (found) => {
        if (token !== latest) return;
        status.textContent = found.length > 0 ? '' : t.noResults;
        results.replaceChildren(...found.map((r) => renderResult(r, t, insert)));
      },
      (thrown: unknown) => {
        if (token !== latest) return;
        status.textContent = thrown instanceof ApiError && thrown.message && thrown.code !== 'NETWORK' ? t.failed(thrown.message) : t.networkError;
      },
    );
  });
  return { el };
}

function renderResult(r: SearchResult, t: Strings, insert: (citation: Citation, text: string) => void): HTMLElement {
  const isLaw = r.kind === 'law' && r.law !== '' && r.article !== '';
  const name = isLaw ? citationName(r) : r.heading || r.law;
  const button = isLaw ? h('button', { type: 'button', class: 'insert', 'aria-label': t.insertCitationLabel(name) }, [t.insertCitation]) : null;
  // The reply quotes the start of the article; the citation carries the article's text (as the server caps it) for the consumer's card.
  const quote = Array.from(r.text.trim()).slice(0, 2000).join('');
  button?.addEventListener('click', () => insert({ law: r.law, article: r.article, quote }, t.citationText(r.law, r.article, snippet(r.text, 80))));
  return h('li', { class: 'result' }, [h('div', { class: 'row spread' }, [h('strong', {}, [name]), button]), h('p', {}, [snippet(r.text)])]);
}
