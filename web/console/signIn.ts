import { ApiError, type Api } from './api.js';
import { h } from './dom.js';
import type { Strings } from './i18n.js';
import type { Agent } from './types.js';

/** The sign-in screen. The same message for a wrong login and a wrong password, as the server gives. */
export function renderSignIn(t: Strings, api: Api, on: { signedIn(agent: Agent): void; switchLocale(): void }, notice = ''): HTMLElement {
  const login = h('input', { id: 'wq-login', name: 'username', autocomplete: 'username', required: true, maxlength: '200' });
  const password = h('input', { id: 'wq-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: '200' });
  const error = h('p', { class: 'error', role: 'alert' }, [notice]);
  const submit = h('button', { type: 'submit', class: 'primary' }, [t.signIn]);
  const form = h('form', { class: 'sign-in', 'aria-labelledby': 'wq-sign-in-title' }, [
    h('h1', { id: 'wq-sign-in-title' }, [t.signInTitle]),
    h('label', { for: 'wq-login' }, [t.login]),
    login,
    h('label', { for: 'wq-password' }, [t.password]),
    password,
    error,
    submit,
  ]);
  const language = h('button', { type: 'button', class: 'link', lang: t.language === 'English' ? 'en' : 'zh-CN', 'aria-label': t.languageLabel }, [t.language]);
  language.addEventListener('click', on.switchLocale);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    submit.textContent = t.signingIn;
    error.textContent = '';
    api.login(login.value.trim(), password.value).then(on.signedIn, (thrown: unknown) => {
      submit.disabled = false;
      submit.textContent = t.signIn;
      error.textContent =
        thrown instanceof ApiError && thrown.status === 401
          ? t.badCredentials
          : thrown instanceof ApiError && thrown.status === 429
            ? t.rateLimited
            : t.networkError;
      password.select();
    });
  });
  queueMicrotask(() => login.focus());
  return h('main', { class: 'sign-in-page' }, [h('p', { class: 'brand' }, [t.title]), form, language]);
}
