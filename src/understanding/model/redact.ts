/**
 * Identifiers never leave the process: before any text goes to a model, phone numbers, ID numbers,
 * bank cards, order numbers, e-mail addresses, street addresses and names are replaced by numbered
 * placeholders (⟨PHONE_1⟩), and the same placeholders are put back in what the model returns.
 */

export type IdentifierKind = 'PHONE' | 'ID' | 'CARD' | 'ORDER' | 'EMAIL' | 'ADDRESS' | 'NAME';

export type Redaction = {
  text: string;
  /** Placeholder → original text. */
  originals: Map<string, string>;
};

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧司上诸';

// Order matters: the longer, more specific number shapes go first so a card is never read as a phone.
const PATTERNS: { kind: IdentifierKind; re: RegExp }[] = [
  // A labelled order or tracking number first, whatever its digits look like.
  { kind: 'ORDER', re: /(?:订单号?|单号|快递单号|运单号|order(?: number| no\.?| #)?)[:：\s#]*((?=[A-Za-z-]*\d)[A-Za-z0-9-]{6,40})/gi },
  { kind: 'EMAIL', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  // 18-digit resident ID (the last may be X), 15-digit old style.
  { kind: 'ID', re: /(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g },
  // Bank cards: 16–19 digits, possibly in groups of four.
  { kind: 'CARD', re: /(?<!\d)(?:\d{4}[ -]){3}\d{4}(?:[ -]?\d{1,3})?(?!\d)|(?<!\d)(?:62|4|5)\d{14,18}(?!\d)/g },
  // Mainland mobiles, with or without +86 and separators; landlines with an area code.
  { kind: 'PHONE', re: /(?:\+?86[ -]?)?(?<!\d)1[3-9]\d(?:[ -]?\d){8}(?!\d)|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g },
  // Other long digit runs: order and tracking numbers.
  { kind: 'ORDER', re: /(?<![\dA-Za-z])[A-Za-z]{0,4}\d{9,30}(?![\dA-Za-z])/g },
  // Street addresses: place, then road/community, then a number.
  {
    kind: 'ADDRESS',
    re: /(?:[\u4e00-\u9fa5]{2,8}?(?:省|自治区|市|区|县|旗|镇|乡|街道))*[\u4e00-\u9fa5A-Za-z0-9]{1,16}?(?:路|街|大道|巷|弄|胡同|村|小区|花园|大厦|公寓|广场|苑)[\u4e00-\u9fa5A-Za-z0-9-]{0,12}?\d+(?:号|弄|栋|幢|座|楼|单元|室)(?:[A-Za-z0-9-]*\d+(?:号|栋|幢|座|楼|单元|室))*/g,
  },
  { kind: 'ADDRESS', re: /\b\d{1,5}\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr)\b\.?/g },
  // Names where the user introduces one.
  {
    kind: 'NAME',
    re: new RegExp(`(?<=(?:我叫|我的名字是|名字[是叫]|姓名[:：]?\\s*|收件人[:：]?\\s*|联系人[:：]?\\s*|投诉人[:：]?\\s*))[\\u4e00-\\u9fa5·]{2,4}`, 'g'),
  },
  { kind: 'NAME', re: new RegExp(`(?<=我是)[${SURNAMES}][\\u4e00-\\u9fa5]{1,2}(?=[，,。.！!；;\\s]|$)`, 'g') },
  { kind: 'NAME', re: /(?<=\b(?:my name is|name:|i am called)\s+)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}/gi },
];

/** Full-width digits, letters and + - . @ as ASCII (punctuation stays as written), so １３８… is seen as a phone number. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0B\uFF0D\uFF0E\uFF20]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Replaces every identifier in `text`. `knownValues` are identifiers collected earlier in the
 * conversation (a name, an address): replaced wherever they appear, whatever their shape.
 * Placeholders are numbered per kind, and one value always gets the same placeholder.
 */
export function redact(text: string, knownValues: { kind: IdentifierKind; value: string }[] = [], previous?: Redaction): Redaction {
  const originals = new Map(previous?.originals ?? []);
  const byValue = new Map([...originals].map(([k, v]) => [v, k]));
  const counts = new Map<IdentifierKind, number>();
  for (const key of originals.keys()) {
    const kind = /^⟨([A-Z]+)_\d+⟩$/.exec(key)?.[1] as IdentifierKind | undefined;
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const placeholder = (kind: IdentifierKind, value: string): string => {
    const existing = byValue.get(value);
    if (existing) return existing;
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    const key = `⟨${kind}_${n}⟩`;
    originals.set(key, value);
    byValue.set(value, key);
    return key;
  };
  let out = halfWidth(text);
  for (const { kind, value } of knownValues) {
    const v = halfWidth(value).trim();
    if (v.length >= 2) out = out.split(v).join(placeholder(kind, v));
  }
  for (const { kind, re } of PATTERNS) {
    out = out.replace(re, (match: string, group?: unknown) => {
      // A labelled order number keeps its label: 订单号 ⟨ORDER_1⟩.
      if (typeof group === 'string' && group && match.endsWith(group)) return match.slice(0, match.length - group.length) + placeholder(kind, group);
      return placeholder(kind, match);
    });
  }
  return { text: out, originals };
}

/** Puts the originals back in place of their placeholders (a placeholder the model made up stays visible as is). */
export function restore(text: string, redaction: Redaction): string {
  return text.replace(/⟨[A-Z]+_\d+⟩/g, (key) => redaction.originals.get(key) ?? key);
}

/** Whether a text still contains something shaped like a mainland mobile number: the last check before sending. */
export function containsPhone(text: string): boolean {
  return /(?<!\d)1[3-9]\d(?:[ -]?\d){8}(?!\d)/.test(halfWidth(text));
}

export const hasPlaceholder = (text: string): boolean => /⟨[A-Z]+_\d+⟩/.test(text);
