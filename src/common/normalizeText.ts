/**
 * Text normalisation, the one implementation: full-width forms to half-width, lower case, Traditional to
 * Simplified. Every function here maps one UTF-16 unit to one, so offsets found in the result point at the
 * same characters of the original (the understanding cuts slot values out of the message by offset);
 * retrieval uses the same functions to index the law and to read a question.
 */
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
  const aligned = chars.length === message.length;
  const traditional = (i: number) => aligned && i >= 0 && i < message.length && chars[i] !== message[i];
  let out = '';
  for (let i = 0; i < message.length; i++) {
    const ch = message[i]!;
    if (traditional(i)) out += usable ? phrased[i]! : chars[i]!;
    // A simplified character takes its phrase reading only inside a Traditional word (網路 → 网络), never
    // on its own (程序, 特么 stay as they are).
    else if (usable && phrased[i] !== ch && (traditional(i - 1) || traditional(i + 1))) out += phrased[i]!;
    else out += ch;
  }
  return out;
}

/** Full-width forms that read the same as their ASCII: U+FF01–FF5E, the ideographic space, and ￥ → ¥. */
function halfWidth(code: number): string | undefined {
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000) return ' ';
  if (code === 0xffe5) return '¥';
  return undefined;
}

/**
 * The full-width punctuation kept by `toHalfWidth(text, { keepChinesePunctuation: true })`: turning ， into , would
 * make 2999，11 look like 2,99911, and a question mark's width tells nothing the reader needs.
 */
const CHINESE_PUNCTUATION = new Set('！＂＃＄＆＇（）＊＋，；＜＝＞？＠［＼］＾＿｀｛｜｝～'.split(''));

/** １２３ → 123, ＡＢＣ → ABC, ￥ → ¥, ideographic space → space; one character for one. */
export function toHalfWidth(text: string, options: { keepChinesePunctuation?: boolean } = {}): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const narrow = options.keepChinesePunctuation && CHINESE_PUNCTUATION.has(ch) ? undefined : halfWidth(ch.charCodeAt(0));
    out += narrow ?? ch;
  }
  return out;
}

/** Lower case, one character for one: `İ`.toLowerCase() is two code units, so such characters stay as they are. */
export function lowerCaseSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** The understanding's reading of a message: half-width digits and letters (Chinese punctuation kept), lower case. */
export function normalizeMessage(message: string): string {
  return lowerCaseSameLength(toHalfWidth(message, { keepChinesePunctuation: true }));
}

/** Retrieval's reading of a text: half-width, lower case, Simplified. */
export function normalizeForSearch(text: string): string {
  return simplifyChinese(lowerCaseSameLength(toHalfWidth(text)));
}
