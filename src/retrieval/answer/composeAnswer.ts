import type { CatalogEntry, Superseded } from '../knowledgeFiles.js';
import type { LawArticle, PlanSection } from '../types.js';
import { trimQuote } from './trimQuote.js';

export type Citation = {
  /** Short title as people say it: 消费者权益保护法 */
  law: string;
  lawTitle: string;
  article: string;
  versionDate: string | null;
  /** False when the cited text is an older version kept for reference, or a rule replaced since. */
  current: boolean;
  /** When this version took effect, if we know it apart from the version date. */
  inForce: string | null;
  /** The rule that has replaced this one (whose text we do not hold), when it has. */
  supersededBy?: string;
  sourcePath: string;
  quote: string;
};

export type PlanCitation = { planId: string; planTitle: string; heading: string; path: string[]; quote: string };

export type Answer = {
  answer: string;
  citations: Citation[];
  planSections: PlanCitation[];
  /** True when neither the plans nor the laws cover the question well enough to answer. */
  notCovered: boolean;
  /** Articles that do not exist, repealed or superseded rules and renamed bodies met in the question or the quoted texts. */
  notices: string[];
};

export type RepealedNotice = { name: string; repealedOn: string; repealedBy: string; basis: string; replacement?: { law: string; articles: string[] } };

export type AnswerParts = {
  question: string;
  locale: 'zh' | 'en';
  /** Retrieved law articles, best first; only these may be cited. */
  laws: LawArticle[];
  /** Retrieved plan sections, best first. */
  plans: PlanSection[];
  /** Quote the plan before the statutes (questions about the plan, or what to do next). */
  planFirst?: boolean;
  /** The catalog's plain-language entries for the retrieved articles, by `${law}|${article}`. */
  catalog: ReadonlyMap<string, CatalogEntry>;
  /** Query terms, for choosing which sentences to quote. */
  terms: string[];
  repealed: RepealedNotice[];
  /** Renamed bodies met: [old name, current name]. */
  renamed: [string, string][];
  /** Articles the question names that the law does not have (消保法第九十九条). */
  missing?: { law: string; article: string }[];
  /** When each cited article (by id) took effect. */
  inForce?: ReadonlyMap<string, string | null>;
  /** Rules replaced by one we do not hold, cited or named: quoted only as the old rule, never as current. */
  superseded?: Superseded[];
};

const DISCLAIMER = {
  zh: '以上是法律信息，不是律师的法律意见；涉及具体金额或诉讼时，请咨询律师或当地市场监督管理部门。',
  en: 'This is legal information, not legal advice from a lawyer; for specific amounts or a lawsuit, consult a lawyer or the local market regulator.',
};

/**
 * Builds the extractive answer: for each cited article the catalog's plain-language summary first
 * (when we have one), then the article itself, quoted and trimmed; then the plan's matching section.
 * Every citation is one of the retrieved passages passed in, never anything else.
 */
export function composeAnswer(parts: AnswerParts): Answer {
  const { locale } = parts;
  const notices = [
    ...(parts.missing ?? []).map((m) =>
      locale === 'en' ? `${m.law} has no ${m.article}: please check the article number.` : `《${m.law}》没有${m.article}，请核对条文序号。`,
    ),
    ...parts.repealed.map((r) => repealedNotice(r, locale)),
    ...(parts.superseded ?? []).map((s) => supersededNotice(s, locale)),
    ...parts.renamed.map(([old, now]) =>
      locale === 'en'
        ? `"${old}" no longer exists: its consumer-protection functions now belong to ${now} (市场监督管理部门).`
        : `“${old}”已不再使用，相关职能现由${now}承担。`,
    ),
  ];
  if (parts.laws.length === 0 && parts.plans.length === 0) {
    return { answer: [...notices, notCoveredText(locale)].join('\n\n'), citations: [], planSections: [], notCovered: true, notices };
  }

  const replaced = new Map((parts.superseded ?? []).map((s) => [`${s.lawShort}|${s.versionDate}`, s]));
  const citations: Citation[] = parts.laws.map((a) => {
    const by = replaced.get(`${a.lawShort}|${a.versionDate ?? ''}`);
    return {
      law: a.lawShort,
      lawTitle: a.lawTitle,
      article: a.label,
      versionDate: a.versionDate,
      current: a.current && !by,
      inForce: parts.inForce?.get(a.id) ?? a.versionDate,
      ...(by ? { supersededBy: by.supersededBy } : {}),
      sourcePath: a.sourcePath,
      quote: trimQuote(a.text, parts.terms),
    };
  });
  const planSections = parts.plans.map((s) => ({
    planId: s.planId,
    planTitle: s.planTitle,
    heading: s.heading,
    path: s.path,
    quote: trimQuote(s.text, parts.terms, 240),
  }));

  const lawParagraphs = citations.map((c) => {
    const entry = parts.catalog.get(`${c.law}|${c.article}`);
    const version = versionText(c, replaced, locale);
    if (locale === 'en') return `${c.law} ${c.article}${version}: ${entry ? entry.summaryEn : 'the article reads (in Chinese):'}\n> ${c.quote}`;
    const lead = entry
      ? `${entry.summary}${entry.remedy ? `可以主张：${entry.remedy}` : ''}${entry.timeLimit ? `时限：${entry.timeLimit}` : ''}`
      : '条文如下：';
    return `《${c.law}》${c.article}${version}：${lead}\n> ${c.quote}`;
  });
  // A section with its subsections is one paragraph: the section's own lines, then each subsection in order.
  const [head, ...rest] = planSections;
  const nested = head !== undefined && rest.length > 0 && rest.every((s) => head.path.every((h, i) => s.path[i] === h));
  const planParagraphs = nested
    ? [
        [
          locale === 'en' ? `The plan "${head.planTitle}", section ${head.heading}:` : `《${head.planTitle}》「${head.heading}」：`,
          ...(head.quote ? [`> ${head.quote}`] : []),
          ...rest.map((s) => `> ${s.heading}：${s.quote}`),
        ].join('\n'),
      ]
    : planSections.map((s) =>
        locale === 'en' ? `The plan "${s.planTitle}", section ${s.heading}:\n> ${s.quote}` : `《${s.planTitle}》「${s.heading}」：\n> ${s.quote}`,
      );
  const paragraphs = [...notices, ...(parts.planFirst ? [...planParagraphs, ...lawParagraphs] : [...lawParagraphs, ...planParagraphs])];
  paragraphs.push(DISCLAIMER[locale]);
  return { answer: paragraphs.join('\n\n'), citations, planSections, notCovered: false, notices };
}

/** Which version is cited: its date, when it took effect if later, and whether it is still current. */
function versionText(c: Citation, replaced: ReadonlyMap<string, Superseded>, locale: 'zh' | 'en'): string {
  if (!c.versionDate) return '';
  const by = replaced.get(`${c.law}|${c.versionDate}`);
  const from = c.inForce && c.inForce !== c.versionDate ? c.inForce : undefined;
  if (locale === 'en') {
    if (by) return ` (the ${c.versionDate.slice(0, 4)} rule, replaced on ${by.supersededOn} by ${by.supersededBy})`;
    return `, version of ${c.versionDate}${from ? `, in force from ${from}` : ''}${c.current ? '' : ', a newer version exists'}`;
  }
  if (by) return `（${by.oldName}，已于${by.supersededOn}被《${by.supersededBy}》取代）`;
  return `（${c.versionDate}版${from ? `，${from}起施行` : ''}${c.current ? '' : '，已有新版本'}）`;
}

function supersededNotice(s: Superseded, locale: 'zh' | 'en'): string {
  if (locale === 'en') {
    return `${s.lawShort} was replaced on ${s.supersededOn} by ${s.supersededBy} (${s.order}). We do not hold the new text yet: anything quoted here is the ${s.versionDate.slice(0, 4)} rule, for reference only; the new rule prevails.`;
  }
  return `《${s.lawShort}》已于${s.supersededOn}被《${s.supersededBy}》（${s.order}）取代。新办法的条文我们尚未收录，这里引用的只是${s.oldName}的规定，仅供参考，以新办法为准。`;
}

function repealedNotice(r: RepealedNotice, locale: 'zh' | 'en'): string {
  const replacement = r.replacement ? r.replacement.articles.map((a) => `${r.replacement?.law}${a}`).join('、') : undefined;
  if (locale === 'en') {
    return `${r.name} was repealed on ${r.repealedOn} by ${r.repealedBy} (${r.basis})${replacement ? `; the corresponding current provision is ${replacement}` : ''}.`;
  }
  return `《${r.name}》已于${r.repealedOn}废止，由《${r.repealedBy}》取代（${r.basis}）${replacement ? `；对应的现行规定是${replacement}` : ''}。`;
}

function notCoveredText(locale: 'zh' | 'en'): string {
  return locale === 'en'
    ? 'Neither the rights-protection plan nor the law texts we hold cover this question. You can describe what happened to start the rights-protection flow, or ask for a person (转人工).'
    : '抱歉，现有的维权预案和我们收录的法律条文都没有覆盖这个问题。你可以直接描述遇到的情况，开始维权流程；也可以输入“转人工”联系客服。';
}
