/**
 * Chinese and Arabic numerals, the one implementation: prices and dates as shoppers type them (the
 * understanding) and article numbers as statutes write them (retrieval: 第一千二百六十条).
 */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, k: 1000, 万: 10000, w: 10000, 亿: 100000000 };

/**
 * An Arabic number: 2999, 2,999, 2999.00. It must end where its digits end, so a run of digits has
 * exactly one reading; without that, 11111…x would backtrack through every way of splitting the run.
 */
const ARABIC = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?!,\d{3}(?!\d))(?:\.\d+)?(?!\d|\.\d)`;
const CHINESE_DIGIT_OR_UNIT = '[零〇一二两三四五六七八九十百千万亿]';

/** One numeral as people type prices and dates: Chinese, Arabic, or a mix (1万2, 2.9k, 两千九). */
export const NUMERAL_SOURCE = String.raw`(?:${ARABIC}|${CHINESE_DIGIT_OR_UNIT})(?:${ARABIC}|${CHINESE_DIGIT_OR_UNIT}|[kw](?![a-z]))*`;

/**
 * 2999 → 2999, 2,999.00 → 2999, 两千九百九十九 → 2999, 两千九 → 2900, 1万2 → 12000, 3千 → 3000,
 * 2.9k → 2900, 一百零五 → 105, 二〇二六 → 2026. Returns undefined for anything that is not a numeral.
 */
export function parseNumeral(text: string): number | undefined {
  const plain = text.replace(/,(?=\d{3})/g, '');
  const tokens = plain.match(/\d+(?:\.\d+)?|[零〇一二两三四五六七八九]|[十百千万亿kw]/g);
  if (!tokens || tokens.join('') !== plain) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let digitIsSingle = false;
  let lastUnit = 0;
  let zeroSeen = false;
  for (const token of tokens) {
    const unit = UNITS[token];
    if (unit === undefined) {
      const value = DIGITS[token] ?? Number(token);
      if (value === 0 && digit === undefined && token in DIGITS && lastUnit > 0) {
        zeroSeen = true;
        continue;
      }
      // 二〇二六: Chinese digits in a row are read place by place, the way years are written.
      digitIsSingle = digit === undefined && (token in DIGITS || /^\d$/.test(token));
      digit = digit === undefined ? value : digit * 10 + value;
      continue;
    }
    // A bare unit means one of it (十五 = 15, 万 = 10000), but 十万 is ten of them, not eleven.
    const count = digit ?? (unit >= 10000 && section > 0 ? 0 : 1);
    if (unit >= 10000) {
      total += (section + count) * unit;
      section = 0;
    } else {
      section += count * unit;
    }
    digit = undefined;
    lastUnit = unit;
    zeroSeen = false;
  }
  if (digit === undefined) return total + section;
  // 两千九 is 2900 and 1万2 is 12000: a lone digit after a unit counts in the next unit down.
  const abbreviated = digitIsSingle && !zeroSeen && lastUnit >= 100;
  return total + section + (abbreviated ? digit * (lastUnit / 10) : digit);
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 25 → 二十五, 108 → 一百零八, 10 → 十, 1260 → 一千二百六十: the way statutes number articles. */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10000) return String(n);
  if (n === 0) return '零';
  const parts: string[] = [];
  const units = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ] as const;
  let rest = n;
  let pendingZero = false;
  for (const [value, name] of units) {
    const d = Math.floor(rest / value);
    rest %= value;
    if (d > 0) {
      if (pendingZero) parts.push('零');
      // 十五, not 一十五, when ten leads the number.
      parts.push(d === 1 && value === 10 && parts.length === 0 ? name : `${CN_DIGITS[d]}${name}`);
      pendingZero = false;
    } else if (parts.length > 0) {
      pendingZero = true;
    }
  }
  if (rest > 0) {
    if (pendingZero) parts.push('零');
    parts.push(CN_DIGITS[rest] ?? '');
  }
  return parts.join('');
}
