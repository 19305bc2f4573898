/** Words typed the same in Chinese chats as in English ones: they tell no language. */
const NEUTRAL = /^(?:ok|okay|ok+|hi|yes|no|app|vip|bug|pdd|jd|tb|plus|pro|max|iphone|ipad|kg|cm|ml|rmb|cny)$/;
/** Interjections and pinyin slang typed in Chinese chats too (emmm, hhh, 233 aside): alone they tell no language. */
const INTERJECTION = /^(?:e+m+|h+m+|u+m+|a+h+|o+h+|h+|(?:ha)+h?|(?:he)+|lol|orz|xswl|yyds|emo|awsl|asdf\w*|[a-z]*([a-z])\1\1[a-z]*)$/;

/**
 * The language a message is written in: Chinese when it holds Han characters (2999的手机 is Chinese), English
 * when it has English words and no Han, none for a bare ok, a number or an emoji.
 */
export function detectLanguage(text: string): 'zh' | 'en' | undefined {
  const han = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const words = (text.match(/[a-z]+(?:'[a-z]+)?/g) ?? []).filter((w) => w.length > 1 || w === 'i');
  if (han >= 2 || (han === 1 && words.length === 0)) return 'zh';
  if (han === 1) return words.length >= 3 ? 'en' : undefined;
  if (words.length === 1 && INTERJECTION.test(words[0]!)) return undefined;
  const english = words.filter((w) => !NEUTRAL.test(w));
  if (english.length >= 1 && (words.length >= 2 || english[0]!.length >= 4)) return 'en';
  return undefined;
}
