import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignTrees, scoreTrees, type TreeEnsemble } from '../../src/retrieval/index/boostedTrees.js';
import { FEATURES } from '../../src/retrieval/index/features.js';
import { RetrievalModel } from '../../src/retrieval/index/retrievalModel.js';
import { repoRoot } from '../helpers/paths.js';

const stump = (feature: number, threshold: number): TreeEnsemble => [
  { feature: [feature, -1, -1], threshold: [threshold, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, -1, 1] },
];

describe('boosted trees', () => {
  it('follow splits to a leaf and sum the leaves', () => {
    const trees = [...stump(0, 0.5), ...stump(1, 0.5)];
    expect(scoreTrees(trees, Float32Array.from([0.9, 0.1]), 0)).toBe(0);
    expect(scoreTrees(trees, Float32Array.from([0, 0, 0.9, 0.9]), 2)).toBe(2);
  });

  it('are re-indexed when the feature list changes, and refuse a feature that is gone', () => {
    const aligned = alignTrees(stump(1, 0.5), ['a', 'b'], ['b', 'c', 'a']);
    expect(aligned[0]?.feature).toEqual([0, -1, -1]);
    expect(() => alignTrees(stump(1, 0.5), ['a', 'b'], ['a', 'c'])).toThrow(/kb:train/);
  });
});

describe('the shipped retrieval model', () => {
  it('parses and was trained with the current features (run npm run kb:train after changing FEATURES)', async () => {
    const model = RetrievalModel.parse(JSON.parse(await fs.readFile(path.join(repoRoot, 'knowledge/retrievalModel.json'), 'utf8')));
    expect(model.features).toEqual([...FEATURES]);
    expect(Object.keys(model.weights).sort()).toEqual([...FEATURES].sort());
    expect(model.questions.length).toBeGreaterThan(1000);
    expect(model.trees.length).toBeGreaterThan(0);
  });
});
