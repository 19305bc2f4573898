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

/**
 * Trees re-indexed from the feature order they were trained with to the current one, so adding a
 * feature does not silently scramble a stored model. A split on a feature that no longer exists is an error.
 */
export function alignTrees(trees: TreeEnsemble, trainedOn: readonly string[], current: readonly string[]): TreeEnsemble {
  if (trainedOn.length === 0 || trainedOn.every((f, i) => current[i] === f)) return trees;
  const to = trainedOn.map((f) => current.indexOf(f));
  return trees.map((tree) => ({
    ...tree,
    feature: tree.feature.map((f) => {
      if (f < 0) return f;
      const moved = to[f] ?? -1;
      if (moved < 0) throw new Error(`retrieval model splits on feature ${trainedOn[f]}, which no longer exists: run npm run kb:train`);
      return moved;
    }),
  }));
}
