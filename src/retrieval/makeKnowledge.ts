import type { Logger } from '../logger.js';
import type { Queryable } from '../storage/index.js';
import { composeAnswer, type Answer, type RepealedNotice } from './answer/composeAnswer.js';
import { makeCatalogMatcher } from './answer/matchCatalog.js';
import { makePlanRanker } from './answer/rankPlanSections.js';
import { makeShopperExpansion } from './answer/shopperWords.js';
import { buildKnowledgeIndex, loadIndexResources, type KnowledgeIndex } from './index/index.js';
import { loadKnowledgeFiles, type CatalogEntry, type KnowledgeFiles } from './knowledgeFiles.js';
import { isServed, mentionsLaw, oneCopyEach, servingLawShorts } from './servingSet.js';
import { findLiveArticles } from './sql/lawArticles.js';
import { findLivePlanSections } from './sql/planSections.js';
import { chinaDate, makeVersionPolicy } from './versions.js';
import type { KnowledgeDoc, LawArticle, PlanSection, SearchOptions } from './types.js';

export type KnowledgeResult = {
  id: string;
  kind: 'law' | 'plan';
  /** Law short title, or the plan's title. */
  law: string | null;
  article: string | null;
  versionDate: string | null;
  /** Chapter path of an article, or the plan section's heading path. */
  heading: string;
  text: string;
  sourcePath: string;
  score: number;
};

/** The retrieval layer as the rest of Weiquan sees it (function types, so an LLM-backed one can replace it). */
export type Knowledge = {
  search(q: { query: string } & Partial<SearchOptions>): KnowledgeResult[];
  /** `on` (YYYY-MM-DD): the date that matters (the purchase date of a dispute); today in China by default. */
  answer(q: { question: string; locale?: 'zh' | 'en'; on?: string }): Answer;
  /**
   * The articles an answer to `question` would cite, best first, beyond the three an answer shows (for
   * measuring hit@k): the catalog's matches, then the retrieved articles that hold the question's words.
   */
  rankLaws(q: { question: string; k: number; on?: string }): { law: string; article: string }[];
  /**
   * The article we hold under a citation, in the version in force on `on` (today by default), for quoting it;
   * undefined when we hold none. `supersededBy` names the rule that has replaced it since, when we do not hold that one.
   */
  article(law: string, label: string, on?: string): HeldArticle | undefined;
  stats(): { articles: number; laws: number; planSections: number; corpus: 'serving' | 'all' };
};

export type HeldArticle = {
  law: string;
  article: string;
  versionDate: string | null;
  inForce: string | null;
  sourcePath: string;
  text: string;
  supersededBy?: { law: string; order: string; on: string; oldName: string };
};

export type KnowledgeDeps = { db: Queryable; knowledgeDir: string; corpus: 'serving' | 'all'; logger: Logger };

/** Builds the in-memory index from the database (never from source files) and wraps it. */
export async function loadKnowledge(deps: KnowledgeDeps): Promise<Knowledge> {
  const started = Date.now();
  const files = await loadKnowledgeFiles(deps.knowledgeDir);
  const serving = servingLawShorts(files.servingLaws);
  const [articles, sections] = await Promise.all([
    findLiveArticles(deps.db, deps.corpus === 'serving' ? [...serving] : undefined),
    findLivePlanSections(deps.db),
  ]);
  const docs: KnowledgeDoc[] = oneCopyEach([...articles.filter((a) => deps.corpus === 'all' || isServed(files.servingLaws, a.lawShort, a.part)), ...sections]);
  const resources = await loadIndexResources(deps.knowledgeDir);
  const index = buildKnowledgeIndex(docs, resources, serving);
  const laws = new Set(articles.map((a) => a.lawShort)).size;
  deps.logger.info({ articles: articles.length, laws, planSections: sections.length, corpus: deps.corpus, ms: Date.now() - started }, 'knowledge.index_built');
  if (articles.length === 0) deps.logger.warn('knowledge.no_law_texts: set LAWS_DIR to a folder of law texts (see knowledge/laws/README.md)');
  return makeKnowledge(index, docs, files, deps.corpus, resources.tokenizer);
}

type TokenizerLike = { tokenize(text: string): string[]; normalize(text: string): string };

export function makeKnowledge(
  index: KnowledgeIndex,
  docs: KnowledgeDoc[],
  files: KnowledgeFiles,
  corpus: 'serving' | 'all',
  tokenizer: TokenizerLike,
): Knowledge {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const catalog = new Map<string, CatalogEntry>(files.catalog.map((e) => [`${e.law}|${e.article}`, e]));
  const articleCount = docs.filter((d) => d.kind === 'law').length;
  // Names of laws we hold, so that 合同法 inside 劳动合同法 is not taken for the repealed 合同法.
  const lawNames = [...new Set(docs.flatMap((d) => (d.kind === 'law' ? [d.lawShort] : [])))];
  const matchCatalog = makeCatalogMatcher(files.catalog, tokenizer.normalize);
  // 邮费, 烂脸, "refund": the catalog's phrasings say 运费, 皮肤过敏, 退款.
  const inCatalogWords = makeShopperExpansion(files.shopperWords, tokenizer.normalize);
  const versionsByRef = new Map<string, LawArticle[]>();
  for (const d of docs) if (d.kind === 'law') versionsByRef.set(`${d.lawShort}|${d.label}`, [...(versionsByRef.get(`${d.lawShort}|${d.label}`) ?? []), d]);
  const policy = makeVersionPolicy(files.servingLaws, files.repealed.superseded);
  /** The version of an article in force on a date. */
  const articleOn = (law: string, label: string, on: string) => policy.pick(versionsByRef.get(`${law}|${label}`) ?? [], on);
  const planDocs = docs.filter((d): d is PlanSection => d.kind === 'plan');
  /** A section and, in reading order, every section under it (3.2 with 3.2.1, 3.2.2, 3.2.3): its intro alone does not answer. */
  const withSubsections = (section: PlanSection): PlanSection[] => [
    section,
    ...planDocs
      .filter((d) => d.sourcePath === section.sourcePath && d.path.length > section.path.length && section.path.every((h, i) => d.path[i] === h))
      .sort((a, b) => a.order - b.order),
  ];
  const rankPlans = makePlanRanker(
    docs.filter((d): d is PlanSection => d.kind === 'plan'),
    tokenizer.normalize,
  );
  // An article's words include the catalog's own description of it (summary, everyday phrasings): the
  // retriever already reads those, and a shopper's words (运费, 封号) are more often there than in the statute.
  const described = (d: LawArticle) => {
    const e = catalog.get(`${d.lawShort}|${d.label}`);
    return e ? ` ${e.title} ${e.summary} ${e.phrasings.join(' ')}` : '';
  };
  const textOf = (d: KnowledgeDoc) =>
    tokenizer.normalize(d.kind === 'law' ? `${d.lawShort} ${d.chapterPath.join(' ')} ${d.text}${described(d)}` : `${d.path.join(' ')} ${d.text}`);

  const search: Knowledge['search'] = (q) => {
    const options: SearchOptions = { k: q.k ?? 10, scope: q.scope ?? 'all', corpus: q.corpus ?? 'serving' };
    return index.search(q.query, options).flatMap((hit) => {
      const doc = byId.get(hit.id);
      return doc ? [toResult(doc, hit.score)] : [];
    });
  };

  /** The question's own words of two characters or more, each once. */
  const ownWords = (text: string) => [...new Set(tokenizer.tokenize(text).filter((t) => t.length >= 2))];

  /**
   * What answers a question: its references, the plan section, and the law articles best first (the
   * catalog's, then the retriever's). `forAnswer` keeps only retrieved articles close to the best one,
   * as an answer shows them; otherwise every relevant one of the first `k` is kept, for ranking.
   */
  const select = (question: string, on: string, k: number, forAnswer: boolean) => {
    const references = index.resolveReferences(question);
    const reference = references[0];
    // The articles a direct reference names (or the current articles replacing a repealed one).
    const named = new Set(references.flatMap((r) => (r.kind === 'article' ? r.ids : r.kind === 'repealed' ? (r.replacement?.ids ?? []) : [])));
    const own = ownWords(question);
    const planHit = rankPlans(index.terms(question), 1)[0];
    const plans = planHit && matched(own, textOf(planHit.section)) >= Math.min(2, own.length) ? withSubsections(planHit.section) : [];
    // "维权预案的制定原则有哪些" asks about the plan itself: statutes that merely share its words (应急预案,
    // 制定) are not what was asked, so such a question is answered from the plan alone.
    const aboutPlan = !reference && plans.length > 0 && PLAN_WORDS.test(question);
    // Without a reference, the retriever reads the shopper's words with the catalog's words for them (邮费 → 运费).
    const asked = reference ? question : inCatalogWords(tokenizer.normalize(question));
    const lawHits = aboutPlan ? [] : index.search(asked, { k: Math.max(5, k), scope: 'law', corpus: 'serving' });
    // A direct reference is answered with the named article (or its replacement), not with its neighbours.
    const namedHits = lawHits.filter((h) => named.has(h.id));
    // Without a live named article (消保法第九十九条 does not exist), the reference's own words (the law's
    // name, the number) say nothing about other articles: only the rest of the question may match.
    const words = references.length ? ownWords(index.withoutReferences(question)) : ownWords(asked);
    const kept = namedHits.length ? namedHits : lawHits.filter((h) => relevant(words, h));
    const top = kept[0]?.score ?? 0;
    const retrieved = kept
      .filter((h) => !forAnswer || h.score >= top * 0.6)
      .flatMap((h) => byId.get(h.id) ?? [])
      .filter((d): d is LawArticle => d.kind === 'law');
    // The catalog's everyday phrasings point at the provision a shopper means; its articles go
    // first (only those we hold: every citation must be a real article), the retriever's after.
    // A catalog match the retriever also finds among the question's relevant articles is the likelier one.
    const retrievedKeys = new Set(retrieved.slice(0, AGREEMENT_DEPTH).map((a) => `${a.lawShort}|${a.label}`));
    const agrees = (entry: CatalogEntry) => retrievedKeys.has(`${entry.law}|${entry.article}`);
    const fromCatalog =
      reference || aboutPlan
        ? []
        : matchCatalog(asked)
            .map((m) => ({ ...m, score: m.score * (agrees(m.entry) ? AGREEMENT : 1) }))
            .sort((a, b) => b.score - a.score)
            .slice(0, forAnswer ? 2 : k)
            .flatMap((m) => articleOn(m.entry.law, m.entry.article, on) ?? []);
    // Each article in the version in force on the date that matters (a retrieved hit may be any stored version).
    const laws = [...new Map([...fromCatalog, ...retrieved].map((a) => [`${a.lawShort}|${a.label}`, articleOn(a.lawShort, a.label, on) ?? a])).values()].slice(
      0,
      k,
    );
    return { references, reference, plans, aboutPlan, laws };
  };

  const rankLaws: Knowledge['rankLaws'] = ({ question, k, on = chinaDate(new Date()) }) =>
    select(question, on, k, false).laws.map((a) => ({ law: a.lawShort, article: a.label }));

  const answer: Knowledge['answer'] = ({ question, locale = 'zh', on = chinaDate(new Date()) }) => {
    const { references, reference, plans, aboutPlan, laws: closeLaws } = select(question, on, 3, true);
    const superseded = [
      ...new Map(
        [
          ...closeLaws.flatMap((a) => policy.supersededOn(a, on) ?? []),
          ...files.repealed.superseded.filter(
            (s) => s.supersededOn <= on && [question, ...plans.map((p) => p.text)].some((t) => mentionsSuperseded(t, s.lawShort)),
          ),
        ].map((s) => [s.lawShort, s]),
      ).values(),
    ];
    return composeAnswer({
      question,
      locale,
      laws: closeLaws,
      plans,
      // "…应先做什么", "怎么维权": the plan's steps answer a how-to question before the statutes do.
      // "平台怎样保障…": the plan says what the platform does; a whole plan section was asked for.
      planFirst: aboutPlan || (plans.length > 0 && (HOW_TO.test(question) || PLATFORM_HOW.test(question) || plans.length > 1)),
      catalog,
      terms: index.terms(question),
      // A plan may still name a repealed law as if in force (the seed plan's 2.2.4 《侵权责任法》): quoting it says so.
      repealed: repealedMentioned([question, ...plans.map((p) => p.text)], files, reference, lawNames),
      missing: references.flatMap((r) => (r.kind === 'notFound' ? [{ law: r.lawShort, article: r.label }] : [])),
      renamed: renamedMentioned([question, ...plans.map((p) => p.text)], files),
      inForce: new Map(closeLaws.map((a) => [a.id, policy.inForce(a)])),
      superseded,
    });
  };

  /**
   * The retriever always returns something; an article belongs in an answer only when it holds the
   * question's own words: two of them (or the only one, for a one-word question). Measured on STARD
   * consumer questions vs. everyday off-topic ones (cooking, weather, films).
   */
  const relevant = (own: string[], hit: { id: string }) => {
    const need = Math.min(2, own.length);
    const d = byId.get(hit.id);
    return need > 0 && d !== undefined && matched(own, textOf(d)) >= need;
  };

  return {
    search,
    answer,
    rankLaws,
    article(law, label, on = chinaDate(new Date())) {
      const d = articleOn(law, label, on);
      if (!d) return undefined;
      const replaced = policy.supersededOn(d, on);
      return {
        law: d.lawShort,
        article: d.label,
        versionDate: d.versionDate,
        inForce: policy.inForce(d),
        sourcePath: d.sourcePath,
        text: d.text,
        ...(replaced ? { supersededBy: { law: replaced.supersededBy, order: replaced.order, on: replaced.supersededOn, oldName: replaced.oldName } } : {}),
      };
    },
    stats: () => ({
      articles: articleCount,
      laws: new Set(docs.flatMap((d) => (d.kind === 'law' ? [d.lawShort] : []))).size,
      planSections: docs.length - articleCount,
      corpus,
    }),
  };
}

/** 投诉举报处理暂行办法 (or its full name) named in a text; the new 投诉举报处理办法 alone does not count. */
const mentionsSuperseded = (text: string, lawShort: string) => {
  const short = lawShort.replace(/^市场监督管理/, '');
  return [lawShort, short, short.replace('处理', '')].some((name) => text.includes(name));
};

/**
 * A catalog match whose article is also among the retriever's first `AGREEMENT_DEPTH` relevant articles
 * scores `AGREEMENT` times as much: two independent readings of the question agree. Measured on the
 * development part of knowledge/eval/everyday.jsonl (1.5: hit@1 69.9 %, 2: 71.7 %, 3 with depth 10: 72.3 %).
 */
const AGREEMENT = 2;
const AGREEMENT_DEPTH = 5;

const matched = (terms: string[], text: string) => terms.filter((t) => text.includes(t)).length;

/** The question names the plan itself. */
const PLAN_WORDS = /预案|维权方案|应急方案|\bplan\b/i;
/** The question asks what the platform does, which the operator's plan says. */
const PLATFORM_HOW = /平台(是)?(怎样|怎么|如何|会不会|有没有|有什么|采取|用什么)|\bhow (does|do|will) (the )?platforms?\b|\bwhat does the platform\b/i;
/** The question asks what to do, which the plan's flow answers step by step. */
const HOW_TO = /怎么办|怎么做|做什么|如何维权|怎样维权|怎么维权|流程|步骤|第一步|先做|\bwhat should i do\b|\bhow (do|can|should) i\b/i;

function toResult(doc: KnowledgeDoc, score: number): KnowledgeResult {
  if (doc.kind === 'law') {
    return {
      id: doc.id,
      kind: 'law',
      law: doc.lawShort,
      article: doc.label,
      versionDate: doc.versionDate,
      heading: doc.chapterPath.join(' / '),
      text: doc.text,
      sourcePath: doc.sourcePath,
      score,
    };
  }
  return {
    id: doc.id,
    kind: 'plan',
    law: doc.planTitle,
    article: null,
    versionDate: null,
    heading: doc.path.join(' / '),
    text: doc.text,
    sourcePath: doc.sourcePath,
    score,
  };
}

function repealedMentioned(
  texts: string[],
  files: KnowledgeFiles,
  reference: ReturnType<KnowledgeIndex['resolveReference']>,
  lawNames: string[],
): RepealedNotice[] {
  return files.repealed.laws
    .filter((law) => law.aliases.some((alias) => texts.some((text) => mentionsLaw(text, alias, lawNames))))
    .map((law) => ({
      name: law.name,
      repealedOn: law.repealedOn,
      repealedBy: law.repealedBy,
      basis: `${law.basis.law}${law.basis.article}`,
      replacement:
        reference?.kind === 'repealed' && reference.law === law.name && reference.replacement
          ? { law: reference.replacement.lawShort, articles: reference.replacement.labels }
          : undefined,
    }));
}

function renamedMentioned(texts: string[], files: KnowledgeFiles): [string, string][] {
  const found: [string, string][] = [];
  for (const body of files.renamed.bodies) {
    const old = body.old.find((name) => texts.some((t) => t.includes(name)));
    if (old) found.push([old, body.now]);
  }
  return found;
}
