/**
 * `npm run -s kb:train [-- --laws DIR --eval FILE --out FILE]`
 * Trains the shipped retrieval model on every question of stard-train.jsonl and writes
 * knowledge/retrievalModel.json. The weights are fitted on held-out (5-fold) feature rows.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLawDirectory } from '../src/retrieval/ingest/readLawDirectory.js';
import { buildCorpusIndex, loadIndexResources } from '../src/retrieval/index/index.js';
import { articleKey } from '../src/retrieval/index/docFields.js';
import { trainRetrievalModel } from './training/trainRetrievalModel.js';
import { readEvalSet } from './evalSet.js';
import { parseArgs } from './parseArgs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const lawsDir = path.resolve(repoRoot, args.get('laws') ?? '../shared/laws');
const evalFile = path.resolve(repoRoot, args.get('eval') ?? '../shared/eval/stard-train.jsonl');
const knowledgeDir = path.resolve(repoRoot, args.get('knowledge') ?? 'knowledge');
const out = path.resolve(repoRoot, args.get('out') ?? path.join(knowledgeDir, 'retrievalModel.json'));
const log = (line: string) => process.stdout.write(`${line}\n`);

const started = Date.now();
const [articles, questions, resources] = await Promise.all([readLawDirectory(lawsDir), readEvalSet(evalFile), loadIndexResources(knowledgeDir)]);
const corpus = buildCorpusIndex(articles, resources.tokenizer);
const training = questions.map((q) => ({ text: q.query, golds: q.golds.map((g) => articleKey(g.law, g.article)) }));
const model = trainRetrievalModel(training, { corpus, tokenizer: resources.tokenizer, thesaurus: resources.thesaurus, phrasings: resources.phrasings });
model.trainedOn = { file: path.basename(evalFile), questions: questions.length };
await fs.writeFile(out, `${JSON.stringify(model)}\n`);
const size = (await fs.stat(out)).size;
log(`trained on ${questions.length} questions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
log(
  `weights: ${Object.entries(model.weights)
    .map(([f, w]) => `${f} ${w}`)
    .join(', ')}`,
);
log(`wrote ${path.relative(repoRoot, out)} (${(size / 1024).toFixed(0)} KB, ${Object.keys(model.translation).length} association rows)`);
