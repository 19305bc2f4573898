/**
 * Typing slips shoppers make with a pinyin keyboard, each fixed only where the context leaves one reading,
 * and each one character for one: 3500园 → 3500元, 不里我 → 不理我. (统一 for 同意 is fixed only when a yes/no
 * question is pending: see `detectIntents`.)
 */
const TYPOS: readonly [RegExp, string][] = [
  [/(?<=[\d零一二两三四五六七八九十百千万]\s?)园(?![区林艺子])/g, '元'],
  [/(?<=[不没])里(?=(?:我|人|你|他|她|顾客|买家|消费者))/g, '理'],
  [/(?<=[不没])在理(?=(?:我|人))/g, '搭理'],
  [/(?<=客服|卖家|商家)(?:不会|不回)付/g, '不回复'],
  [/(?<=[退还])前(?=[了给])/g, '钱'],
];

export function fixTypos(text: string): string {
  let out = text;
  for (const [re, to] of TYPOS) out = out.replace(re, (m) => (m.length === to.length ? to : m));
  return out;
}
