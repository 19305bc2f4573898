/**
 * `npm run kb:refs [-- --laws DIR --every N --only 消费者权益保护法实施条例,快递暂行条例]`: do direct references rank the named article first?
 * For every current article of the laws that have a common abbreviation, and every Nth article of the
 * rest (default 50), it searches the whole corpus with the ways people write a reference (民法典第五百八十四条,
 * 民法典第584条, 电商法38条, 实施条例第二十二条, 《…》第…条是怎么规定的) and prints how many did not rank the article first.
 * `--only` checks just the named laws (every article, every alias), in seconds instead of minutes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLawDirectory } from '../src/retrieval/ingest/readLawDirectory.js';
import { buildKnowledgeIndex, loadIndexResources } from '../src/retrieval/index/index.js';
import { parseArgs } from '../retrieval-eval/parseArgs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const lawsDir = path.resolve(repoRoot, args.get('laws') ?? process.env.LAWS_DIR ?? '../shared/laws');
const every = Number(args.get('every') ?? 50);
const only = new Set((args.get('only') ?? '').split(',').filter(Boolean));
const log = (line: string) => process.stdout.write(`${line}\n`);

const articles = await readLawDirectory(lawsDir);
const resources = await loadIndexResources(path.join(repoRoot, 'knowledge'));
const index = buildKnowledgeIndex(articles, resources, new Set());
const byId = new Map(articles.map((a) => [a.id, a]));
const aliasesOf = new Map<string, string[]>();
for (const [alias, law] of Object.entries(resources.aliases.aliases)) aliasesOf.set(law, [...(aliasesOf.get(law) ?? []), alias]);

let asked = 0;
const failures: string[] = [];
const started = performance.now();
articles
  .filter((a) => a.current)
  .forEach((a, i) => {
    const aliases = aliasesOf.get(a.lawShort) ?? [];
    if (only.size ? !only.has(a.lawShort) : !aliases.length && i % every !== 0) return;
    // 第一百二十条之一 has no Arabic spelling people use; the other forms need a plain number.
    const plain = !a.label.includes('之');
    const forms = [
      `${a.lawShort}${a.label}`,
      ...aliases.map((alias) => `${alias}${a.label}`),
      `《${a.lawShort}》${a.label}是怎么规定的`,
      ...(plain ? [`${a.lawShort}第${a.number}条`, ...aliases.map((alias) => `${alias}${a.number}条`)] : []),
    ];
    for (const query of forms) {
      asked++;
      const top = index.search(query, { k: 1, scope: 'all', corpus: 'all' })[0];
      const got = top === undefined ? undefined : byId.get(top.id);
      if (got?.lawShort !== a.lawShort || got.label !== a.label) failures.push(`${query} → ${got ? `${got.lawShort}${got.label}` : 'nothing'}`);
    }
  });
log(`${articles.length} articles; ${asked} reference queries in ${((performance.now() - started) / 1000).toFixed(1)} s`);
log(`named article ranked first: ${asked - failures.length} / ${asked}`);
for (const line of failures.slice(0, 50)) log(`  ${line}`);
process.exitCode = failures.length ? 1 : 0;
