import fs from 'node:fs/promises';
import path from 'node:path';
import type { LawArticle } from '../types.js';
import { parseLawFile, type ParsedLaw } from './parseLawFile.js';

export type LawFile = ParsedLaw & { contentHash: string };

/** Every `.md` law file under `dir` (README.md excluded), as paths relative to `dir`, sorted. */
export async function listLawFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== 'README.md')
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Parses a whole collection into articles, marking older versions of a law as not current. */
export async function readLawDirectory(dir: string): Promise<LawArticle[]> {
  const files = await listLawFiles(dir);
  const laws = await Promise.all(files.map(async (f) => parseLawFile(f, await fs.readFile(path.join(dir, f), 'utf8'))));
  return lawsToArticles(laws);
}

/**
 * Flattens parsed laws into articles. A law is identified by its short title (and Civil Code book);
 * among its versions the latest date is current, the rest superseded.
 */
export function lawsToArticles(laws: ParsedLaw[]): LawArticle[] {
  const latest = new Map<string, string>();
  for (const law of laws) {
    const key = lawKey(law);
    const date = law.versionDate ?? '';
    if ((latest.get(key) ?? '') <= date) latest.set(key, date);
  }
  return laws.flatMap((law) => {
    const current = (latest.get(lawKey(law)) ?? '') === (law.versionDate ?? '');
    return law.articles.map((a) => ({
      id: `${law.sourcePath}#${a.label}`,
      kind: 'law' as const,
      lawTitle: law.title,
      lawShort: law.shortTitle,
      part: law.part,
      versionDate: law.versionDate,
      current,
      category: law.category,
      chapterPath: a.chapterPath,
      label: a.label,
      number: a.number,
      text: a.text,
      sourcePath: law.sourcePath,
    }));
  });
}

const lawKey = (law: ParsedLaw) => `${law.shortTitle}|${law.part ?? ''}`;
