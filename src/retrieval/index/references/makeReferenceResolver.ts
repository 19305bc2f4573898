import { toChineseNumber } from '../../../common/chineseNumeral.js';
import type { CorpusIndex } from '../corpusIndex.js';
import { articleKey } from '../docFields.js';
import { parseArticleMentions } from './parseArticleRefs.js';
import type { LawAliasesFile, RepealedLawsFile } from './referenceFiles.js';

/** What a direct article reference in a question points to. */
export type ResolvedReference =
  /** A live article: `ids` are its stored versions, the current one first. */
  | { kind: 'article'; lawShort: string; label: string; ids: string[] }
  /** The law exists but has no such article (消保法第九十九条). */
  | { kind: 'notFound'; lawShort: string; label: string }
  /** An article of a repealed law; `replacement` is the article(s) now holding the rule, when known. */
  | {
      kind: 'repealed';
      law: string;
      label: string;
      repealedOn: string;
      repealedBy: string;
      replacement: { lawShort: string; labels: string[]; ids: string[] } | undefined;
      note: string | undefined;
    };

export type ReferenceResolver = {
  /** Every article reference in the question, in order of appearance. */
  resolveAll(query: string): ResolvedReference[];
  /** The (normalized) question with its references cut out, law names and numbers alike: what else it asks. */
  withoutReferences(query: string): string;
};

type RepealedLaw = RepealedLawsFile['laws'][number];
type NameTarget = { kind: 'live'; lawShort: string } | { kind: 'repealed'; law: RepealedLaw };

/** Characters allowed between a law name and its article number: 消保法的第25条, 《民法典》 第584条. */
const GAP = /^[\s的]*$/;

export function makeReferenceResolver(
  corpus: CorpusIndex,
  aliases: LawAliasesFile,
  repealed: RepealedLawsFile,
  normalize: (text: string) => string,
): ReferenceResolver {
  const names = nameTable(corpus, aliases, repealed, normalize);
  const longest = Math.max(0, ...[...names.keys()].map((n) => n.length));
  // Titles that themselves contain an article number (最高人民法院关于适用刑法第十二条几个问题的解释): a mention
  // inside such a title is part of the name, not a reference to 刑法第十二条.
  const titlesWithArticles = [...names.keys()].filter((n) => parseArticleMentions(n).some((m) => m.explicit));
  const insideTitle = (text: string): ((at: number) => boolean) => {
    const spans: [number, number][] = [];
    for (const title of titlesWithArticles) for (let i = text.indexOf(title); i !== -1; i = text.indexOf(title, i + 1)) spans.push([i, i + title.length]);
    return (at) => spans.some(([from, to]) => at >= from && at < to);
  };

  /** The law named right before `end`, and where its name starts. */
  const lawBefore = (text: string, end: number): { target: NameTarget; start: number } | undefined => {
    // Longest name first, so 劳动合同法 wins over 合同法 and 消费者权益保护法实施条例 over 消费者权益保护法.
    for (let len = Math.min(longest, end); len >= 2; len--) {
      const target = names.get(text.slice(end - len, end));
      if (target) return { target, start: end - len };
    }
    return undefined;
  };

  const resolve = (target: NameTarget, label: string): ResolvedReference => {
    if (target.kind === 'live') {
      const ids = versionIds(corpus, target.lawShort, label);
      return ids.length ? { kind: 'article', lawShort: target.lawShort, label, ids } : { kind: 'notFound', lawShort: target.lawShort, label };
    }
    const law = target.law;
    const entry = law.articles.find((a) => a.old === label);
    const replacement = entry
      ? { lawShort: law.repealedBy, labels: entry.new, ids: entry.new.flatMap((l) => versionIds(corpus, law.repealedBy, l).slice(0, 1)) }
      : undefined;
    return { kind: 'repealed', law: law.name, label, repealedOn: law.repealedOn, repealedBy: law.repealedBy, replacement, note: entry?.note };
  };

  /** The references in a question and the stretch of text each one takes (law name through article number). */
  const scan = (query: string) => {
    const text = normalize(query).replace(/[《》<>〈〉]/g, '');
    const refs: ResolvedReference[] = [];
    const spans: [number, number][] = [];
    let previous: NameTarget | undefined;
    let previousEnd = -1;
    const inTitle = insideTitle(text);
    for (const mention of parseArticleMentions(text)) {
      if (inTitle(mention.start)) continue;
      let end = mention.start;
      while (end > 0 && GAP.test(text[end - 1] ?? '')) end--;
      const named = lawBefore(text, end);
      // 消保法第24条和第25条: a bare 第25条 after a reference continues the same law.
      const target =
        named?.target ??
        (mention.article &&
        previous &&
        mention.start > previousEnd &&
        /^[\s和与及、，,或以]*$/.test(text.slice(previousEnd, mention.start).replace(/第[^条]*条/g, ''))
          ? previous
          : undefined);
      if (!target) continue;
      const label = `第${toChineseNumber(mention.number)}条${mention.sub ? `之${toChineseNumber(mention.sub)}` : ''}`;
      refs.push(resolve(target, label));
      spans.push([named?.start ?? mention.start, mention.end]);
      previous = target;
      previousEnd = mention.end;
    }
    return { text, refs, spans };
  };

  return {
    resolveAll: (query) => scan(query).refs,
    withoutReferences(query) {
      const { text, spans } = scan(query);
      let rest = '';
      let from = 0;
      for (const [start, end] of spans) {
        rest += `${text.slice(from, start)} `;
        from = end;
      }
      return rest + text.slice(from);
    },
  };
}

function nameTable(corpus: CorpusIndex, aliases: LawAliasesFile, repealed: RepealedLawsFile, normalize: (t: string) => string): Map<string, NameTarget> {
  const names = new Map<string, NameTarget>();
  const add = (name: string, target: NameTarget) => {
    const key = normalize(name).replace(/[《》]/g, '');
    if (key.length >= 2) names.set(key, target);
  };
  for (const doc of corpus.docs) {
    if (doc.kind !== 'law') continue;
    add(doc.lawShort, { kind: 'live', lawShort: doc.lawShort });
    add(doc.lawTitle, { kind: 'live', lawShort: doc.lawShort });
  }
  for (const [alias, lawShort] of Object.entries(aliases.aliases)) if (corpus.lawIds.has(lawShort)) add(alias, { kind: 'live', lawShort });
  // Repealed names win over anything else of the same spelling: the corpus may still hold an old text.
  for (const law of repealed.laws) for (const name of [law.name, ...law.aliases]) add(name, { kind: 'repealed', law });
  return names;
}

/** Ids of the stored versions of an article, current version first, then newest first. */
function versionIds(corpus: CorpusIndex, lawShort: string, label: string): string[] {
  const docs = [...(corpus.keyDocs.get(articleKey(lawShort, label)) ?? [])];
  const date = (d: number) => {
    const doc = corpus.docs[d];
    return doc?.kind === 'law' ? (doc.versionDate ?? '') : '';
  };
  docs.sort((a, b) => (corpus.current[b] ?? 0) - (corpus.current[a] ?? 0) || date(b).localeCompare(date(a)));
  return docs.map((d) => corpus.docs[d]?.id ?? '');
}
