/**
 * `npm run eval:llm [-- --fixtures DIR --limit N]`
 * Understanding accuracy on the labelled utterances (test/fixtures/understanding/*.jsonl), offline and
 * with the configured model side by side. Runs only when LLM_BASE_URL, LLM_API_KEY and LLM_MODEL are
 * set (by hand, against a real endpoint); otherwise it says so and exits 0. Nothing here is a test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseConfig } from '../src/config.js';
import { makeLogger } from '../src/logger.js';
import { understandOffline, type Understanding } from '../src/understanding/index.js';
import { makeLlmClient } from '../src/understanding/model/llmClient.js';
import { makeModelUnderstand } from '../src/understanding/model/modelUnderstand.js';
import type { LlmMetrics } from '../src/understanding/model/metrics.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { fixtures: { type: 'string' }, limit: { type: 'string' }, complaints: { type: 'string' } } });
const out = (line: string) => process.stdout.write(`${line}\n`);

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  out(`configuration invalid:\n  ${parsed.problems.join('\n  ')}`);
  process.exit(1);
}
const llm = parsed.config.llm;
if (!llm) {
  out('skipped: no model configured (set LLM_BASE_URL, LLM_API_KEY and LLM_MODEL)');
  process.exit(0);
}

const Labelled = z.object({
  id: z.string(),
  text: z.string().optional(),
  ref: z.string().optional(),
  type: z.array(z.string()).default([]),
  slots: z.record(z.string(), z.unknown()).default({}),
  now: z.string().optional(),
  awaiting: z.string().optional(),
  known: z.record(z.string(), z.unknown()).optional(),
});
type Labelled = z.infer<typeof Labelled>;

const fixturesDir = path.resolve(repoRoot, values.fixtures ?? 'test/fixtures/understanding');
const files = fs.existsSync(fixturesDir)
  ? fs
      .readdirSync(fixturesDir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
  : [];
if (files.length === 0) {
  out(`skipped: no labelled utterances in ${path.relative(repoRoot, fixturesDir)}/*.jsonl`);
  process.exit(0);
}
// Complaint fixtures point into the shared evaluation file by id (its texts are not copied into the repository).
const complaintsFile = path.resolve(repoRoot, values.complaints ?? '../shared/eval/shopper-complaints.jsonl');
const complaints = new Map<string, string>(
  fs.existsSync(complaintsFile)
    ? fs
        .readFileSync(complaintsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: string; text: string })
        .map((c) => [c.id, c.text])
    : [],
);

const counts = { requests: 0, outcomes: new Map<string, number>(), tokensIn: 0, tokensOut: 0, seconds: 0 };
const metrics: LlmMetrics = {
  request: (_p, outcome) => counts.outcomes.set(outcome, (counts.outcomes.get(outcome) ?? 0) + 1),
  latency: (_p, s) => {
    counts.requests++;
    counts.seconds += s;
  },
  tokens: (_p, i, o) => {
    counts.tokensIn += i;
    counts.tokensOut += o;
  },
};
const logger = makeLogger({ level: 'warn', pretty: false });
const client = makeLlmClient({ settings: llm, logger, metrics });
const withModel = makeModelUnderstand({ offline: understandOffline, llm: client, logger });
const limit = values.limit ? Number(values.limit) : Infinity;

type Score = {
  n: number;
  typeRight: number;
  typeFound: number;
  slotsRight: number;
  slotsWrong: number;
  slotsMissing: number;
  proposedRight: number;
  proposedWrong: number;
};
const empty = (): Score => ({ n: 0, typeRight: 0, typeFound: 0, slotsRight: 0, slotsWrong: 0, slotsMissing: 0, proposedRight: 0, proposedWrong: 0 });

function score(s: Score, item: Labelled, u: Understanding): void {
  s.n++;
  if (u.category) s.typeFound++;
  if (item.type.length > 0 && u.category && item.type.includes(u.category.best)) s.typeRight++;
  for (const [slot, expected] of Object.entries(item.slots)) {
    const got = (u.slots as Record<string, unknown>)[slot];
    const proposed = (u.proposed as Record<string, unknown> | undefined)?.[slot];
    if (got !== undefined) {
      if (JSON.stringify(got) === JSON.stringify(expected)) s.slotsRight++;
      else s.slotsWrong++;
    } else if (proposed !== undefined) {
      if (JSON.stringify(proposed) === JSON.stringify(expected)) s.proposedRight++;
      else s.proposedWrong++;
    } else s.slotsMissing++;
  }
}

const pct = (a: number, b: number) => (b === 0 ? '   –  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
out(`model ${llm.model} at ${new URL(llm.baseUrl).host}, structured output: ${llm.structuredOutput}`);
out('file                          n   type right (off → model)   type found (off → model)   slots right / wrong (off → model)   proposed right / wrong');
const started = Date.now();
for (const file of files) {
  const off = empty();
  const on = empty();
  const lines = fs.readFileSync(path.join(fixturesDir, file), 'utf8').split('\n').filter(Boolean);
  let taken = 0;
  for (const line of lines) {
    if (taken >= limit) break;
    const item = Labelled.safeParse(JSON.parse(line));
    if (!item.success) continue;
    const text = item.data.text ?? (item.data.ref ? complaints.get(item.data.ref) : undefined);
    if (!text) continue;
    taken++;
    const context = {
      now: new Date(item.data.now ?? '2026-11-28T10:00:00+08:00'),
      ...(item.data.awaiting ? { awaiting: item.data.awaiting as never } : {}),
      ...(item.data.known ? { known: item.data.known as never } : {}),
    };
    score(off, item.data, await understandOffline(text, context));
    score(on, item.data, await withModel(text, context));
  }
  const slotsTotal = (s: Score) => s.slotsRight + s.slotsWrong + s.slotsMissing + s.proposedRight + s.proposedWrong;
  out(
    `${file.padEnd(28)} ${String(off.n).padStart(4)}   ${pct(off.typeRight, off.n)} → ${pct(on.typeRight, on.n)}          ${pct(off.typeFound, off.n)} → ${pct(on.typeFound, on.n)}          ` +
      `${pct(off.slotsRight, slotsTotal(off))} / ${pct(off.slotsWrong, slotsTotal(off))} → ${pct(on.slotsRight, slotsTotal(on))} / ${pct(on.slotsWrong, slotsTotal(on))}      ${pct(on.proposedRight, slotsTotal(on))} / ${pct(on.proposedWrong, slotsTotal(on))}`,
  );
}
const outcomes = [...counts.outcomes].map(([k, v]) => `${k} ${v}`).join(', ');
out(
  `model calls ${counts.requests} (${outcomes || 'none'}), mean latency ${counts.requests ? ((counts.seconds / counts.requests) * 1000).toFixed(0) : 0} ms, tokens in ${counts.tokensIn} / out ${counts.tokensOut}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
