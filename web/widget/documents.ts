import type { Connection } from './directLine.js';
import { h } from './dom.js';
import type { Strings } from './i18n.js';
import type { Locale } from './types.js';

// The documents of a case, as the server names them (GET …/documents/{kind}.{pdf|docx}).
const KINDS = ['complaint-12315', 'seller-letter', 'platform-request', 'mediation-request', 'report', 'civil-complaint', 'dossier'] as const;
// Addressed to a Chinese authority or court: an English conversation is offered them in Chinese too.
const AUTHORITY = new Set<string>(['complaint-12315', 'mediation-request', 'report', 'civil-complaint']);

/**
 * The download list under the conversation, shown once the conversation has a filed case (which it
 * only has after consent). Each file is fetched with the conversation's token and handed to the
 * browser as a local blob: there is no link to the file anyone could open or guess.
 */
export function makeDocumentsBar(container: HTMLElement, t: Strings, locale: Locale, connection: () => Connection | undefined) {
  let caseNo: string | undefined;
  const status = h('p', { class: 'docs-status', role: 'status', 'aria-live': 'polite' });

  async function download(kind: string, format: 'pdf' | 'docx', lang: Locale | undefined, button: HTMLButtonElement): Promise<void> {
    const c = connection();
    if (!c || !caseNo) return;
    button.disabled = true;
    status.textContent = t.downloading;
    try {
      const blob = await c.document(`${kind}.${format}`, lang);
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `${caseNo}-${kind}${(lang ?? locale) === 'en' ? '-en' : ''}.${format}`, hidden: true });
      container.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = '';
    } catch {
      status.textContent = t.downloadFailed;
    } finally {
      button.disabled = false;
    }
  }

  const button = (label: string, title: string, kind: string, format: 'pdf' | 'docx', lang?: Locale) => {
    const b = h('button', { type: 'button', class: 'chip doc', 'data-doc': `${kind}.${format}${lang ? `:${lang}` : ''}`, 'aria-label': `${title} ${label}` }, [
      label,
    ]);
    b.addEventListener('click', () => void download(kind, format, lang, b));
    return b;
  };

  function render(): void {
    const rows = KINDS.map((kind) => {
      const name = t.documentNames[kind] ?? kind;
      const extra =
        locale === 'en' && AUTHORITY.has(kind)
          ? [button(`${t.inChinese} PDF`, name, kind, 'pdf', 'zh'), button(`${t.inChinese} ${t.word}`, name, kind, 'docx', 'zh')]
          : [];
      return h('li', {}, [
        h('span', { class: 'doc-name' }, [name]),
        h('span', { class: 'doc-buttons' }, [button('PDF', name, kind, 'pdf'), button(t.word, name, kind, 'docx'), ...extra]),
      ]);
    });
    container.replaceChildren(
      h('details', {}, [h('summary', {}, [t.documents]), h('p', { class: 'docs-note' }, [t.documentsNote]), h('ul', {}, rows), status]),
    );
  }

  return {
    /** A bot message named the conversation's case: offer its documents. */
    caseFiled(no: string): void {
      if (caseNo === no) return;
      caseNo = no;
      render();
      container.hidden = false;
    },
    reset(): void {
      caseNo = undefined;
      container.replaceChildren();
      container.hidden = true;
    },
  };
}
