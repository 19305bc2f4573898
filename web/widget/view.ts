import { h, icon, ICONS } from './dom.js';
import type { Strings } from './i18n.js';

export type View = {
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  closeButton: HTMLButtonElement;
  newChatButton: HTMLButtonElement;
  status: HTMLElement;
  scroller: HTMLElement;
  log: HTMLElement;
  typing: HTMLElement;
  actions: HTMLElement;
  /** The case's documents, shown once a case is filed (after consent). */
  docs: HTMLElement;
  shaped: HTMLElement;
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  attachButton: HTMLButtonElement;
  fileInput: HTMLInputElement;
  sendButton: HTMLButtonElement;
};

/**
 * The widget's DOM inside its shadow root: a launcher bubble and a non-modal dialog panel whose
 * focus order is header → conversation → suggested replies → shaped input → text field → attach → send.
 */
export function buildView(t: Strings): View {
  const launcher = h('button', { type: 'button', class: 'launcher', 'aria-label': t.open, 'aria-expanded': 'false', 'aria-controls': 'wq-panel' }, [
    icon(ICONS.chat),
  ]);
  const closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': t.close }, [icon(ICONS.close)]);
  const newChatButton = h('button', { type: 'button', class: 'text-button', 'aria-label': t.newChatLabel }, [t.newChat]);
  const status = h('div', { class: 'status', role: 'status', hidden: true });
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t.log });
  const typing = h('div', { class: 'typing', hidden: true, role: 'status', 'aria-label': t.typing }, [h('span'), h('span'), h('span')]);
  const scroller = h('div', { class: 'scroller' }, [log, typing]);
  const actions = h('div', { class: 'actions', role: 'group', hidden: true });
  const docs = h('div', { class: 'docs', hidden: true });
  const shaped = h('div', { class: 'shaped', hidden: true });
  const input = h('textarea', { class: 'input', rows: '1', 'aria-label': t.inputLabel, placeholder: t.placeholder, maxlength: '2000' });
  const fileInput = h('input', {
    type: 'file',
    class: 'file-input',
    accept: 'image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif,image/avif,application/pdf,video/mp4,video/quicktime,video/webm',
    tabindex: '-1',
    'aria-hidden': 'true',
  });
  const attachButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': t.attach, title: t.attach }, [icon(ICONS.attach)]);
  const sendButton = h('button', { type: 'submit', class: 'icon-button send', 'aria-label': t.send }, [icon(ICONS.send)]);
  const form = h('form', { class: 'composer' }, [input, attachButton, sendButton, fileInput]);
  const panel = h('section', { class: 'panel', id: 'wq-panel', role: 'dialog', 'aria-modal': 'false', 'aria-label': t.title, hidden: true }, [
    h('header', { class: 'header' }, [
      h('div', { class: 'titles' }, [h('h2', { class: 'title' }, [t.title]), h('p', { class: 'subtitle' }, [t.disclaimer])]),
      newChatButton,
      closeButton,
    ]),
    status,
    scroller,
    docs,
    actions,
    shaped,
    form,
  ]);
  return {
    launcher,
    panel,
    closeButton,
    newChatButton,
    status,
    scroller,
    log,
    typing,
    actions,
    docs,
    shaped,
    form,
    input,
    attachButton,
    fileInput,
    sendButton,
  };
}
