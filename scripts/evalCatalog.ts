/**
 * `npm run kb:catalog`: how well the legal catalog's phrasing matcher generalizes. Leave-one-out over the
 * catalog's own phrasings (each one asked with itself removed: is its entry among the first two matches?)
 * and a list of everyday questions outside consumer disputes, which must match nothing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCatalogMatcher } from '../src/retrieval/answer/matchCatalog.js';
import { loadIndexResources } from '../src/retrieval/index/index.js';
import { loadKnowledgeFiles } from '../src/retrieval/knowledgeFiles.js';

const knowledgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../knowledge');
const OFF_TOPIC = [
  '红烧肉怎么做才好吃',
  '明天北京会下雨吗',
  '推荐几部好看的电影',
  '孩子发烧了怎么办',
  '怎么学好英语',
  '离婚后孩子抚养权归谁',
  '公司拖欠工资怎么办',
  '交通事故对方全责怎么赔',
  '房东不退押金怎么办',
  '邻居装修太吵怎么办',
];

const [files, resources] = await Promise.all([loadKnowledgeFiles(knowledgeDir), loadIndexResources(knowledgeDir)]);
const normalize = resources.tokenizer.normalize;
const catalog = files.catalog;
let asked = 0;
let found = 0;
let unmatched = 0;
for (const entry of catalog) {
  entry.phrasings.forEach((phrasing, i) => {
    const without = catalog.map((e) => (e === entry ? { ...e, phrasings: e.phrasings.filter((_, j) => j !== i) } : e));
    const matches = makeCatalogMatcher(without, normalize)(phrasing);
    asked++;
    if (!matches.length) unmatched++;
    else if (matches.slice(0, 2).some((m) => m.entry.id === entry.id)) found++;
  });
}
const match = makeCatalogMatcher(catalog, normalize);
const offTopic = OFF_TOPIC.filter((q) => match(q).length > 0);
const pct = (n: number) => `${((100 * n) / asked).toFixed(1)} %`;
process.stdout.write(`catalog: ${catalog.length} entries, ${asked} phrasings (leave-one-out)\n`);
process.stdout.write(
  `own entry among the first two matches: ${pct(found)}; no match: ${pct(unmatched)}; another entry first: ${pct(asked - found - unmatched)}\n`,
);
process.stdout.write(`off-topic questions matched: ${offTopic.length} of ${OFF_TOPIC.length}${offTopic.length ? ` (${offTopic.join(', ')})` : ''}\n`);
