/** What the knowledge layer holds and returns. Citation data are first-class fields, never a metadata bag. */

export type LawArticle = {
  /** Stable across ingests: `${sourcePath}#${label}`. */
  id: string;
  kind: 'law';
  /** 中华人民共和国消费者权益保护法 */
  lawTitle: string;
  /** 消费者权益保护法: the title without 中华人民共和国 */
  lawShort: string;
  /** For the Civil Code, its book (合同编); otherwise undefined. */
  part: string | undefined;
  /** YYYY-MM-DD of this version; null when the source gives none. */
  versionDate: string | null;
  /** False for an older version of a law that has a newer one in the corpus. */
  current: boolean;
  /** Folder of the collection: 民法商法, 司法解释, … */
  category: string;
  chapterPath: string[];
  /** 第二十五条, 第一百二十条之一 */
  label: string;
  /** 25, 120.01 */
  number: number;
  text: string;
  sourcePath: string;
};

export type PlanSection = {
  id: string;
  kind: 'plan';
  planId: string;
  planTitle: string;
  /** The section's own heading, e.g. 2.2.1 证据收集 */
  heading: string;
  /** Headings above and including this one. */
  path: string[];
  text: string;
  /** Position in the plan, for reading order. */
  order: number;
  sourcePath: string;
};

export type KnowledgeDoc = LawArticle | PlanSection;

export type SearchScope = 'all' | 'law' | 'plan';

export type SearchOptions = {
  k: number;
  scope: SearchScope;
  /** `serving`: the laws the bot serves by default (knowledge/servingLaws.json); `all`: every ingested law. */
  corpus: 'serving' | 'all';
};

export type SearchHit = { id: string; score: number };
