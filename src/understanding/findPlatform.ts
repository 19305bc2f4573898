import type { Lexicon } from './compileLexicon.js';
import { type PhraseHit, type Span, findPhrases, longestMatches } from './matchPhrases.js';

/** Words around a platform name that say the goods were bought there: 在京东, 拼多多上, on JD. */
const BOUGHT_THERE_BEFORE = /(?:在|从|去|上|用|on|from|at|via|through)\s*$/;
const BOUGHT_THERE_AFTER = /^\s*(?:上|里|买|下单|购|拍|的店|店铺|商城|自营|旗舰店|平台|app)/;
/** 不是京东，是淘宝: a denied platform is not the one. */
const DENIED_BEFORE = /(?:不是|不在|没在|并非|而不是|not|wasn't|isn't)\s*(?:(?:在|on|from)\s*)?$/;

/** The platform where the goods were bought, by its canonical Chinese name (狗东 → 京东, PDD → 拼多多). */
export function findPlatform(text: string, lexicon: Lexicon): (Span & { value: string }) | undefined {
  const hits = longestMatches(findPhrases(text, lexicon.platforms)).filter(
    (h) => !excluded(text, h) && !DENIED_BEFORE.test(text.slice(Math.max(0, h.start - 6), h.start)),
  );
  const chosen =
    hits.find((h) => BOUGHT_THERE_BEFORE.test(text.slice(Math.max(0, h.start - 8), h.start)) || BOUGHT_THERE_AFTER.test(text.slice(h.end))) ?? hits[0];
  return chosen && { start: chosen.start, end: chosen.end, value: chosen.value.name };
}

/** 多多少少 is no 拼多多: an alias inside one of its `excludes` phrases does not count. */
function excluded(text: string, hit: PhraseHit<{ excludes: readonly string[] }>): boolean {
  return hit.value.excludes.some((phrase) => findPhrases(text, [{ phrase, value: null }]).some((e) => e.start <= hit.start && e.end >= hit.end));
}
