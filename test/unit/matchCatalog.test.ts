import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCatalogMatcher, type CatalogMatcher } from '../../src/retrieval/answer/matchCatalog.js';
import { loadIndexResources } from '../../src/retrieval/index/index.js';
import { loadKnowledgeFiles } from '../../src/retrieval/knowledgeFiles.js';
import { makeShopperExpansion, type ExpandShopperWords } from '../../src/retrieval/answer/shopperWords.js';
import { repoRoot } from '../helpers/paths.js';

let match: CatalogMatcher;
let expand: ExpandShopperWords;
let normalize: (s: string) => string;
const first = (question: string) => {
  const m = match(question)[0];
  return m && `${m.entry.law}${m.entry.article}`;
};

beforeAll(async () => {
  const knowledgeDir = path.join(repoRoot, 'knowledge');
  const [files, resources] = await Promise.all([loadKnowledgeFiles(knowledgeDir), loadIndexResources(knowledgeDir)]);
  match = makeCatalogMatcher(files.catalog, resources.tokenizer.normalize);
  expand = makeShopperExpansion(files.shopperWords, resources.tokenizer.normalize);
  normalize = resources.tokenizer.normalize;
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

  it("reads shoppers' words as the catalog's (邮费 → 运费, 烂脸 → 皮肤过敏, refund → 退款)", () => {
    expect(expand(normalize('退货的邮费谁出'))).toContain('运费');
    expect(expand(normalize('用了面霜烂脸了'))).toContain('皮肤过敏');
    expect(expand(normalize('Can I get a refund?'))).toContain('退款');
    expect(expand(normalize('The item was returned'))).toContain('退货');
    expect(expand(normalize('红烧肉怎么做才好吃'))).toBe(normalize('红烧肉怎么做才好吃'));
  });

  it("still matches nothing off-topic once shoppers' words are expanded", () => {
    for (const question of [
      '红烧肉怎么做才好吃',
      '孩子发烧了怎么办',
      '离婚后孩子抚养权归谁',
      '房东不退押金怎么办',
      '公司拖欠工资怎么办',
      'How do I cook rice?',
    ]) {
      expect(match(expand(normalize(question))), question).toEqual([]);
    }
  });

  it('does not match on the words every phrasing shares (商家, 怎么办)', () => {
    expect(match('商家怎么办')).toEqual([]);
  });
});
