import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DISPUTE_TYPES } from '../../dialogs/disputeTypes.js';
import { AppError, coerceError } from '../errors.js';
import { ShopperWords } from './answer/shopperWords.js';

/**
 * Schemas of the hand-written knowledge files in `knowledge/` (catalog, serving laws, repealed and
 * renamed items). The service and the data tests parse the files with these same schemas.
 */

/** The dispute categories the dialogs route on; catalog entries are tagged with these ids. */
export const DisputeType = z.enum(DISPUTE_TYPES);
export type DisputeType = z.infer<typeof DisputeType>;

/** An article label as the statutes write it: 第二十五条, 第一千二百六十条, 第一百二十条之一. */
export const ArticleLabel = z.string().regex(/^第[一二三四五六七八九十百千零]+条(之[一二三四五六七八九十]+)?$/, 'must look like 第二十五条');

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const Text = z.string().trim().min(1);

/** A law and article, the law named by its short title (the parser's `lawShort`). */
export const LawRef = z.strictObject({ law: Text, article: ArticleLabel });
export type LawRef = z.infer<typeof LawRef>;

export const CatalogEntry = z
  .strictObject({
    /** Stable kebab-case id: `cpl-25-seven-day-return`. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
    /** The parser's `lawShort`, e.g. 消费者权益保护法 or 民法典. */
    law: Text,
    article: ArticleLabel,
    title: Text,
    /** Plain Chinese, in our own words; never a quotation. */
    summary: Text,
    summaryEn: Text,
    /** What the consumer can demand, or null for a purely procedural or definitional rule. */
    remedy: Text.nullable(),
    timeLimit: Text.nullable(),
    /** Everyday ways a shopper describes the situation, for retrieval and routing. */
    phrasings: z.array(Text).min(8).max(15),
    disputeTypes: z.array(DisputeType).min(1),
    /** True only when law, article number and content were checked against the stored text. */
    verified: z.boolean(),
    note: Text.optional(),
  })
  .refine((e) => e.verified || e.note !== undefined, { message: 'an unverified entry needs a note saying why', path: ['note'] });
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const Catalog = z.array(CatalogEntry).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  for (const [i, e] of entries.entries()) {
    if (seen.has(e.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${e.id}`, path: [i, 'id'] });
    seen.add(e.id);
  }
});
export type Catalog = z.infer<typeof Catalog>;

export const ServingLaws = z.strictObject({
  laws: z
    .array(
      z.strictObject({
        lawShort: Text,
        why: Text,
        /** For the Civil Code: the books served (总则, 合同编, 侵权责任编); absent = every part. */
        parts: z.array(Text).min(1).optional(),
        /**
         * When a stored version took effect, where that differs from its version date (the date in the
         * file name): a version is cited only from this date on, and the previous one before it.
         */
        versions: z
          .array(z.strictObject({ versionDate: IsoDate, inForce: IsoDate }))
          .min(1)
          .optional(),
      }),
    )
    .min(1),
});
export type ServingLaws = z.infer<typeof ServingLaws>;

export const Correspondence = z.strictObject({
  old: ArticleLabel,
  /** Articles of the replacing law with the same rule, confirmed by comparing both texts. */
  new: z.array(ArticleLabel).min(1),
  topic: Text,
  /** What changed in substance, if anything. */
  note: Text.optional(),
});
export type Correspondence = z.infer<typeof Correspondence>;

export const Repealed = z.strictObject({
  laws: z
    .array(
      z.strictObject({
        name: Text,
        aliases: z.array(Text).min(1),
        repealedOn: IsoDate,
        repealedBy: Text,
        basis: LawRef,
        articles: z.array(Correspondence),
        /** Where the old text was read, for the article correspondences. */
        source: Text.optional(),
        note: Text.optional(),
      }),
    )
    .min(1),
  /**
   * Rules replaced by a newer rule whose text we do not hold yet: the old text stays citable only as
   * the old rule ("the 2022 rule"), never as current, from `supersededOn` on.
   */
  superseded: z
    .array(
      z.strictObject({
        /** The parser's `lawShort` of the replaced rule. */
        lawShort: Text,
        /** The version date of the replaced text we hold. */
        versionDate: IsoDate,
        /** How an answer names the old text: 2022 年暂行办法. */
        oldName: Text,
        supersededOn: IsoDate,
        supersededBy: Text,
        /** The replacing rule's number: 国家市场监督管理总局令第121号. */
        order: Text,
        /** False while `../shared/laws` holds no text of the replacing rule. */
        replacementHeld: z.boolean(),
        source: Text,
      }),
    )
    .default([]),
});
export type Repealed = z.infer<typeof Repealed>;
export type Superseded = Repealed['superseded'][number];

export const Renamed = z.strictObject({
  bodies: z.array(
    z.strictObject({
      old: z.array(Text).min(1),
      now: Text,
      note: Text,
      /** Stored texts that show the change. */
      evidence: z.array(LawRef).optional(),
    }),
  ),
  rules: z.array(
    z.strictObject({
      old: Text,
      repealedOn: IsoDate,
      by: LawRef,
      /** What replaced it, when that is a rule of its own. */
      replacedBy: Text.optional(),
      note: Text.optional(),
    }),
  ),
});
export type Renamed = z.infer<typeof Renamed>;

export type KnowledgeFiles = { catalog: Catalog; servingLaws: ServingLaws; repealed: Repealed; renamed: Renamed; shopperWords: ShopperWords };

/** Reads and parses the five knowledge files in `knowledgeDir`; fails on the first one that does not parse. */
export async function loadKnowledgeFiles(knowledgeDir: string): Promise<KnowledgeFiles> {
  const [catalog, servingLaws, repealed, renamed, shopperWords] = await Promise.all([
    readJson(knowledgeDir, 'catalog.json', Catalog),
    readJson(knowledgeDir, 'servingLaws.json', ServingLaws),
    readJson(knowledgeDir, 'repealed.json', Repealed),
    readJson(knowledgeDir, 'renamed.json', Renamed),
    readJson(knowledgeDir, 'shopperWords.json', ShopperWords),
  ]);
  return { catalog, servingLaws, repealed, renamed, shopperWords };
}

async function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T> {
  const fullPath = path.join(dir, file);
  try {
    return schema.parse(JSON.parse(await fs.readFile(fullPath, 'utf8')));
  } catch (e) {
    const error = coerceError(e);
    const reason = error instanceof z.ZodError ? z.prettifyError(error) : error.message;
    throw new AppError('INTERNAL', `knowledge file ${fullPath} is invalid: ${reason}`, { cause: error, isOperational: false });
  }
}
