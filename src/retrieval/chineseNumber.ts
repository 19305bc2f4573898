const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** 二十五 → 25, 一百零八 → 108, 十 → 10, 1260 → 1260. Returns undefined for anything else. */
export function parseChineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text || ![...text].every((c) => c in DIGITS || c in UNITS)) return undefined;
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of text) {
    if (c in DIGITS) {
      digit = DIGITS[c] ?? 0;
      continue;
    }
    const unit = UNITS[c] ?? 1;
    if (unit === 10000) {
      total += (section + digit) * unit;
      section = 0;
    } else {
      // A bare unit means one of it: 十 = 10, 十五 = 15.
      section += (digit === 0 ? 1 : digit) * unit;
    }
    digit = 0;
  }
  return total + section + digit;
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
