/**
 * Full-width ASCII (１２３, ＡＢＣ, ￥, ．) to half-width and Latin letters to lower case, one character
 * for one, so offsets found in the result point at the same characters of the original message.
 * Chinese punctuation (，。？！) is kept: turning ， into , would make 2999，11 look like 2,99911.
 */
export function normalizeText(message: string): string {
  let out = '';
  for (const ch of message) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xfee0);
    else if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) out += String.fromCharCode(code - 0xfee0).toLowerCase();
    else if (ch === '￥') out += '¥';
    else if (ch === '．') out += '.';
    else if (ch === '％') out += '%';
    else if (ch === '　') out += ' ';
    else if (ch === '／') out += '/';
    else if (ch === '－') out += '-';
    else if (ch === '：') out += ':';
    else out += lowerSameLength(ch);
  }
  return out;
}

/** `İ`.toLowerCase() is two code units; keep such characters as they are so offsets stay aligned. */
function lowerSameLength(ch: string): string {
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}
