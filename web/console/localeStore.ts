import type { Locale } from './types.js';

const KEY = 'weiquan:console:locale';

/** Chinese first; English when the agent chose it before (remembered in localStorage). */
export function savedLocale(): Locale {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}
