export type Span = { start: number; end: number };
export type PhraseHit<T> = Span & { phrase: string; value: T };

/**
 * Every occurrence of every phrase in `text` (already normalized: lower case, half-width).
 * A phrase that starts or ends with a Latin letter or digit must stand alone there, so `jd` is found
 * in `在jd买的` but not in `jdk`.
 */
export function findPhrases<T>(text: string, entries: readonly { phrase: string; value: T }[]): PhraseHit<T>[] {
  const hits: PhraseHit<T>[] = [];
  for (const { phrase, value } of entries) {
    if (!phrase) continue;
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      const end = at + phrase.length;
      if (isWordChar(phrase[0]) && isWordChar(text[at - 1])) continue;
      if (isWordChar(phrase[phrase.length - 1]) && isWordChar(text[end])) continue;
      hits.push({ start: at, end, phrase, value });
    }
  }
  return hits;
}

/**
 * Longest match wins: 没拆封 hides 拆封 and 没收到退款 hides 没收到. Spans are taken longest first and a
 * span overlapping one already taken is dropped; hits sharing a taken span all stay (one phrase may
 * count for several values).
 */
export function longestMatches<T>(hits: readonly PhraseHit<T>[]): PhraseHit<T>[] {
  const bySize = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Span[] = [];
  const kept: PhraseHit<T>[] = [];
  for (const hit of bySize) {
    const same = taken.some((s) => s.start === hit.start && s.end === hit.end);
    if (!same && taken.some((s) => overlaps(s, hit))) continue;
    if (!same) taken.push(hit);
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** All matches of a regular expression (made global if it is not). */
export function findAll(text: string, re: RegExp): RegExpExecArray[] {
  const global = re.global ? re : new RegExp(re.source, re.flags + 'g');
  global.lastIndex = 0;
  return [...text.matchAll(global)];
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9]/.test(ch);
}
