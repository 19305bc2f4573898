import { describe, expect, it } from 'vitest';
import { oneCopyEach } from '../../src/retrieval/servingSet.js';
import type { LawArticle } from '../../src/retrieval/types.js';

const article = (sourcePath: string, label: string, versionDate = '2022-09-02'): LawArticle => ({
  id: `${sourcePath}#${label}`,
  kind: 'law',
  lawTitle: '中华人民共和国反电信网络诈骗法',
  lawShort: '反电信网络诈骗法',
  part: undefined,
  versionDate,
  current: true,
  category: sourcePath.split('/')[0] ?? '',
  chapterPath: [],
  label,
  number: 20,
  text: '……',
  sourcePath,
});

describe('oneCopyEach', () => {
  it('keeps one copy of a law filed under two categories (the first path), and every version', () => {
    const docs = [
      article('社会法/反电信网络诈骗法(2022-09-02).md', '第二十条'),
      article('行政法/反电信网络诈骗法(2022-09-02).md', '第二十条'),
      article('行政法/反电信网络诈骗法(2022-09-02).md', '第二十七条'),
      article('社会法/反电信网络诈骗法(2022-09-02).md', '第二十七条'),
      article('社会法/反电信网络诈骗法(2030-01-01).md', '第二十条', '2030-01-01'),
    ];
    expect(oneCopyEach(docs).map((d) => d.id)).toEqual([
      '社会法/反电信网络诈骗法(2022-09-02).md#第二十条',
      '社会法/反电信网络诈骗法(2022-09-02).md#第二十七条',
      '社会法/反电信网络诈骗法(2030-01-01).md#第二十条',
    ]);
  });
});
