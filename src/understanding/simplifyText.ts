import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;
let phrases: Convert | undefined;
let characters: Convert | undefined;

/** Built on first use: the converters load their tables once (about 0.4 s), not at import. */
function converters(): { phrases: Convert; characters: Convert } {
  const byPhrase = (phrases ??= OpenCC.Converter({ from: 'twp', to: 'cn' }));
  const byChar = (characters ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
  return { phrases: byPhrase, characters: byChar };
}

/** Characters that only traditional writing uses often enough to be worth the conversion (cheap pre-check). */
const HAN = /[\u3400-\u9fff]/;

/**
 * Traditional characters read as simplified (淘寶買的手機殼 → 淘宝买的手机壳, 網路 → 网络), one character for
 * one, so offsets into the result point at the same characters of the original message. Characters that are
 * already simplified are never touched; a traditional one takes its phrase reading (螢幕 → 屏幕) when the phrase
 * conversion keeps the length, else its character reading.
 */
export function simplifyChinese(message: string): string {
  if (!HAN.test(message)) return message;
  const { phrases: byPhrase, characters: byChar } = converters();
  const chars = byChar(message);
  if (chars === message) return message;
  // Only characters that are traditional change: the phrase tables also rewrite Taiwan usage (程序 → 进程,
  // 么 → 幺), which would corrupt simplified words inside the message.
  const phrased = byPhrase(message);
  const usable = phrased.length === message.length && chars.length === message.length;
  let out = '';
  for (let i = 0; i < message.length; i++) {
    const ch = message[i]!;
    if (chars.length === message.length && chars[i] === ch) out += ch;
    else out += usable ? phrased[i]! : chars.length === message.length ? chars[i]! : ch;
  }
  return out;
}

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
