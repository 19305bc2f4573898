export type Span = { start: number; end: number };
export type PhraseHit<T> = Span & { phrase: string; value: T };

/**
 * Every occurrence of every phrase in `text` (already normalized: lower case, half-width).
 * A phrase that starts or ends with a Latin letter or digit must stand alone there, so `jd` is found
 * in `在jd买的` but not in `jdk`.
 */
export function findPhrases<T>(text: string, entries: readonly { phrase: string; value: T }[]): PhraseHit<T>[] {
  const index = indexOf(entries);
  const found: { order: number; hit: PhraseHit<T> }[] = [];
  for (let at = 0; at < text.length; at++) {
    const bucket = index.get(text[at]!);
    if (!bucket) continue;
    for (const order of bucket) {
      const { phrase, value } = entries[order]!;
      if (!text.startsWith(phrase, at)) continue;
      const end = at + phrase.length;
      if (isWordChar(phrase[0]) && isWordChar(text[at - 1])) continue;
      if (isWordChar(phrase[phrase.length - 1]) && isWordChar(text[end])) continue;
      found.push({ order, hit: { start: at, end, phrase, value } });
    }
  }
  // Phrase by phrase, as listed, then left to right: the order callers have always seen.
  return found.sort((a, b) => a.order - b.order || a.hit.start - b.hit.start).map((f) => f.hit);
}

/** Entries by their first character, built once per phrase list: a message is scanned once, not once per phrase. */
const indexes = new WeakMap<readonly { phrase: string }[], Map<string, number[]>>();
function indexOf(entries: readonly { phrase: string }[]): Map<string, number[]> {
  let index = indexes.get(entries);
  if (!index) {
    index = new Map();
    entries.forEach(({ phrase }, order) => {
      if (!phrase) return;
      const bucket = index!.get(phrase[0]!) ?? [];
      bucket.push(order);
      index!.set(phrase[0]!, bucket);
    });
    indexes.set(entries, index);
  }
  return index;
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
  // What text.matchAll(re) gives, without the two RegExp objects it would build per call (the global
  // copy and matchAll's own): an exec loop on one global pattern, kept per pattern. Nothing runs
  // between the execs, so sharing the pattern is safe; lastIndex is 0 again when the loop ends.
  const global = re.global ? re : globalOf(re);
  global.lastIndex = 0;
  const found: RegExpExecArray[] = [];
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    found.push(m);
    // An empty match does not move on by itself (matchAll steps one code point further).
    if (m[0] === '') global.lastIndex = advance(text, global.lastIndex, /[uv]/.test(global.flags));
  }
  return found;
}

function advance(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff ? at + 2 : at + 1;
}

/** The global twin of a non-global pattern, made once per pattern: the lexicon's patterns live as long as the process. */
const globals = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let global = globals.get(re);
  if (!global) {
    global = new RegExp(re.source, re.flags + 'g');
    globals.set(re, global);
  }
  return global;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9]/.test(ch);
}
