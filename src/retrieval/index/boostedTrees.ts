import { z } from 'zod';

/**
 * Regression trees added to the linear score (gradient boosting on the listwise softmax loss): they
 * capture what a linear model cannot, e.g. that kNN votes matter more when the body match is weak.
 * Stored flat: node i splits on `feature[i]` at `threshold[i]` (≤ goes left); a leaf has feature -1.
 */
export const TreeEnsemble = z.array(
  z.object({
    feature: z.array(z.number().int()),
    threshold: z.array(z.number()),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    value: z.array(z.number()),
  }),
);
export type TreeEnsemble = z.infer<typeof TreeEnsemble>;
export type Tree = TreeEnsemble[number];

/** Sum of the trees' outputs for the feature row starting at `offset` in `rows`. */
export function scoreTrees(trees: TreeEnsemble, rows: Float32Array, offset: number): number {
  let sum = 0;
  for (const tree of trees) {
    let node = 0;
    for (;;) {
      const f = tree.feature[node] ?? -1;
      if (f < 0) break;
      node = (rows[offset + f] ?? 0) <= (tree.threshold[node] ?? 0) ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0);
    }
    sum += tree.value[node] ?? 0;
  }
  return sum;
}
