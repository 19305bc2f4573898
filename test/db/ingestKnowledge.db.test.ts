import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../src/logger.js';
import { ingestLaws } from '../../src/retrieval/ingest/ingestLaws.js';
import { ingestPlans } from '../../src/retrieval/ingest/ingestPlans.js';
import { findLiveArticles } from '../../src/retrieval/sql/lawArticles.js';
import { findLivePlanSections } from '../../src/retrieval/sql/planSections.js';
import { lawsDir, seedPlanFile } from '../helpers/paths.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const logger = makeLogger({ level: 'silent', pretty: false });
const t = useTestDatabase();
const FILES = [
  '民法商法/消费者权益保护法(2013-10-25).md',
  '民法商法/电子商务法(2018-08-31).md',
  '司法解释/最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）(2022-03-01).md',
  // No date in this file name: its version comes from the header lines (2022-03-15).
  '司法解释/最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）.md',
];
let dir: string;

beforeAll(async () => {
  // The template database already holds the serving laws: start these tests from an empty layer.
  await t.db.query('delete from knowledge_sources');
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-laws-'));
  for (const f of FILES) {
    await fs.mkdir(path.join(dir, path.dirname(f)), { recursive: true });
    await fs.copyFile(path.join(lawsDir, f), path.join(dir, f));
  }
});

const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]?.n;

describe('law ingestion', () => {
  it('stores every article of every file with its citation data', async () => {
    const report = await ingestLaws(t.db, { dir, logger });
    expect(report).toMatchObject({ added: 4, updated: 0, retired: 0 });
    const articles = await findLiveArticles(t.db, ['消费者权益保护法']);
    const a25 = articles.find((a) => a.label === '第二十五条');
    expect(a25).toMatchObject({
      lawTitle: '中华人民共和国消费者权益保护法',
      versionDate: '2013-10-25',
      current: true,
      chapterPath: ['第三章 经营者的义务'],
      number: 25,
      sourcePath: '民法商法/消费者权益保护法(2013-10-25).md',
    });
    expect(a25?.text).toContain('七日内退货');
  });

  it('marks the older of two versions of a law as superseded', async () => {
    const rows = await t.db.query<{ version: string; current: boolean }>(
      `select distinct to_char(version_date, 'YYYY-MM-DD') as version, is_current as current from law_articles
        where law_short like '%网络消费纠纷%' order by version`,
    );
    expect(rows.rows).toEqual([
      { version: '2022-03-01', current: false },
      { version: '2022-03-15', current: true },
    ]);
  });

  it('changes nothing when run again on the same files', async () => {
    const before = await t.db.query('select source_path, ingested_at from knowledge_sources order by 1');
    const articlesBefore = await count('select count(*)::int as n from law_articles');
    const report = await ingestLaws(t.db, { dir, logger });
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 4, retired: 0, articles: 0 });
    expect((await t.db.query('select source_path, ingested_at from knowledge_sources order by 1')).rows).toEqual(before.rows);
    expect(await count('select count(*)::int as n from law_articles')).toBe(articlesBefore);
  });

  it('updates the rows of an edited file', async () => {
    const file = path.join(dir, FILES[1]!);
    const original = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, `${original}\n第九十九条 测试用的新增条文。\n`);
    const report = await ingestLaws(t.db, { dir, logger });
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 3 });
    const labels = (await findLiveArticles(t.db, ['电子商务法'])).map((a) => a.label);
    expect(labels).toContain('第九十九条');
    await fs.writeFile(file, original);
    await ingestLaws(t.db, { dir, logger });
    expect((await findLiveArticles(t.db, ['电子商务法'])).map((a) => a.label)).not.toContain('第九十九条');
  });

  it('retires the articles of a removed file and makes the remaining version current', async () => {
    await fs.rm(path.join(dir, FILES[3]!));
    const report = await ingestLaws(t.db, { dir, logger });
    expect(report.retired).toBe(1);
    const live = await findLiveArticles(t.db);
    expect(live.some((a) => a.sourcePath === FILES[3])).toBe(false);
    const older = live.filter((a) => a.sourcePath === FILES[2]);
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((a) => a.current)).toBe(true);
  });

  it('keeps the stored laws when the folder holds no law texts at all (a setting pointing elsewhere)', async () => {
    const liveBefore = (await findLiveArticles(t.db)).length;
    expect(liveBefore).toBeGreaterThan(0);
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-no-laws-'));
    for (const folder of [empty, path.join(empty, 'missing')]) {
      const report = await ingestLaws(t.db, { dir: folder, logger });
      expect(report).toMatchObject({ added: 0, retired: 0 });
      expect((await findLiveArticles(t.db)).length).toBe(liveBefore);
    }
  });

  it('stores only the laws a filter accepts', async () => {
    await t.db.query('delete from knowledge_sources');
    const report = await ingestLaws(t.db, { dir, logger, include: (law) => law.shortTitle === '电子商务法' });
    expect(report).toMatchObject({ added: 1, skipped: 2 });
    expect(new Set((await findLiveArticles(t.db)).map((a) => a.lawShort))).toEqual(new Set(['电子商务法']));
  });
});

describe('plan ingestion', () => {
  it('stores the flattened seed plan as sections, idempotently', async () => {
    const first = await ingestPlans(t.db, [seedPlanFile], { namespace: 'operator', retireMissing: false, logger });
    expect(first).toMatchObject({ added: 1, sections: 65 });
    const again = await ingestPlans(t.db, [seedPlanFile], { namespace: 'operator', retireMissing: false, logger });
    expect(again).toMatchObject({ added: 0, unchanged: 1 });
    const sections = await findLivePlanSections(t.db);
    expect(sections).toHaveLength(65);
    expect(sections.find((s) => s.heading === '6.1.1 及时收集证据')).toMatchObject({
      planId: '000_8e337eff88bb68fe',
      planTitle: '电子商务平台消费者权益保护与维权预案',
      path: ['第六章 电子商务平台消费者权益保护与维权流程', '6.1 消费者权益受损时的应对措施', '6.1.1 及时收集证据'],
    });
  });

  it('retires a default plan whose file is gone', async () => {
    const dirWithPlan = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-plan-'));
    const planFile = path.join(dirWithPlan, 'p.md');
    await fs.writeFile(planFile, '# 测试预案\n\n## 第一章 总则\n\n内容。\n');
    await ingestPlans(t.db, [planFile], { namespace: 'default', retireMissing: true, logger });
    expect((await findLivePlanSections(t.db)).some((s) => s.planId === 'p')).toBe(true);
    const report = await ingestPlans(t.db, [], { namespace: 'default', retireMissing: true, logger });
    expect(report.retired).toBe(1);
    expect((await findLivePlanSections(t.db)).some((s) => s.planId === 'p')).toBe(false);
    expect((await findLivePlanSections(t.db)).some((s) => s.planId === '000_8e337eff88bb68fe')).toBe(true);
  });
});
