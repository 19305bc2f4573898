import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger.js';
import type { Db } from '../../storage/index.js';
import { findSources, retireSources, upsertSource } from '../sql/knowledgeSources.js';
import { refreshCurrentVersions, replaceArticles } from '../sql/lawArticles.js';
import { parseLawFile, peekTitle, type ParsedLaw } from './parseLawFile.js';
import { lawsToArticles, listLawFiles } from './readLawDirectory.js';

// Part of every content hash: bump it when parsing changes, so the next ingest re-parses all files.
const PARSER_VERSION = 'law-parser-1';

export type IngestReport = { added: number; updated: number; unchanged: number; skipped: number; retired: number; articles: number; ms: number };

export type IngestLawsOptions = {
  dir: string;
  /** Which laws to store (the serving set); files left out are neither stored nor retired. */
  include?: (law: Pick<ParsedLaw, 'shortTitle' | 'part'>) => boolean;
  logger: Logger;
};

/**
 * Brings the database in line with a law directory. Idempotent: unchanged files (by content hash)
 * are skipped; an edited file replaces its articles; a file gone from the directory is retired.
 * Each file is written in its own transaction, so an interrupted run leaves whole files only.
 */
export async function ingestLaws(db: Db, options: IngestLawsOptions): Promise<IngestReport> {
  const started = Date.now();
  const files = await listLawFiles(options.dir).catch(() => []);
  const known = await findSources(db, 'law');
  const report: IngestReport = { added: 0, updated: 0, unchanged: 0, skipped: 0, retired: 0, articles: 0, ms: 0 };

  for (const file of files) {
    const content = await fs.readFile(path.join(options.dir, file), 'utf8');
    const contentHash = createHash('sha256').update(PARSER_VERSION).update(content).digest('hex');
    const sourcePath = file;
    const previous = known.get(sourcePath);
    if (previous && previous.contentHash === contentHash && !previous.retired) {
      report.unchanged += 1;
      continue;
    }
    // Deciding from the title lines alone spares parsing the ~1,500 files a serving-set start skips.
    if (options.include && !options.include(peekTitle(content))) {
      report.skipped += 1;
      continue;
    }
    const law = parseLawFile(file, content);
    // `current` is provisional here; refreshCurrentVersions settles it across all files below.
    const articles = lawsToArticles([law]);
    await db.withTransaction(async (tx) => {
      await upsertSource(tx, { sourcePath, kind: 'law', contentHash });
      await replaceArticles(tx, sourcePath, articles);
    });
    report.articles += articles.length;
    if (previous) report.updated += 1;
    else report.added += 1;
  }

  const present = new Set(files);
  // A folder with no law texts at all is a setting that points elsewhere (LAWS_DIR unset after an
  // `ingest --laws DIR`), not a decision to withdraw every law: nothing is retired then.
  const gone = files.length === 0 ? [] : [...known.values()].filter((s) => !s.retired && !present.has(s.sourcePath)).map((s) => s.sourcePath);
  if (files.length === 0 && known.size > 0) options.logger.warn({ dir: options.dir }, 'knowledge.laws_dir_empty: no law texts found, the stored laws are kept');
  report.retired = await retireSources(db, gone);
  if (report.added + report.updated + report.retired > 0) await refreshCurrentVersions(db);
  report.ms = Date.now() - started;
  options.logger.info({ ...report, dir: options.dir }, 'knowledge.laws_ingested');
  return report;
}
