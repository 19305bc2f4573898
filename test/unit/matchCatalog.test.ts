import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCatalogMatcher, type CatalogMatcher } from '../../src/retrieval/answer/matchCatalog.js';
import { loadIndexResources } from '../../src/retrieval/index/index.js';
import { loadKnowledgeFiles } from '../../src/retrieval/knowledgeFiles.js';
import { repoRoot } from '../helpers/paths.js';

let match: CatalogMatcher;
const first = (question: string) => {
  const m = match(question)[0];
  return m && `${m.entry.law}${m.entry.article}`;
};

beforeAll(async () => {
  const knowledgeDir = path.join(repoRoot, 'knowledge');
  const [files, resources] = await Promise.all([loadKnowledgeFiles(knowledgeDir), loadIndexResources(knowledgeDir)]);
  match = makeCatalogMatcher(files.catalog, resources.tokenizer.normalize);
});

describe('the legal catalog matcher', () => {
  it.each([
    ['快递丢了商家不给补发怎么办', '电子商务法第二十条'],
    ['直播间买的减肥茶是假的能退一赔三吗', '消费者权益保护法第五十五条'],
    ['七天无理由退货运费谁出', '网络购买商品七日无理由退货暂行办法第十八条'],
    ['網購食品過期了能要求十倍賠償嗎', '食品安全法第一百四十八条'],
  ])('%s → %s', (question, expected) => {
    expect(first(question)).toBe(expected);
  });

  it('matches nothing for questions outside consumer disputes, even when they share everyday words', () => {
    for (const question of ['红烧肉怎么做才好吃', '明天北京会下雨吗', '孩子发烧了怎么办', '房东不退押金怎么办', '邻居装修太吵怎么办', '公司拖欠工资怎么办']) {
      expect(match(question), question).toEqual([]);
    }
  });

  it('does not match on the words every phrasing shares (商家, 怎么办)', () => {
    expect(match('商家怎么办')).toEqual([]);
  });
});
