import fs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { makeTokenizer, STOP_WORDS, type Tokenizer } from '../tokenize/index.js';
import { LawAliasesFile, RepealedLawsFile, CIVIL_CODE_REPEALS } from './references/referenceFiles.js';
import { EMPTY_MODEL, RetrievalModel } from './retrievalModel.js';
import { makeThesaurus, ThesaurusFile, type Thesaurus } from './thesaurus.js';
import { CatalogPhrasingsFile, catalogPhrasings, type Phrasings } from './catalogPhrasings.js';

/** Everything the index needs besides the documents: tokenizer, vocabularies, references and the learned model. */
export type IndexResources = {
  tokenizer: Tokenizer;
  thesaurus: Thesaurus;
  aliases: LawAliasesFile;
  repealed: RepealedLawsFile;
  model: RetrievalModel;
  /** Everyday phrasings of catalogued articles (knowledge/catalog.json), appended to those articles' text. */
  phrasings: Phrasings;
};

/**
 * Reads the retrieval files in `knowledgeDir`: legalDict.txt, thesaurus.json, lawAliases.json,
 * repealed.json (owned elsewhere; when absent, the Civil Code's list of repealed laws without article
 * correspondences), catalog.json (owned elsewhere; its everyday phrasings expand the articles they describe)
 * and retrievalModel.json (when absent, lexical ranking only). A file that exists but
 * does not parse is an error, never silently skipped.
 */
export async function loadIndexResources(knowledgeDir: string): Promise<IndexResources> {
  const [userDict, thesaurus, aliases, repealed, model, catalog] = await Promise.all([
    readOptional(path.join(knowledgeDir, 'legalDict.txt')),
    readJson(path.join(knowledgeDir, 'thesaurus.json'), ThesaurusFile, { entries: {} }),
    readJson(path.join(knowledgeDir, 'lawAliases.json'), LawAliasesFile, { aliases: {} }),
    readJson(path.join(knowledgeDir, 'repealed.json'), RepealedLawsFile, CIVIL_CODE_REPEALS),
    readJson(path.join(knowledgeDir, 'retrievalModel.json'), RetrievalModel, EMPTY_MODEL),
    readJson(path.join(knowledgeDir, 'catalog.json'), CatalogPhrasingsFile, []),
  ]);
  const tokenizer = makeTokenizer({ userDict, stopWords: STOP_WORDS });
  return { tokenizer, thesaurus: makeThesaurus(thesaurus, tokenizer), aliases, repealed, model, phrasings: catalogPhrasings(catalog) };
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return undefined;
    throw e;
  }
}

async function readJson<T>(file: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const text = await readOptional(file);
  if (text === undefined) return fallback;
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is invalid: ${parsed.error.message}`);
  return parsed.data;
}
