/**
 * `node --import tsx scripts/evalRetrievalAssist.ts [-- --fake] [--limit N]`
 * The retrieval assist (query rewriting, embeddings re-ranking) on the everyday question set
 * (knowledge/eval/everyday.jsonl): hit@1 / hit@5 of the cited articles, offline vs assisted, side by side,
 * with the model calls' outcomes and the time they add.
 *
 * With LLM_* configured it uses that endpoint (LLM_QUERY_REWRITE, LLM_EMBEDDINGS_MODEL as set). With
 * `--fake` it starts the local test server instead, which proves the path only: its rewrite repeats the
 * question with the dispute type's legal name and its vectors are hashes, so its figures say nothing
 * about a real model. A second fake pass fails every call, and must equal offline.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DISPUTE_TYPE_LABELS, isDisputeType } from '../dialogs/disputeTypes.js';
import { makeRetrievalAssist } from '../src/answering/retrievalAssist.js';
import { parseConfig } from '../src/config.js';
import { makeLogger } from '../src/logger.js';
import type { Answer } from '../src/retrieval/answer/composeAnswer.js';
import { readEverydaySet } from '../retrieval-eval/everydayEval.js';
import { loadOfflineKnowledge } from '../retrieval-eval/offlineKnowledge.js';
import { makeLlmClient, type LlmSettings } from '../src/understanding/model/llmClient.js';
import type { LlmMetrics, LlmOutcome, LlmPurpose } from '../src/understanding/model/metrics.js';
import { startFakeOpenAI, type ChatBody } from '../test/helpers/fakeOpenAI.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { fake: { type: 'boolean' }, limit: { type: 'string' } } });
const out = (line: string) => process.stdout.write(`${line}\n`);
const logger = makeLogger({ level: 'silent', pretty: false });

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  out(`configuration invalid:\n  ${parsed.problems.join('\n  ')}`);
  process.exit(1);
}
if (!parsed.config.llm && !values.fake) {
  out('skipped: no model configured (set LLM_BASE_URL, LLM_API_KEY and LLM_MODEL, or pass --fake for the local test server)');
  process.exit(0);
}

const knowledge = await loadOfflineKnowledge({ lawsDir: path.resolve(repoRoot, '../shared/laws'), knowledgeDir: path.join(repoRoot, 'knowledge') });
const all = await readEverydaySet(path.join(repoRoot, 'knowledge/eval/everyday.jsonl'));
const questions = values.limit ? all.slice(0, Number(values.limit)) : all;
const offline = (q: { question: string; locale: 'zh' | 'en' }) => knowledge.answer(q);

type Score = { n: number; hit1: number; hit5: number };
const rank = (a: Answer, golds: string[]) => {
  const at = a.citations.map((c) => `${c.law}${c.article}`).findIndex((k) => golds.includes(k));
  return at === -1 ? null : at + 1;
};
const add = (s: Score, r: number | null) => {
  s.n++;
  if (r === 1) s.hit1++;
  if (r !== null && r <= 5) s.hit5++;
};
const pct = (s: Score, k: 'hit1' | 'hit5') => `${((100 * s[k]) / Math.max(s.n, 1)).toFixed(1)} %`;

function recording() {
  const outcomes = new Map<string, number>();
  const metrics: LlmMetrics = {
    request: (p: LlmPurpose, o: LlmOutcome) => outcomes.set(`${p}:${o}`, (outcomes.get(`${p}:${o}`) ?? 0) + 1),
    latency() {},
    tokens() {},
  };
  return { metrics, outcomes };
}

async function pass(name: string, settings: LlmSettings) {
  const { metrics, outcomes } = recording();
  const client = makeLlmClient({ settings, logger, metrics, retryDelayMs: 10 });
  const assisted = makeRetrievalAssist({ answer: offline, llm: client, logger, rewrite: settings.queryRewrite !== false });
  const before: Score = { n: 0, hit1: 0, hit5: 0 };
  const after: Score = { n: 0, hit1: 0, hit5: 0 };
  let same = 0;
  let offlineMs = 0;
  let assistedMs = 0;
  for (const q of questions) {
    const golds = q.golds.map((g) => `${g.law}${g.article}`);
    let t = performance.now();
    const a = offline({ question: q.query, locale: 'zh' });
    offlineMs += performance.now() - t;
    t = performance.now();
    const b = await assisted({ question: q.query, locale: 'zh' });
    assistedMs += performance.now() - t;
    add(before, rank(a, golds));
    add(after, rank(b, golds));
    if (JSON.stringify(a.citations) === JSON.stringify(b.citations) && a.answer === b.answer) same++;
  }
  out(`${name} (n=${questions.length})`);
  out(`  offline : hit@1 ${pct(before, 'hit1')}, hit@5 ${pct(before, 'hit5')}   (${(offlineMs / questions.length).toFixed(1)} ms per question)`);
  out(`  assisted: hit@1 ${pct(after, 'hit1')}, hit@5 ${pct(after, 'hit5')}   (${(assistedMs / questions.length).toFixed(1)} ms per question)`);
  out(`  answers identical to offline: ${same}/${questions.length}`);
  out(`  model calls: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
}

if (parsed.config.llm && !values.fake) {
  await pass(`configured model ${parsed.config.llm.model}`, parsed.config.llm);
} else {
  const fake = await startFakeOpenAI({ embeddingDims: 32 });
  try {
    const typeOf = new Map(questions.map((q) => [q.query, q.type]));
    // The fake's "rewrite": the question plus its dispute type's legal name (a stand-in, not a model).
    fake.onChat((body: ChatBody) => {
      const text = String(body.messages?.at(-1)?.content ?? '')
        .replace(/<\/?question>/g, '')
        .trim();
      const type = typeOf.get(text);
      return { json: { query: `${text} ${type && isDisputeType(type) ? DISPUTE_TYPE_LABELS[type].zh : ''}`.trim() } };
    });
    const settings: LlmSettings = {
      baseUrl: fake.baseUrl,
      apiKey: 'fake',
      model: 'fake-model',
      timeoutMs: 2000,
      structuredOutput: 'json_schema',
      logPrompts: false,
      embeddingsModel: 'fake-embed',
      queryRewrite: true,
    };
    await pass('local fake server: rewrite + embeddings', settings);
    fake.reset();
    fake.onChat(() => ({ status: 503 }));
    await pass('local fake server: every chat call fails (must equal offline)', { ...settings, embeddingsModel: undefined });
  } finally {
    await fake.close();
  }
}
