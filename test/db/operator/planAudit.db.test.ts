import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlanAudit } from '../../../src/operator/formatPlanAudit.js';
import { auditPlanFile, auditPlanText, PlanFileError } from '../../../src/operator/runPlanAudit.js';
import { repoRoot, seedPlanFile } from '../../helpers/paths.js';
import { useTestDatabase } from '../../helpers/testDatabase.js';

const t = useTestDatabase();
const knowledgeDir = path.join(repoRoot, 'knowledge');
const defaultPlan = path.join(knowledgeDir, 'plan', 'weiquan-default-plan.md');

describe('plan audit', () => {
  it('finds the seed plan’s repealed laws with their Civil Code successors, the old 工商 name and the missing parts', async () => {
    const audit = await auditPlanFile(t.db, seedPlanFile, { knowledgeDir, on: '2026-12-04' });
    const repealed = audit.findings.filter((f) => f.kind === 'repealedLaw');
    const contract = repealed.filter((f) => f.problem.zh.includes('《合同法》'));
    const tort = repealed.filter((f) => f.problem.zh.includes('《侵权责任法》'));
    expect(contract.map((f) => f.section)).toEqual(expect.arrayContaining([expect.stringContaining('2.2.3'), expect.stringContaining('2.1')]));
    expect(tort.map((f) => f.section)).toEqual(expect.arrayContaining([expect.stringContaining('2.2.4')]));
    // The successors come from the correspondence table and are articles we hold in the Civil Code.
    const tortFix = tort.find((f) => f.section?.includes('2.2.4'));
    expect(tortFix?.fix.zh).toMatch(/《民法典》侵权责任编第一千一百六十五条至第一千二百零八条/);
    const contractFix = contract.find((f) => f.section?.includes('2.2.3'));
    expect(contractFix?.fix.zh).toMatch(/《民法典》合同编/);
    // What 2.2.3 talks about (成立、生效、解除) maps to held Civil Code articles.
    expect(contractFix?.cites.length).toBeGreaterThan(0);
    for (const c of [...contract, ...tort].flatMap((f) => f.cites)) expect(c.law).toBe('民法典');

    const authorities = audit.findings.filter((f) => f.kind === 'oldAuthority');
    expect(authorities.length).toBeGreaterThanOrEqual(2);
    expect(authorities.every((f) => f.fix.zh.includes('市场监督管理部门'))).toBe(true);
    expect(authorities.map((f) => f.section)).toEqual(expect.arrayContaining([expect.stringContaining('6.2.2'), expect.stringContaining('6.3.2')]));
    expect(authorities[0]?.sentence).toContain('工商行政管理部门');

    const missing = audit.findings.filter((f) => f.kind === 'missingPart').map((f) => f.problem.zh);
    expect(missing.some((p) => p.includes('应急预案'))).toBe(true);
    expect(missing.some((p) => p.includes('责任与分工'))).toBe(true);
    expect(missing.some((p) => p.includes('时限'))).toBe(true);
    // The seed names no article number, so none can be missing.
    expect(audit.counts.missingArticle).toBe(0);
    const text = formatPlanAudit(audit);
    expect(text).toContain('原文：');
    expect(text).toContain('修改：');
  });

  it('has nothing to say about our own default plan while the rules it cites are in force', async () => {
    const audit = await auditPlanFile(t.db, defaultPlan, { knowledgeDir, on: '2026-04-14' });
    expect(audit.findings).toEqual([]);
  });

  it('flags the default plan’s 2022 complaint rules once they are superseded, and nothing else', async () => {
    const audit = await auditPlanFile(t.db, defaultPlan, { knowledgeDir, on: '2026-12-04' });
    expect(audit.findings.length).toBeGreaterThan(0);
    expect(new Set(audit.findings.map((f) => f.kind))).toEqual(new Set(['supersededRule']));
    expect(audit.findings[0]?.fix.zh).toContain('市场监督管理投诉举报处理办法');
  });

  it('finds articles that do not exist, deadlines against the law, repealed articles with their successors', async () => {
    const plan = [
      '# 测试预案',
      '## 第一章 总则',
      '### 1.1 目的',
      '依据《消费者权益保护法》第九十九条处理投诉。',
      '## 第二章 保护措施',
      '消费者自下单之日起七日内可以无理由退货（《消费者权益保护法》第二十五条）。',
      '商家收到退回商品后十五日内退款。',
      '经营者违约的，按《合同法》第一百零七条承担违约责任。',
      '劳动合同法不受影响。',
      '## 第三章 维权流程',
      '向原工商行政管理部门投诉的旧记录另行保存。向工商局投诉，七日内答复。',
      '## 第四章 应急预案',
      '## 第五章 职责分工',
      '## 第六章 执行与监督',
    ].join('\n');
    const audit = await auditPlanText(t.db, plan, { knowledgeDir, on: '2026-12-04' });
    const byKind = (k: string) => audit.findings.filter((f) => f.kind === k);
    expect(byKind('missingArticle').map((f) => f.problem.zh)).toEqual([expect.stringContaining('第九十九条')]);
    expect(byKind('deadline').map((f) => f.cites[0]?.article)).toEqual(['第二十五条', '第二十五条']);
    expect(byKind('deadline')[0]?.problem.zh).toContain('自收到商品之日起七日内退货');
    const contract = byKind('repealedLaw');
    expect(contract).toHaveLength(1);
    expect(contract[0]?.cites).toEqual([{ law: '民法典', article: '第五百七十七条' }]);
    // 原工商行政管理部门 names the old body on purpose; 工商局 does not.
    expect(byKind('oldAuthority').map((f) => f.problem.zh)).toEqual([expect.stringContaining('工商局')]);
    expect(byKind('missingPart')).toEqual([]);
  });

  it('refuses an empty or binary plan with a clear error', async () => {
    await expect(auditPlanText(t.db, '  \n', { knowledgeDir })).rejects.toThrow(PlanFileError);
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'audit-')), 'x.docx');
    await fs.writeFile(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]));
    await expect(auditPlanFile(t.db, file, { knowledgeDir })).rejects.toThrow(/not a text file/);
    await expect(auditPlanFile(t.db, `${file}.missing`, { knowledgeDir })).rejects.toThrow(/cannot read/);
  });
});
