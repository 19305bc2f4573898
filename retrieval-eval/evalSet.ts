import fs from 'node:fs/promises';
import { z } from 'zod';
import { articleKey } from '../src/retrieval/index/docFields.js';

export const EvalQuestion = z.object({
  id: z.number(),
  query: z.string(),
  mission: z.boolean(),
  golds: z.array(z.object({ law: z.string(), article: z.string(), file: z.string().optional() })).min(1),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

/** Reads a STARD-style JSONL file (one question per line). */
export async function readEvalSet(file: string): Promise<EvalQuestion[]> {
  const text = await fs.readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => EvalQuestion.parse(JSON.parse(line)));
}

export const goldKeys = (q: EvalQuestion): Set<string> => new Set(q.golds.map((g) => articleKey(g.law, g.article)));
