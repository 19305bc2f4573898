import type { CaseCitation } from '../../cases/caseRecord.js';
import { shanghaiDateTime } from '../../common/civilDate.js';
import type { DocumentLocale } from '../model.js';

/** 2026-11-03 → 2026年11月3日 (zh) or 3 November 2026 (en). */
export function formatDate(iso: string, locale: DocumentLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (locale === 'zh') return `${y}年${mo}月${d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[mo - 1]} ${y}`;
}

/** A timestamp stored with its offset, as a date and time in China (Asia/Shanghai). */
export function formatMoment(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : shanghaiDateTime(at);
}

/** The mark for a fact we do not hold: the reader fills it in; nothing is invented. */
export const fill = (zh: string, en: string, locale: DocumentLocale): string => (locale === 'zh' ? `【请填写${zh}】` : `【请填写${zh} / fill in: ${en}】`);

/**
 * An article as a document cites it: with the version cited where the record names one (《食品安全法》（2025-09-12版）第一百四十八条),
 * and a replaced rule marked as replaced, never as current (…第九条（已于2026-04-15被…取代）).
 */
export const citeText = (c: CaseCitation, locale: DocumentLocale): string => {
  const version = c.version ? (locale === 'zh' ? `（${c.version}版）` : ` (version of ${c.version})`) : '';
  const replaced = c.superseded
    ? locale === 'zh'
      ? `（已于${c.superseded.on}被${c.superseded.byZh}取代）`
      : ` (replaced on ${c.superseded.on} by ${c.superseded.byEn})`
    : '';
  return locale === 'zh' ? `《${c.law}》${version}${c.article}${replaced}` : `${c.law}${version} ${c.article}${replaced}`;
};
