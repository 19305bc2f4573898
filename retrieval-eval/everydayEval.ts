import fs from 'node:fs/promises';
import { z } from 'zod';
import { DisputeType } from '../src/retrieval/knowledgeFiles.js';
import type { Knowledge } from '../src/retrieval/makeKnowledge.js';

/** One everyday question (knowledge/eval/everyday.jsonl): a shopper's words and the precise article(s) that answer it. */
export const EverydayQuestion = z.strictObject({
  id: z.number().int().positive(),
  query: z.string().trim().min(2),
  type: DisputeType,
  golds: z.array(z.strictObject({ law: z.string().min(1), article: z.string().min(1) })).min(1),
  /** Scored only at the end, never looked at while improving the catalog or the ranker. */
  heldOut: z.boolean(),
});
export type EverydayQuestion = z.infer<typeof EverydayQuestion>;

export async function readEverydaySet(file: string): Promise<EverydayQuestion[]> {
  const lines = (await fs.readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  return lines.map((line, i) => {
    const parsed = EverydayQuestion.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });
}

export type EverydayScore = { n: number; hit1: number; hit5: number };
export type EverydayReport = {
  dev: EverydayScore;
  heldOut: EverydayScore;
  byType: Record<string, EverydayScore>;
  misses: { id: number; query: string; heldOut: boolean; rank: number | null; golds: string[]; got: string[] }[];
  /** Gold articles that are not articles we serve: the set itself is wrong. */
  unknownGolds: string[];
};

/**
 * hit@1 / hit@5: is one of the gold articles the first / among the first five articles the answer would
 * cite (`Knowledge.rankLaws`, the same selection `answer` shows the first three of)?
 */
export function scoreEveryday(knowledge: Knowledge, questions: readonly EverydayQuestion[], on: string): EverydayReport {
  const empty = (): EverydayScore => ({ n: 0, hit1: 0, hit5: 0 });
  const report: EverydayReport = { dev: empty(), heldOut: empty(), byType: {}, misses: [], unknownGolds: [] };
  for (const q of questions) {
    const golds = q.golds.map((g) => `${g.law}${g.article}`);
    for (const g of q.golds) if (!knowledge.article(g.law, g.article, on)) report.unknownGolds.push(`${q.id}: ${g.law}${g.article}`);
    const got = knowledge.rankLaws({ question: q.query, k: 5, on }).map((r) => `${r.law}${r.article}`);
    const at = got.findIndex((x) => golds.includes(x));
    const rank = at === -1 ? null : at + 1;
    for (const score of [q.heldOut ? report.heldOut : report.dev, (report.byType[q.type] ??= empty())]) {
      score.n++;
      if (rank === 1) score.hit1++;
      if (rank !== null && rank <= 5) score.hit5++;
    }
    if (rank !== 1) report.misses.push({ id: q.id, query: q.query, heldOut: q.heldOut, rank, golds, got });
  }
  return report;
}

export const rate = (s: EverydayScore, key: 'hit1' | 'hit5') => (s.n ? s[key] / s.n : 0);
