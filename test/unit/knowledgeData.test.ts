import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { toChineseNumber } from '../../src/common/chineseNumeral.js';
import { readLawDirectory } from '../../src/retrieval/ingest/readLawDirectory.js';
import { DisputeType, loadKnowledgeFiles, type KnowledgeFiles } from '../../src/retrieval/knowledgeFiles.js';
import type { LawArticle } from '../../src/retrieval/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lawsDir = path.resolve(repoRoot, process.env.LAWS_DIR ?? '../shared/laws');
const knowledgeDir = path.join(repoRoot, 'knowledge');
const planFile = path.join(knowledgeDir, 'plan', 'weiquan-default-plan.md');

const CPL = '消费者权益保护法';
const ECL = '电子商务法';
const CC = '民法典';
const ONLINE = '最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）';
const PENALTY = '侵害消费者权益行为处罚办法';
const COMPLAINT = '市场监督管理投诉举报处理暂行办法';
const FOOD_PUNITIVE = '最高人民法院关于审理食品药品惩罚性赔偿纠纷案件适用法律若干问题的解释';
const CPL_INTERPRETATION = '最高人民法院关于适用《民事诉讼法》的解释';

/** The provisions the catalog must cover (the brief's list), by law and article number. */
const REQUIRED_CATALOG: Record<string, number[]> = {
  [CPL]: [2, 8, 9, 10, 11, 14, 23, 24, 25, 26, 29, 39, 40, 44, 45, 46, 48, 49, 52, 53, 55],
  [ECL]: [17, 19, 20, 21, 37, 38, 39, 49, 51, 57, 58, 59, 61, 62],
  [CC]: [148, 152, 157, 188, 195, 201, 203, 491, 496, 497, 577, 582, 584, 604, 610, 617, 620, 621, 1165, 1168, 1202, 1203, 1207],
  产品质量法: [40, 41, 42, 43, 44, 45, 46, 47],
  食品安全法: [131, 148],
  价格法: [13, 14, 41],
  明码标价和禁止价格欺诈规定: [16, 17, 19, 20],
  [ONLINE]: [1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14],
  [PENALTY]: [8, 9, 10, 16],
  [COMPLAINT]: [9, 12, 14, 15, 21],
  个人信息保护法: [13, 14, 28, 29, 47, 69],
  [FOOD_PUNITIVE]: [1, 12],
  民事诉讼法: [165],
  [CPL_INTERPRETATION]: [20],
};

/** Old articles whose 民法典 counterpart the repealed list must give. */
const REQUIRED_CORRESPONDENCES: Record<string, number[]> = {
  合同法: [13, 14, 21, 25, 39, 40, 41, 53, 54, 55, 94, 97, 107, 111, 112, 113, 114, 142, 153, 154, 155, 156, 157, 158],
  侵权责任法: [6, 8, 16, 20, 22, 36, 41, 43, 44, 45, 46, 47],
};

/** Short names the plan defines in 1.3, mapped to the parser's lawShort. */
const PLAN_ALIASES: Record<string, string> = {
  投诉举报暂行办法: COMPLAINT,
  处罚办法: PENALTY,
  '网络消费纠纷规定（一）': ONLINE,
  民诉法解释: CPL_INTERPRETATION,
  互联网法院规定: '最高人民法院关于互联网法院审理案件若干问题的规定',
};

const label = (n: number) => `第${toChineseNumber(n)}条`;
const key = (law: string, article: string) => `${law}|${article}`;

let files: KnowledgeFiles;
let current: Map<string, LawArticle>;
let lawParts: Map<string, Set<string>>;
let plan: string;

beforeAll(async () => {
  files = await loadKnowledgeFiles(knowledgeDir);
  const articles = await readLawDirectory(lawsDir);
  current = new Map(articles.filter((a) => a.current).map((a) => [key(a.lawShort, a.label), a]));
  lawParts = new Map();
  for (const a of articles) {
    const parts = lawParts.get(a.lawShort) ?? new Set<string>();
    if (a.part) parts.add(a.part);
    lawParts.set(a.lawShort, parts);
  }
  plan = await fs.readFile(planFile, 'utf8');
}, 120_000);

const missingArticles = (refs: { law: string; article: string }[]) => refs.filter((r) => !current.has(key(r.law, r.article))).map((r) => key(r.law, r.article));

describe('the law collection the data is checked against', () => {
  it('is present (set LAWS_DIR when it is not at ../shared/laws)', () => {
    expect(current.size).toBeGreaterThan(10_000);
  });
});

describe('catalog.json', () => {
  it('cites only articles that exist in the current version of each law', () => {
    expect(missingArticles(files.catalog)).toEqual([]);
  });

  it('covers every provision the assistant relies on', () => {
    const have = new Set(files.catalog.map((e) => key(e.law, e.article)));
    const missing = Object.entries(REQUIRED_CATALOG)
      .flatMap(([law, numbers]) => numbers.map((n) => key(law, label(n))))
      .filter((k) => !have.has(k));
    expect(missing).toEqual([]);
  });

  it('has unique ids, known dispute types and one entry per article', () => {
    const ids = files.catalog.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const articles = files.catalog.map((e) => key(e.law, e.article));
    expect(new Set(articles).size).toBe(articles.length);
    const allowed = new Set<string>(DisputeType.options);
    expect(files.catalog.flatMap((e) => e.disputeTypes).filter((t) => !allowed.has(t))).toEqual([]);
  });

  it('keeps 8 to 15 distinct phrasings per entry', () => {
    const bad = files.catalog.filter((e) => new Set(e.phrasings).size !== e.phrasings.length || e.phrasings.length < 8 || e.phrasings.length > 15);
    expect(bad.map((e) => e.id)).toEqual([]);
  });

  it('only cites laws the bot serves', () => {
    const served = new Set(files.servingLaws.laws.map((l) => l.lawShort));
    expect([...new Set(files.catalog.map((e) => e.law))].filter((law) => !served.has(law))).toEqual([]);
  });

  it('paraphrases rather than quotes: no summary repeats more than 30 characters of the article text in a row', () => {
    const quoted = files.catalog.filter((e) => {
      const text = current.get(key(e.law, e.article))?.text ?? '';
      return longestCommonRun(e.summary, text) > 30;
    });
    expect(quoted.map((e) => e.id)).toEqual([]);
  });
});

describe('servingLaws.json', () => {
  it('names every law by a short title the parser produces', () => {
    expect(files.servingLaws.laws.map((l) => l.lawShort).filter((law) => !lawParts.has(law))).toEqual([]);
  });

  it('names only parts that the law has, and lists each law once', () => {
    const badParts = files.servingLaws.laws.flatMap((l) => (l.parts ?? []).filter((p) => !lawParts.get(l.lawShort)?.has(p)).map((p) => `${l.lawShort}/${p}`));
    expect(badParts).toEqual([]);
    const names = files.servingLaws.laws.map((l) => l.lawShort);
    expect(new Set(names).size).toBe(names.length);
    expect(files.servingLaws.laws.find((l) => l.lawShort === CC)?.parts).toEqual(['总则', '合同编', '侵权责任编']);
  });
});

describe('repealed.json', () => {
  it('marks as superseded only a text we hold, in the version held, and the 2022 投诉举报暂行办法 from 2026-04-15', () => {
    for (const s of files.repealed.superseded) {
      const held = [...current.values()].find((a) => a.lawShort === s.lawShort);
      expect(held?.versionDate, s.lawShort).toBe(s.versionDate);
      expect(
        [...current.values()].some((a) => a.lawShort === s.supersededBy),
        `${s.supersededBy} is held: cite it instead`,
      ).toBe(s.replacementHeld);
    }
    expect(files.repealed.superseded).toContainEqual(
      expect.objectContaining({ lawShort: '市场监督管理投诉举报处理暂行办法', supersededOn: '2026-04-15', order: '国家市场监督管理总局令第121号' }),
    );
  });

  it('rests every repeal on an article that exists and names the repealed law', () => {
    for (const law of files.repealed.laws) {
      const basis = current.get(key(law.basis.law, law.basis.article));
      expect(basis, `${law.name}: ${law.basis.law}${law.basis.article}`).toBeDefined();
      expect(basis?.text, law.name).toContain(`《中华人民共和国${law.name}》`);
    }
  });

  it('maps old articles only to articles that exist in the replacing law', () => {
    const refs = files.repealed.laws.flatMap((law) => law.articles.flatMap((a) => a.new.map((article) => ({ law: law.repealedBy, article }))));
    expect(missingArticles(refs)).toEqual([]);
  });

  it('gives each old article once, and covers the key provisions of 合同法 and 侵权责任法', () => {
    for (const [name, numbers] of Object.entries(REQUIRED_CORRESPONDENCES)) {
      const law = files.repealed.laws.find((l) => l.name === name);
      const olds = law?.articles.map((a) => a.old) ?? [];
      expect(new Set(olds).size, name).toBe(olds.length);
      expect(
        numbers.map(label).filter((l) => !olds.includes(l)),
        name,
      ).toEqual([]);
    }
    // 侵权责任法第四十二条 has no one-to-one successor in the Civil Code; the file must say so.
    expect(files.repealed.laws.find((l) => l.name === '侵权责任法')?.note).toContain('第四十二条');
  });

  it('lists every law that 民法典第一千二百六十条 repealed', () => {
    const names = files.repealed.laws.map((l) => l.name);
    for (const name of ['合同法', '侵权责任法', '民法通则', '民法总则', '物权法', '担保法', '婚姻法', '继承法', '收养法']) expect(names).toContain(name);
  });
});

describe('renamed.json', () => {
  it('cites repealing articles and evidence that exist', () => {
    const refs = [...files.renamed.rules.map((r) => r.by), ...files.renamed.bodies.flatMap((b) => b.evidence ?? [])];
    expect(missingArticles(refs)).toEqual([]);
  });

  it('points each repealed rule at an article that names it', () => {
    for (const rule of files.renamed.rules) {
      const title = rule.old.replace(/（.*$/, '');
      expect(current.get(key(rule.by.law, rule.by.article))?.text, rule.old).toContain(`《${title}》`);
    }
  });

  it('maps the old market regulator to 市场监督管理部门', () => {
    expect(files.renamed.bodies.find((b) => b.old.includes('工商行政管理部门'))?.now).toBe('市场监督管理部门');
  });
});

describe('the default plan', () => {
  it('has the title and the required chapters with numbered sections', () => {
    expect(plan.split('\n')[0]).toBe('# 维权助手默认维权预案');
    for (const chapter of ['总则', '消费者的权利与平台保护措施', '维权流程与各环节时限', '应急预案', '职责分工', '执行与评估']) {
      expect(plan).toMatch(new RegExp(`^## 第[一二三四五六]章 ${chapter}$`, 'm'));
    }
    expect(plan).toMatch(/^### 1\.1 目的$/m);
  });

  it('says early that it is information, not legal advice', () => {
    expect(plan.slice(0, 300)).toMatch(/不是[^。]{0,12}法律意见/);
  });

  it('is 2,500 to 5,000 Chinese characters long', () => {
    const chars = plan.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
    expect(chars).toBeGreaterThanOrEqual(2500);
    expect(chars).toBeLessThanOrEqual(5000);
  });

  it('names current bodies and the Civil Code, not repealed laws or the old regulator', () => {
    for (const old of ['工商', '合同法', '侵权责任法', '民法通则', '民法总则']) expect(plan).not.toContain(old);
  });

  it('cites only articles that exist', () => {
    expect(missingArticles(planCitations(plan))).toEqual([]);
  });
});

/**
 * Every 第X条 in the plan, attributed to the law last named in 《》 before it
 * (the plan writes “《消费者权益保护法》第二十四条” and then “（第二十五条）” for the same law).
 */
function planCitations(text: string): { law: string; article: string }[] {
  const refs: { law: string; article: string }[] = [];
  let law: string | undefined;
  for (const m of text.matchAll(/《([^》]+)》|第[一二三四五六七八九十百千零]+条/g)) {
    if (m[1] !== undefined) {
      const name = PLAN_ALIASES[m[1]] ?? m[1];
      law = lawParts.has(name) ? name : undefined;
    } else {
      refs.push({ law: law ?? '(no law named)', article: m[0] });
    }
  }
  return refs;
}

function longestCommonRun(a: string, b: string): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        row[j] = (prev[j - 1] ?? 0) + 1;
        if ((row[j] ?? 0) > best) best = row[j] ?? 0;
      }
    }
    prev = row;
  }
  return best;
}
