import { ApiError, type Api, type Stage } from './api.js';
import { makeCasePanel } from './casePanel.js';
import { makeComposer } from './composer.js';
import { h } from './dom.js';
import { evaluationStrings } from './evaluationStrings.js';
import { categoryLabel, reasonLabel } from './format.js';
import type { Strings } from './i18n.js';
import { makeKnowledgeSearch } from './knowledgeSearch.js';
import { makeQueuePanel } from './queuePanel.js';
import { openStream, type StreamState } from './stream.js';
import { makeTranscript } from './transcript.js';
import type { Agent, Citation, ConversationView, Locale, Queue, StreamMessage } from './types.js';

/** What survives a switch of language: the open conversation and the unsent reply. */
export type Resume = { selectedId?: string; draft?: { text: string; citations: Citation[] } };

type Deps = { api: Api; agent: Agent; t: Strings; locale: Locale; signOut(notice?: string): void; switchLocale(): void };

/** The signed-in console: queue | conversation | case, kept live by the stream (no polling). */
export function startConsole(root: HTMLElement, deps: Deps, resume: Resume = {}): { stop(): Resume } {
  const { api, agent, t, locale } = deps;
  const connection = h('span', { class: 'connection', role: 'status' }, [t.connecting]);
  const banner = h('p', { class: 'banner', role: 'alert', hidden: true });
  const announcer = h('p', { class: 'sr-only', 'aria-live': 'polite' });
  const language = h('button', { type: 'button', class: 'link', 'aria-label': t.languageLabel }, [t.language]);
  const signOut = h('button', { type: 'button', class: 'link' }, [t.signOut]);
  const evaluation = h('a', { href: '#evaluation', class: 'link' }, [evaluationStrings(locale).open]);
  const title = h('h2', { id: 'wq-conversation-title' }, [t.conversation]);
  const subtitle = h('p', { class: 'subtitle' });
  const empty = h('p', { class: 'empty' }, [t.pickOne]);
  const transcript = makeTranscript(t, (sha256) => view?.evidence.find((e) => e.sha256 === sha256)?.url);
  const composer = makeComposer(t, (text, citations) => reply(text, citations));
  const queuePanel = makeQueuePanel(t, locale, (id) => void open(id));
  const casePanel = makeCasePanel(t, locale, {
    claim: () => void act(async (id) => (await api.claim(id), t.claimed), true),
    handBack: (stage?: Stage) => void act(async (id) => (await api.handBack(id, stage), t.handedBack)),
    close: () => void act(async (id) => (await api.close(id), t.closed)),
    setStatus: (caseNo, status) => void run(async () => (await api.setStatus(caseNo, status), say(t.statusSaved))),
    addNote: (text) => run(async () => (selectedId ? (await api.note(selectedId, text), await refresh()) : undefined)),
  });
  const knowledge = makeKnowledgeSearch(t, api, (c, text) => composer.insertCitation(c, text));
  const conversationBody = h('div', { class: 'conversation-body', hidden: true }, [transcript.el, composer.el]);
  root.replaceChildren(
    h('header', { class: 'top' }, [
      h('h1', {}, [t.title]),
      connection,
      h('span', { class: 'me' }, [t.signedInAs(agent.displayName)]),
      evaluation,
      language,
      signOut,
    ]),
    banner,
    announcer,
    h('div', { class: 'columns' }, [
      queuePanel.el,
      h('main', { class: 'column conversation', 'aria-labelledby': 'wq-conversation-title' }, [title, subtitle, empty, conversationBody]),
      h('aside', { class: 'column case', 'aria-label': t.casePanel }, [knowledge.el, casePanel.el]),
    ]),
  );
  casePanel.render(undefined, agent.id);

  let selectedId: string | undefined;
  let view: ConversationView | undefined;
  let waitingBefore = -1;
  let stopped = false;

  const say = (text: string) => {
    announcer.textContent = text;
    banner.hidden = true;
  };
  const warn = (text: string) => {
    banner.textContent = text;
    banner.hidden = false;
  };

  /** Runs a request; failures become a visible message (409 and lost sessions get their own). */
  async function run(task: () => Promise<unknown>, conflict = t.conflict): Promise<boolean> {
    try {
      await task();
      return true;
    } catch (thrown) {
      if (!(thrown instanceof ApiError)) warn(t.failed(String(thrown)));
      else if (thrown.status === 401) deps.signOut(t.sessionEnded);
      else if (thrown.status === 409) warn(conflict);
      else if (thrown.code === 'NETWORK') warn(t.networkError);
      else warn(t.failed(thrown.message || thrown.code));
      return false;
    }
  }

  async function act(task: (id: string) => Promise<string>, focusReply = false): Promise<void> {
    const id = selectedId;
    if (!id) return;
    const ok = await run(async () => say(await task(id)));
    // After a 409 too: the view must show who owns it now.
    await Promise.all([refresh(), loadQueue()]);
    if (ok && focusReply) composer.input.focus();
  }

  async function reply(text: string, citations: Citation[]): Promise<boolean> {
    const id = selectedId;
    if (!id) return false;
    // A 409 here means the conversation is no longer this agent's (handed back, closed, or never claimed).
    const sent = await run(async () => transcript.add(await api.reply(id, text, citations)), t.notYours);
    if (!sent) await refresh();
    return sent;
  }

  async function loadQueue(): Promise<void> {
    await run(async () => {
      const queue: Queue = await api.queue();
      queuePanel.render(queue);
      queuePanel.select(selectedId);
      if (waitingBefore >= 0 && queue.waiting.length > waitingBefore) say(t.newWaiting(queue.waiting.length));
      waitingBefore = queue.waiting.length;
    });
  }

  async function open(id: string): Promise<void> {
    if (selectedId !== id) banner.hidden = true;
    selectedId = id;
    queuePanel.select(id);
    await refresh();
  }

  /** Refetches the open conversation; the transcript keeps what it has and adds what is new. */
  async function refresh(): Promise<void> {
    const id = selectedId;
    if (!id) return;
    await run(async () => {
      const fresh = await api.conversation(id);
      if (id !== selectedId || stopped) return;
      const switched = view?.conversation.id !== id;
      view = fresh;
      if (switched) transcript.reset(fresh.transcript);
      else for (const entry of fresh.transcript) transcript.add(entry);
      render();
      if (!switched) return;
      transcript.scrollToEnd();
      watch();
    });
  }

  function render(): void {
    empty.hidden = Boolean(view);
    conversationBody.hidden = !view;
    casePanel.render(view, agent.id);
    if (!view) return;
    const c = view.conversation;
    title.textContent = `${categoryLabel(c.category ?? view.case?.category ?? null, locale, t)}${view.case ? ` · ${view.case.caseNo}` : ''}`;
    subtitle.textContent = [t.ownerLabels[c.owner] ?? c.owner, c.agentName, reasonLabel(c.handoffReason, t)].filter(Boolean).join(' · ');
    composer.setEnabled(c.owner === 'agent' && c.agentId === agent.id);
  }

  /** Asks the server to push the open conversation's new entries (after those already shown). */
  function watch(): void {
    if (view) stream.send({ type: 'watch', conversationId: view.conversation.id, afterSeq: transcript.lastSeq() });
  }

  function onMessage(message: StreamMessage): void {
    if (message.type === 'queue') void loadQueue();
    else if (message.conversationId !== selectedId) return;
    else if (message.type === 'entry') transcript.add(message.entry);
    else void refresh();
  }

  const connectionText: Record<StreamState, string> = { connecting: t.connecting, open: t.online, reconnecting: t.reconnecting };
  const stream = openStream({
    message: onMessage,
    state: (state) => {
      connection.textContent = connectionText[state];
      connection.className = `connection is-${state}`;
    },
    opened: () => watch(),
    reconnected: () => void Promise.all([loadQueue(), refresh()]),
    shouldRetry: async () => {
      try {
        await api.me();
        return true;
      } catch (thrown) {
        if (thrown instanceof ApiError && thrown.status === 401) {
          deps.signOut(t.sessionEnded);
          return false;
        }
        return true;
      }
    },
  });
  const ticker = setInterval(() => queuePanel.tick(), 1000);

  language.addEventListener('click', deps.switchLocale);
  signOut.addEventListener(
    'click',
    () =>
      void api
        .logout()
        .catch(() => undefined)
        .then(() => deps.signOut()),
  );

  void loadQueue();
  if (resume.draft) composer.restore(resume.draft.text, resume.draft.citations);
  if (resume.selectedId) void open(resume.selectedId);

  return {
    stop: () => {
      stopped = true;
      stream.stop();
      clearInterval(ticker);
      return { selectedId, draft: composer.draft() };
    },
  };
}
