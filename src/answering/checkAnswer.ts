/**
 * The checks a model-written answer must pass before a user sees it. Each returns the reason it
 * fails, or undefined. Anything that fails means the extractive answer is sent instead.
 */

export type Passage = { law?: string; lawTitle?: string; article?: string; text: string };

export type RejectReason =
  'empty' | 'too_long' | 'wrong_language' | 'unknown_citation' | 'wrong_quote' | 'promise' | 'number_not_in_sources' | 'persona' | 'leak';

const CN_NUM = '零〇一二两三四五六七八九十百千万亿';
const ARTICLE_RE = new RegExp(`第[${CN_NUM}\\d]+条`, 'g');

/** Normalised for comparison: no whitespace or punctuation, full-width as half-width. */
export function squash(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

const CJK = /\p{Script=Han}/gu;
const LATIN = /[A-Za-z]/g;

export function checkLanguage(text: string, locale: 'zh' | 'en'): RejectReason | undefined {
  // Law names and quotes are Chinese in either language: judge the words outside 《》 and quotes.
  const own = text.replace(/《[^》]*》|“[^”]*”|「[^」]*」|"[^"]*"/g, '');
  const han = own.match(CJK)?.length ?? 0;
  const latin = own.match(LATIN)?.length ?? 0;
  if (locale === 'zh') return han >= 4 && han >= latin / 3 ? undefined : 'wrong_language';
  return latin >= 10 && han <= latin / 6 ? undefined : 'wrong_language';
}

/** Every article the text names (第二十五条, Article 25) must be one of the retrieved passages, and of the law it is named with. */
export function checkCitations(text: string, passages: readonly Passage[]): RejectReason | undefined {
  const laws = passages.filter((p) => p.article);
  const labels = new Set(laws.map((p) => p.article));
  for (const m of text.matchAll(ARTICLE_RE)) {
    if (!labels.has(m[0])) return 'unknown_citation';
    // 《X》…第N条 within a few characters: X must hold article N among the passages.
    const before = text.slice(Math.max(0, (m.index ?? 0) - 30), m.index);
    const named = /《([^》]+)》[^《》。；;]{0,8}$/.exec(before)?.[1];
    if (
      named &&
      !laws.some((p) => p.article === m[0] && (p.law === named || p.lawTitle === named || named.includes(p.law ?? '\0') || (p.lawTitle ?? '').includes(named)))
    )
      return 'unknown_citation';
  }
  // A named law that is not among the passages is a citation we do not hold.
  for (const m of text.matchAll(/《([^》]+)》/g)) {
    const name = m[1] ?? '';
    if (
      !laws.some((p) => p.law === name || p.lawTitle === name || name.includes(p.law ?? '\0') || (p.lawTitle ?? '').includes(name)) &&
      !passages.some((p) => !p.article && p.lawTitle === name)
    )
      return 'unknown_citation';
  }
  if (/\bArticle\s+\d+/i.test(text)) {
    const numbers = new Set(laws.map((p) => chineseToNumber((p.article ?? '').slice(1, -1))));
    for (const m of text.matchAll(/\bArticle\s+(\d+)/gi)) if (!numbers.has(Number(m[1]))) return 'unknown_citation';
  }
  return undefined;
}

/** A sentence in quotation marks must be in a passage's stored text, word for word (spacing and punctuation aside). */
export function checkQuotes(text: string, passages: readonly Passage[]): RejectReason | undefined {
  const sources = passages.map((p) => squash(p.text));
  for (const m of text.matchAll(/“([^”]+)”|「([^」]+)」|"([^"]+)"|'([^']{12,})'/g)) {
    const quote = squash(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
    // Short quoted terms (“七日无理由退货”) are names of things; a quoted sentence must match.
    if (quote.length < 8) continue;
    if (!sources.some((s) => s.includes(quote))) return 'wrong_quote';
  }
  return undefined;
}

const PROMISE = [
  /保证|担保你|包赢|稳赢|必胜|肯定能|一定能|一定会[赢获得拿到退赔]|必然会|百分之百|100\s*%|绝对[能会可]|没有任何风险|铁定/,
  /\bguarantee|\bpromise|\bdefinitely (?:win|get|receive)|\bwill (?:certainly|surely) (?:win|get|receive)|\bcertain to win|\b100\s*%/i,
];

export function checkPromises(text: string): RejectReason | undefined {
  return PROMISE.some((re) => re.test(text)) ? 'promise' : undefined;
}

/** An amount, multiple or period in the answer must be one the passages state (the rules engine computes the rest). */
export function checkNumbers(text: string, passages: readonly Passage[]): RejectReason | undefined {
  const sources = squash(passages.map((p) => p.text).join('\n'));
  const re = new RegExp(
    `([¥￥$])\\s*(\\d[\\d,.]*)|(\\d[\\d,.]*|[${CN_NUM}]+|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|sixty|ninety)\\b)[\\s-]*(${Object.keys(UNITS).join('|')})`,
    'giu',
  );
  for (const m of text.normalize('NFKC').matchAll(re)) {
    if (m[1]) return 'number_not_in_sources'; // a sum of money is never the passages' to state
    const value = toNumber((m[3] ?? '').replace(/,/g, ''));
    const unit = UNITS[(m[4] ?? '').toLowerCase()];
    if (value === undefined || !unit) return 'number_not_in_sources';
    if (unit === 'money') return 'number_not_in_sources';
    const spellings = [String(value), numberToChinese(value)].filter(Boolean).flatMap((n) => unit.map((u) => `${n}${u}`));
    if (!spellings.some((sp) => sources.includes(sp))) return 'number_not_in_sources';
  }
  for (const m of text.matchAll(/\b(double|triple|treble|tenfold|ten-fold)\b/gi)) {
    const multiple = { double: '两倍', triple: '三倍', treble: '三倍', tenfold: '十倍', 'ten-fold': '十倍' }[(m[1] ?? '').toLowerCase()] ?? '';
    if (!sources.includes(multiple) && !(multiple === '两倍' && sources.includes('二倍'))) return 'number_not_in_sources';
  }
  return undefined;
}

/** Units of periods and multiples, and how the law texts write them; money is never accepted from a model. */
const UNITS: Record<string, string[] | 'money'> = {
  元: 'money',
  块: 'money',
  块钱: 'money',
  万元: 'money',
  yuan: 'money',
  rmb: 'money',
  倍: ['倍'],
  times: ['倍'],
  fold: ['倍'],
  个工作日: ['个工作日', '工作日'],
  工作日: ['个工作日', '工作日'],
  天: ['日', '天'],
  日: ['日', '天'],
  days: ['日', '天'],
  day: ['日', '天'],
  个月: ['个月', '月'],
  months: ['个月', '月'],
  month: ['个月', '月'],
  年: ['年'],
  years: ['年'],
  year: ['年'],
  小时: ['小时'],
  hours: ['小时'],
  hour: ['小时'],
  '%': ['%', '％'],
};

const WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};

function toNumber(raw: string): number | undefined {
  const lower = raw.toLowerCase();
  if (lower in WORDS) return WORDS[lower];
  if (/^\d+(?:\.\d+)?$/.test(raw)) return Number(raw);
  if (/^[零〇一二两三四五六七八九十百千]+$/.test(raw)) return chineseToNumber(raw);
  return undefined;
}

/** The answer is the assistant's, never a lawyer's or an agent's, and never our instructions. */
export function checkPersona(text: string, canary: string): RejectReason | undefined {
  if (text.includes(canary) || /system prompt|系统提示|提示词/i.test(text)) return 'leak';
  if (
    /我是(?:你的)?(?:律师|法官|人工客服|客服专员)|作为(?:你的)?律师|\bI am (?:your |a )?(?:lawyer|attorney|human agent)|\bas your (?:lawyer|attorney)/i.test(
      text,
    )
  )
    return 'persona';
  return undefined;
}

/** 0–9999 as Chinese numerals (七, 十五, 三十): law texts write periods and multiples that way. */
export function numberToChinese(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return undefined;
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  const units = ['', '十', '百', '千'];
  let out = '';
  let zero = false;
  const s = String(n);
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i] ?? '';
    if (d === 0) zero = out.length > 0;
    else {
      out += `${zero ? '零' : ''}${digits[d]}${unit}`;
      zero = false;
    }
  }
  return out;
}

export function chineseToNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const digit: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const unit: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let current = 0;
  for (const c of text) {
    if (c in digit) current = digit[c] ?? 0;
    else if (c in unit) {
      total += (current || 1) * (unit[c] ?? 1);
      current = 0;
    }
  }
  return total + current;
}
