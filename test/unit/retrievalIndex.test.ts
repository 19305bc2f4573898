import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLawFile } from '../../src/retrieval/ingest/parseLawFile.js';
import { lawsToArticles } from '../../src/retrieval/ingest/readLawDirectory.js';
import { parsePlan } from '../../src/retrieval/ingest/parsePlan.js';
import {
  buildCorpusIndex,
  buildKnowledgeIndex,
  loadIndexResources,
  makeKnowledgeIndex,
  type IndexResources,
  type KnowledgeIndex,
} from '../../src/retrieval/index/index.js';
import { modelFromQuestions } from '../../retrieval-eval/training/trainRetrievalModel.js';
import type { KnowledgeDoc, LawArticle, PlanSection } from '../../src/retrieval/types.js';
import { lawsDir, repoRoot } from '../helpers/paths.js';

/** A small real corpus: the consumer laws, three Civil Code books, 劳动合同法 (which contains 合同法 in its name) and 刑法. */
const FIXTURE = [
  '民法商法/消费者权益保护法(2013-10-25).md',
  '民法商法/电子商务法(2018-08-31).md',
  '行政法/食品安全法(2021-04-29).md',
  '经济法/产品质量法(2018-12-29).md',
  '社会法/劳动合同法(2012-12-28).md',
  '民法典/总则.md',
  '民法典/合同编.md',
  '民法典/侵权责任编.md',
  // A title that itself names an article of another law in the fixture.
  '刑法/刑法.md',
  '司法解释/最高人民法院关于适用刑法第十二条几个问题的解释(1997-12-31).md',
];
const knowledgeDir = path.join(repoRoot, 'knowledge');

let docs: KnowledgeDoc[];
let index: KnowledgeIndex;
let resources: IndexResources;
const byId = new Map<string, KnowledgeDoc>();
const cite = (id: string | undefined) => {
  const doc = id === undefined ? undefined : byId.get(id);
  return doc?.kind === 'law' ? `${doc.lawShort}${doc.label}` : doc?.kind;
};

beforeAll(async () => {
  const laws = await Promise.all(FIXTURE.map(async (f) => parseLawFile(f, await fs.readFile(path.join(lawsDir, f), 'utf8'))));
  const plan = parsePlan(await fs.readFile(path.join(knowledgeDir, 'plan/weiquan-default-plan.md'), 'utf8'), 'weiquan-default-plan');
  const sections: PlanSection[] = plan.sections.map((s, i) => ({
    id: `weiquan-default-plan#${i + 1}`,
    kind: 'plan',
    planId: 'weiquan-default-plan',
    planTitle: plan.title,
    heading: s.heading,
    path: s.path,
    text: s.text,
    order: i + 1,
    sourcePath: 'plan:test/weiquan-default-plan',
  }));
  docs = [...lawsToArticles(laws), ...sections];
  for (const d of docs) byId.set(d.id, d);
  resources = await loadIndexResources(knowledgeDir);
  index = buildKnowledgeIndex(docs, resources, new Set(['消费者权益保护法', '电子商务法']));
}, 60_000);

describe('direct references', () => {
  it.each([
    ['消保法第二十五条', '消费者权益保护法第二十五条'],
    ['消费者权益保护法第25条', '消费者权益保护法第二十五条'],
    ['电商法38条', '电子商务法第三十八条'],
    ['民法典第584条', '民法典第五百八十四条'],
    ['食安法148', '食品安全法第一百四十八条'],
    ['产品质量法第四十条', '产品质量法第四十条'],
    ['民法典五百七十七条', '民法典第五百七十七条'],
    ['《消費者權益保護法》第２５條怎麼規定的', '消费者权益保护法第二十五条'],
    ['劳动合同法第十条', '劳动合同法第十条'],
    ['最高人民法院关于适用刑法第十二条几个问题的解释第三条', '最高人民法院关于适用刑法第十二条几个问题的解释第三条'],
    ['刑法第十二条', '刑法第十二条'],
  ])('%s ranks %s first', (query, expected) => {
    const hits = index.search(query, { k: 10, scope: 'all', corpus: 'all' });
    expect(cite(hits[0]?.id)).toBe(expected);
    expect(index.resolveReference(query)).toMatchObject({ kind: 'article' });
  });

  it('puts several named articles first, in the order named', () => {
    const hits = index.search('消保法第24条和第25条有什么区别', { k: 5, scope: 'law', corpus: 'all' });
    expect(hits.slice(0, 2).map((h) => cite(h.id))).toEqual(['消费者权益保护法第二十四条', '消费者权益保护法第二十五条']);
  });

  it('returns a named article even when its law is outside the serving set', () => {
    const hits = index.search('食安法148', { k: 3, scope: 'law', corpus: 'serving' });
    expect(cite(hits[0]?.id)).toBe('食品安全法第一百四十八条');
  });

  it('reads 第N条第M款 as one article, not two', () => {
    const hits = index.search('民法典第584条第2款', { k: 3, scope: 'law', corpus: 'all' });
    expect(cite(hits[0]?.id)).toBe('民法典第五百八十四条');
    expect(cite(hits[1]?.id)).not.toBe('民法典第二条');
  });

  it('reports an article the law does not have', () => {
    expect(index.resolveReference('消保法第九十九条')).toEqual({ kind: 'notFound', lawShort: '消费者权益保护法', label: '第九十九条' });
  });

  it('cuts the references out of a question, leaving what else it asks', () => {
    const rest = index.withoutReferences('消保法第九十九条说的七天无理由退货怎么算');
    expect(rest).toContain('说的七天无理由退货怎么算');
    expect(rest).not.toMatch(/消保法|九十九/);
    expect(index.withoutReferences('消保法第24条和第25条的运费谁出')).not.toMatch(/消保法|24|25/);
    expect(index.withoutReferences('网购的衣服七天内能退吗')).toBe('网购的衣服七天内能退吗');
  });

  it('finds no reference in an ordinary question', () => {
    expect(index.resolveReference('网购的衣服七天内能退吗')).toBeUndefined();
    expect(index.resolveReference('民法典2020年通过')).toBeUndefined();
  });
});

describe('repealed laws', () => {
  it('maps 合同法第107条 to 民法典第五百七十七条 and ranks the replacement first', () => {
    const ref = index.resolveReference('合同法第107条怎么理解');
    expect(ref).toMatchObject({ kind: 'repealed', law: '合同法', label: '第一百零七条', repealedOn: '2021-01-01', repealedBy: '民法典' });
    expect(ref?.kind === 'repealed' && ref.replacement?.labels).toEqual(['第五百七十七条']);
    const hits = index.search('合同法第107条怎么理解', { k: 5, scope: 'law', corpus: 'all' });
    expect(cite(hits[0]?.id)).toBe('民法典第五百七十七条');
  });

  it('works without repealed.json: the Civil Code repeal list, no replacement articles', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-empty-'));
    const bare = buildKnowledgeIndex(docs, await loadIndexResources(empty), new Set());
    expect(bare.resolveReference('合同法第107条')).toMatchObject({ kind: 'repealed', law: '合同法', repealedBy: '民法典', replacement: undefined });
    expect(bare.resolveReference('消费者权益保护法第25条')).toMatchObject({ kind: 'article', lawShort: '消费者权益保护法', label: '第二十五条' });
    expect(bare.search('合同法第107条', { k: 3, scope: 'law', corpus: 'all' }).length).toBeGreaterThan(0);
  });
});

describe('scope and corpus filters', () => {
  const question = '网购的商品七天无理由退货，商家说拆封了不给退';

  it('scope plan returns only plan sections, scope law only articles', () => {
    const plans = index.search(question, { k: 5, scope: 'plan', corpus: 'all' });
    expect(plans.length).toBe(5);
    expect(plans.every((h) => byId.get(h.id)?.kind === 'plan')).toBe(true);
    const laws = index.search(question, { k: 5, scope: 'law', corpus: 'all' });
    expect(laws.every((h) => byId.get(h.id)?.kind === 'law')).toBe(true);
  });

  it('corpus serving keeps only serving laws, and plans', () => {
    const hits = index.search(question, { k: 30, scope: 'all', corpus: 'serving' });
    const kinds = hits.map((h) => byId.get(h.id));
    expect(kinds.some((d) => d?.kind === 'plan')).toBe(true);
    expect(kinds.filter((d): d is LawArticle => d?.kind === 'law').every((d) => ['消费者权益保护法', '电子商务法'].includes(d.lawShort))).toBe(true);
  });

  it('finds the seven-day return rule for an everyday description', () => {
    const hits = index.search(question, { k: 5, scope: 'law', corpus: 'serving' });
    expect(hits.map((h) => cite(h.id))).toContain('消费者权益保护法第二十五条');
  });

  it('returns at most k hits, one per article, best first', () => {
    const hits = index.search('商品质量不合格造成人身损害谁来赔偿', { k: 20, scope: 'law', corpus: 'all' });
    expect(hits.length).toBe(20);
    expect(new Set(hits.map((h) => cite(h.id))).size).toBe(20);
    expect(hits.every((h, i) => i === 0 || (hits[i - 1]?.score ?? 0) >= h.score)).toBe(true);
    expect(index.size).toBe(docs.length);
  });
});

describe('learned model', () => {
  it('learns from training questions: words no statute uses lead to the article they were asked about', () => {
    const corpus = buildCorpusIndex(docs, resources.tokenizer);
    const deps = { corpus, tokenizer: resources.tokenizer, thesaurus: resources.thesaurus, phrasings: resources.phrasings };
    const ranker = { weights: new Map(Object.entries(resources.model.weights)), trees: resources.model.trees };
    const questions = [
      { text: '蓝鲸独角兽坏了谁负责', golds: ['产品质量法|第四十条'] },
      { text: '买的蓝鲸独角兽有毛病', golds: ['产品质量法|第四十条'] },
    ];
    const before = makeKnowledgeIndex(corpus, { ...resources, model: modelFromQuestions([], deps, ranker) }, new Set());
    const after = makeKnowledgeIndex(corpus, { ...resources, model: modelFromQuestions(questions, deps, ranker) }, new Set());
    const query = { k: 3, scope: 'law', corpus: 'all' } as const;
    expect(before.search('蓝鲸独角兽', query)).toEqual([]);
    expect(cite(after.search('蓝鲸独角兽', query)[0]?.id)).toBe('产品质量法第四十条');
  });

  it('exposes the question terms and their thesaurus expansions', () => {
    const terms = index.terms('老公网购被骗了');
    expect(terms).toContain('网购');
    expect(terms).toContain('配偶');
  });
});
