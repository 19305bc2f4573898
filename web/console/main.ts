import { startConsole, type Resume } from './app.js';
import { ApiError, makeApi } from './api.js';
import { renderEvaluation } from './evaluation.js';
import { strings } from './i18n.js';
import { savedLocale, saveLocale } from './localeStore.js';
import { renderSignIn } from './signIn.js';
import type { Agent, Locale } from './types.js';

/** Entry of console.js, loaded by the page at /console: sign-in, then the console. */
const root = document.getElementById('app');
if (root) boot(root);

function boot(root: HTMLElement): void {
  const api = makeApi();
  let locale: Locale = savedLocale();
  let current: { stop(): Resume } | undefined;
  let signedIn: Agent | undefined;

  const setLocale = (next: Locale) => {
    locale = next;
    saveLocale(next);
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
    document.title = strings(next).title;
  };

  const showSignIn = (notice?: string) => {
    signedIn = undefined;
    current?.stop();
    current = undefined;
    const switchLocale = () => {
      setLocale(locale === 'zh' ? 'en' : 'zh');
      showSignIn(notice);
    };
    root.replaceChildren(renderSignIn(strings(locale), api, { signedIn: (agent) => showConsole(agent), switchLocale }, notice));
  };

  const showConsole = (agent: Agent, resume?: Resume) => {
    current?.stop();
    signedIn = agent;
    // #evaluation: the evaluation page (its own view; the header link of the console leads there).
    if (location.hash === '#evaluation') {
      const page = renderEvaluation(root, { agent, t: strings(locale), locale, back: () => (location.hash = '') });
      current = { stop: () => (page.stop(), {}) };
      return;
    }
    const switchLocale = () => {
      const state = current?.stop();
      current = undefined;
      setLocale(locale === 'zh' ? 'en' : 'zh');
      showConsole(agent, state);
    };
    current = startConsole(root, { api, agent, t: strings(locale), locale, signOut: showSignIn, switchLocale }, resume);
  };

  window.addEventListener('hashchange', () => {
    if (signedIn) showConsole(signedIn);
  });
  setLocale(locale);
  // No session is the usual case (401, or 403/404 from a server without the console): just the form.
  const unreachable = (thrown: unknown) => thrown instanceof ApiError && (thrown.code === 'NETWORK' || thrown.status >= 500);
  api.me().then(showConsole, (thrown: unknown) => showSignIn(unreachable(thrown) ? strings(locale).networkError : undefined));
}
