import fs from 'node:fs/promises';
import path from 'node:path';
import { chinaDate } from '../src/retrieval/versions.js';
import { rate, readEverydaySet, scoreEveryday, type EverydayScore } from './everydayEval.js';
import { loadOfflineKnowledge } from './offlineKnowledge.js';

const Baseline = (s: unknown) => s as { dev: { hit1: number; hit5: number }; heldOut: { hit1: number; hit5: number } };

/**
 * Scores the everyday set on the served knowledge (serving laws, default plan, the seed operator plan), prints
 * hit@1/hit@5 for the development part and the held-out third apart, and the misses of the development part
 * (`--show-held-out` lists the held-out misses too: only for the final report). `--check` fails (exit 1) when
 * a figure falls below knowledge/eval/everyday-baseline.json; `--write-baseline` records the current figures.
 */
export async function runEverydayEval(args: Map<string, string>, repoRoot: string, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  const lawsDir = path.resolve(repoRoot, args.get('laws') ?? '../shared/laws');
  const knowledgeDir = path.resolve(repoRoot, args.get('knowledge') ?? 'knowledge');
  const file = path.resolve(repoRoot, args.get('eval') ?? 'knowledge/eval/everyday.jsonl');
  const baselineFile = path.join(knowledgeDir, 'eval', 'everyday-baseline.json');
  const seed = path.resolve(repoRoot, '../shared/seeds/000_8e337eff88bb68fe.txt');
  const operatorPlans = await fs.access(seed).then(
    () => [seed],
    () => [],
  );
  const [knowledge, questions] = await Promise.all([loadOfflineKnowledge({ lawsDir, knowledgeDir, operatorPlans }), readEverydaySet(file)]);
  const on = args.get('on') ?? chinaDate(new Date());
  const report = scoreEveryday(knowledge, questions, on);
  const pct = (s: EverydayScore, k: 'hit1' | 'hit5') => `${(100 * rate(s, k)).toFixed(1)} %`;
  log(`everyday questions (${path.relative(repoRoot, file)}), answered on ${on}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`  development (n=${report.dev.n}): hit@1 ${pct(report.dev, 'hit1')}, hit@5 ${pct(report.dev, 'hit5')}`);
  log(`  held out    (n=${report.heldOut.n}): hit@1 ${pct(report.heldOut, 'hit1')}, hit@5 ${pct(report.heldOut, 'hit5')}`);
  const weak = Object.entries(report.byType).filter(([, s]) => s.hit5 < s.n);
  if (weak.length) log(`  types with a hit@5 miss: ${weak.map(([t, s]) => `${t} ${s.hit5}/${s.n}`).join(', ')}`);
  const shown = report.misses.filter((m) => !m.heldOut || args.get('show-held-out') === 'true');
  if (shown.length) log(`misses (not first${args.get('show-held-out') === 'true' ? '' : ', development part only'}):`);
  for (const m of shown)
    log(
      `  #${m.id}${m.heldOut ? ' [held out]' : ''} ${m.query}\n      gold ${m.golds.join(' / ')}; rank ${m.rank ?? '-'}; got ${m.got.join(', ') || 'nothing'}`,
    );
  if (report.unknownGolds.length) {
    log(`gold articles we do not serve: ${report.unknownGolds.join('; ')}`);
    return 1;
  }
  const current = {
    dev: { hit1: rate(report.dev, 'hit1'), hit5: rate(report.dev, 'hit5') },
    heldOut: { hit1: rate(report.heldOut, 'hit1'), hit5: rate(report.heldOut, 'hit5') },
  };
  if (args.get('write-baseline') === 'true') {
    await fs.writeFile(baselineFile, `${JSON.stringify({ measuredOn: on, questions: questions.length, ...current }, null, 2)}\n`);
    log(`baseline written: ${path.relative(repoRoot, baselineFile)}`);
  }
  if (args.get('check') === 'true') {
    const baseline = Baseline(JSON.parse(await fs.readFile(baselineFile, 'utf8')));
    const below = (['dev', 'heldOut'] as const).flatMap((part) =>
      (['hit1', 'hit5'] as const)
        .filter((k) => current[part][k] + 1e-9 < baseline[part][k])
        .map((k) => `${part} ${k} ${current[part][k].toFixed(3)} < ${baseline[part][k].toFixed(3)}`),
    );
    if (below.length) {
      log(`below the committed baseline: ${below.join('; ')}`);
      return 1;
    }
    log('at or above the committed baseline');
  }
  return 0;
}
