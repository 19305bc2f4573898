import { append, h } from './dom.js';

/**
 * Light formatting for bot text, built as DOM nodes (never innerHTML): blank-line or line-break
 * paragraphs, "• " / "- " / "1. " lists, "> " quotations, **bold**, and http(s) links, written as [text](url) or bare.
 */
export function formatText(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let list: HTMLUListElement | HTMLOListElement | undefined;
  let quote: HTMLQuoteElement | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    // A quoted article ("> 第三十七条 …") is a quotation, shown as one without the marker.
    const quoted = /^\s*>\s?(.*)$/.exec(line);
    if (quoted) {
      list = undefined;
      if (!quote) {
        quote = h('blockquote', { class: 'quoted' });
        fragment.appendChild(quote);
      }
      quote.appendChild(h('p', {}, inline(quoted[1] ?? '')));
      continue;
    }
    quote = undefined;
    const bullet = /^\s*(?:[•·\-*]|(\d+)[.、)）])\s+(.*)$/.exec(line);
    if (bullet) {
      const ordered = bullet[1] !== undefined;
      const wanted = ordered ? 'OL' : 'UL';
      if (!list || list.tagName !== wanted) {
        list = ordered ? h('ol', { start: bullet[1] === '1' ? undefined : bullet[1] }) : h('ul');
        fragment.appendChild(list);
      }
      list.appendChild(h('li', {}, inline(bullet[2] ?? '')));
      continue;
    }
    list = undefined;
    if (line.trim() === '') continue;
    fragment.appendChild(h('p', {}, inline(line)));
  }
  return fragment;
}

const TOKEN = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"'，。；！？）)]+)/g;

/** Bold and links inside one line; every other character is text. */
export function inline(line: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  let at = 0;
  for (const m of line.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    if (index > at) out.push(line.slice(at, index));
    if (m[1] !== undefined) out.push(h('strong', {}, [m[1]]));
    else out.push(link(m[2] ?? m[4] ?? '', m[3] ?? m[4] ?? ''));
    at = index + m[0].length;
  }
  if (at < line.length) out.push(line.slice(at));
  return out;
}

function link(label: string, href: string): Node {
  const a = h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' });
  append(a, [label]);
  return a;
}
