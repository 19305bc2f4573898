import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand, type ReportDeps } from '../../../src/operator/reportCommand.js';
import { repoRoot, seedPlanFile } from '../../helpers/paths.js';
import { useTestDatabase } from '../../helpers/testDatabase.js';
import { insertEvaluationFixture } from './evaluationFixture.js';

const t = useTestDatabase();
const knowledgeDir = path.join(repoRoot, 'knowledge');

beforeAll(async () => {
  await insertEvaluationFixture(t.db);
});

function run(argv: string[], planFile = seedPlanFile) {
  let text = '';
  const deps: ReportDeps = {
    db: t.db,
    out: { write: (s) => void (text += s) },
    findSite: async (id) => (['s_alpha', 's_beta'].includes(id) ? { id, name: `站点 ${id}` } : undefined),
    knowledgeDir,
    planFile,
    now: () => new Date('2026-12-04T02:00:00Z'),
  };
  return runReportCommand(argv, deps).then((code) => ({ code, text }));
}

describe('admin report', () => {
  it('gives the month’s figures, top problems and merchants, and plan revision suggestions', async () => {
    const { code, text: html } = await run(['--site', 's_alpha', '--month', '2026-11']);
    expect(code).toBe(0);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('维权预案执行评估报告 · 站点 s_alpha（s_alpha）· 2026-11');
    expect(html).toContain('统计期间 2026-11-01 至 2026-11-30');
    expect(html).toContain('<td>新立案件</td><td>3</td>');
    expect(html).toContain('<td>转人工（占对话）</td><td>4（80.0%）</td>');
    expect(html).toContain('本月最多的纠纷类型是“质量问题 / 货不对板”，共 2 件');
    expect(html).toMatch(/<td>1\. 甲店<\/td><td>2<\/td><\/tr><tr><td>2\. 乙店<\/td><td>1<\/td>/);
    expect(html).toContain('3.5 / 5（2 份评价）');
    // Suggestions: the seed plan's outdated references and the question nothing covered.
    expect(html).toContain('引用已废止的法律');
    expect(html).toContain('《中华人民共和国合同法》');
    expect(html).toContain('“工商行政管理部门”现为“市场监督管理部门”');
    expect(html).toContain('消费者问到“能不能退运费 [已隐去:电话 phone]”（2 次）');
    // Another site's rows and any identifier stay out; nothing runs in the page.
    expect(html).not.toContain('拼多多');
    expect(html).not.toMatch(/13812345678|13900001111|<script|src=/);
  });

  it('is the same page when run again, and writes the file whole with --out', async () => {
    const first = await run(['--site', 's_alpha', '--month', '2026-11']);
    const second = await run(['--site', 's_alpha', '--month', '2026-11']);
    expect(second.text).toBe(first.text);
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'report-')), 'r.html');
    const written = await run(['--site', 's_alpha', '--month', '2026-11', '--out', file]);
    expect(written).toEqual({
      code: 0,
      text: `report written to ${file}: 3 cases, ${first.text.match(/（按 2026-12-04 的法律状态，(\d+) 项问题）/)?.[1]} plan findings\n`,
    });
    expect(await fs.readFile(file, 'utf8')).toBe(first.text);
    expect((await fs.readdir(path.dirname(file))).length).toBe(1);
  });

  it('finds nothing repealed in our default plan, and refuses bad arguments', async () => {
    const empty = await run(['--site', 's_beta', '--month', '2025-01'], path.join(knowledgeDir, 'plan', 'weiquan-default-plan.md'));
    expect(empty.text).toContain('本月没有新立案件');
    expect(empty.text).not.toContain('引用已废止的法律');
    expect((await run(['--site', 'nope', '--month', '2026-11'])).code).toBe(1);
    expect((await run(['--site', 's_alpha', '--month', '2026-13'])).code).toBe(2);
    expect((await run(['--month', '2026-11'])).text).toContain('--site is required');
  });
});
