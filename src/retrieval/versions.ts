import type { ServingLaws, Superseded } from './knowledgeFiles.js';
import type { LawArticle } from './types.js';

/** Which stored version of an article applies on a date, and whether its rule has been replaced since. */
export type VersionPolicy = {
  /** The date a stored version took effect (servingLaws.json `versions`, else its version date). */
  inForce(a: LawArticle): string | null;
  /** Among the stored versions of one article, the one in force on `on` (YYYY-MM-DD); the oldest when none was yet. */
  pick(versions: readonly LawArticle[], on: string): LawArticle | undefined;
  /** The replacement of a rule whose text we hold only in its old version, when that replacement is in force on `on`. */
  supersededOn(a: LawArticle, on: string): Superseded | undefined;
};

export function makeVersionPolicy(serving: ServingLaws, superseded: readonly Superseded[]): VersionPolicy {
  const starts = new Map<string, string>();
  for (const law of serving.laws) for (const v of law.versions ?? []) starts.set(`${law.lawShort}|${v.versionDate}`, v.inForce);
  const inForce = (a: LawArticle) => (a.versionDate ? (starts.get(`${a.lawShort}|${a.versionDate}`) ?? a.versionDate) : null);
  return {
    inForce,
    pick(versions, on) {
      const dated = [...versions].sort((x, y) => (x.versionDate ?? '').localeCompare(y.versionDate ?? ''));
      const inEffect = dated.filter((a) => (inForce(a) ?? '') <= on);
      return inEffect.at(-1) ?? dated[0];
    },
    supersededOn: (a, on) => superseded.find((s) => s.lawShort === a.lawShort && s.versionDate === a.versionDate && s.supersededOn <= on),
  };
}

/** Today as YYYY-MM-DD in China time (UTC+8), the date a general question is answered for. */
export { shanghaiIsoDate as chinaDate } from '../common/civilDate.js';
