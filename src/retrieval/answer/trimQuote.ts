/**
 * Quotes the part of a passage that matters: the whole text when short, otherwise its opening
 * sentence plus the sentences that share the most query terms, in their original order, with "……"
 * where text was left out. Never rewrites a word.
 */
export function trimQuote(text: string, terms: string[], maxChars = 200): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const sentences = flat.match(/[^。；;！？]+[。；;！？]?/g) ?? [flat];
  const wanted = terms.filter((t) => t.length >= 2);
  const scored = sentences.map((s, i) => ({ i, s, score: i === 0 ? 0.5 : wanted.filter((t) => s.includes(t)).length }));
  const chosen = new Set<number>([0]);
  let length = sentences[0]?.length ?? 0;
  for (const c of [...scored].sort((a, b) => b.score - a.score || a.i - b.i)) {
    if (chosen.has(c.i) || c.score === 0) continue;
    if (length + c.s.length > maxChars) continue;
    chosen.add(c.i);
    length += c.s.length;
  }
  let out = '';
  let previous = -1;
  for (const i of [...chosen].sort((a, b) => a - b)) {
    if (previous >= 0 && i !== previous + 1) out += '……';
    out += sentences[i];
    previous = i;
  }
  if (out.length > maxChars) out = `${out.slice(0, maxChars)}……`;
  else if (previous < sentences.length - 1) out += '……';
  return out;
}
