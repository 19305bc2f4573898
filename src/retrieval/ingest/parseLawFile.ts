import { parseNumeral } from '../../common/chineseNumeral.js';

/** One article of one version of one law, as parsed from a LawRefBook Markdown file. */
export type ParsedArticle = {
  /** `第二十五条`, `第一百二十条之一`: as written. */
  label: string;
  /** 25; an `之一` article sorts right after its base: 120.01. */
  number: number;
  /** Chapter / section headings above the article, outermost first. */
  chapterPath: string[];
  text: string;
};

export type ParsedLaw = {
  /** Full title, e.g. 中华人民共和国消费者权益保护法. */
  title: string;
  /** Title without 中华人民共和国 (also inside 《》), as people and the STARD golds name it: 消费者权益保护法. */
  shortTitle: string;
  /** For the Civil Code, the book: 合同编. */
  part: string | undefined;
  /** YYYY-MM-DD from the file name, else the latest date in the header lines; null if none. */
  versionDate: string | null;
  /** Folder in the collection: 民法商法, 司法解释, …. */
  category: string;
  /** Path relative to the collection root. */
  sourcePath: string;
  articles: ParsedArticle[];
};

const ARTICLE = /^第([一二三四五六七八九十百千零〇两\d]+)条(之([一二三四五六七八九十]+))?(?:[\s\u3000]+|$)/;
const HEADING = /^(#{2,6})\s+(.+?)\s*$/;
const FILE_DATE = /\((\d{4}-\d{2}-\d{2})\)\.md$/;
const HEADER_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/g;

/** Parses one law file. `sourcePath` is relative to the collection root (e.g. `民法商法/电子商务法(2018-08-31).md`). */
export function parseLawFile(sourcePath: string, markdown: string): ParsedLaw {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const titles = lines.filter((l) => /^#\s+/.test(l)).map((l) => l.replace(/^#\s+/, '').trim());
  const title = titles[0] ?? sourcePath.replace(/^.*\//, '').replace(FILE_DATE, '').replace(/\.md$/, '');
  const infoEnd = lines.findIndex((l) => l.includes('<!-- INFO END -->'));
  const header = infoEnd >= 0 ? lines.slice(0, infoEnd) : [];

  const articles: ParsedArticle[] = [];
  const headings: { level: number; text: string }[] = [];
  let current: ParsedArticle | undefined;
  for (const raw of lines.slice(infoEnd + 1)) {
    const line = raw.trim();
    if (!line) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 2;
      while (headings.length && (headings.at(-1)?.level ?? 0) >= level) headings.pop();
      headings.push({ level, text: (heading[2] ?? '').replace(/\s+/g, ' ') });
      current = undefined;
      continue;
    }
    const article = ARTICLE.exec(line);
    const base = article ? parseNumeral(article[1] ?? '') : undefined;
    if (article && base !== undefined) {
      const sub = article[3] ? (parseNumeral(article[3]) ?? 0) : 0;
      current = {
        label: `第${article[1]}条${article[2] ?? ''}`,
        number: base + sub / 100,
        chapterPath: headings.map((h) => h.text),
        text: line,
      };
      articles.push(current);
    } else if (current) {
      current.text += `\n${line}`;
    }
  }

  return {
    title,
    shortTitle: title.replace(/中华人民共和国/g, ''),
    part: titles[1],
    versionDate: FILE_DATE.exec(sourcePath)?.[1] ?? latestDate(header),
    category: sourcePath.includes('/') ? (sourcePath.split('/')[0] ?? '') : '',
    sourcePath,
    articles,
  };
}

/** The short title and Civil Code book from a file's `#` lines, without parsing its articles. */
export function peekTitle(markdown: string): Pick<ParsedLaw, 'shortTitle' | 'part'> {
  const titles = [...markdown.slice(0, 2000).matchAll(/^#\s+(.+?)\s*$/gm)].map((m) => m[1] ?? '');
  return { shortTitle: (titles[0] ?? '').replace(/中华人民共和国/g, ''), part: titles[1] };
}

function latestDate(lines: string[]): string | null {
  let latest: string | null = null;
  for (const line of lines) {
    for (const m of line.matchAll(HEADER_DATE)) {
      const date = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
      if (!latest || date > latest) latest = date;
    }
  }
  return latest;
}
