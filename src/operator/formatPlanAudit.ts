import type { PlanAudit } from './planAudit.js';

/** The audit as text for a terminal or a report: one block per finding. */
export function formatPlanAudit(audit: PlanAudit, locale: 'zh' | 'en' = 'zh'): string {
  const lines = [
    locale === 'zh'
      ? `预案审查：${audit.title}（${audit.sections} 节，按 ${audit.on} 的法律状态）——${audit.findings.length} 项问题`
      : `Plan audit: ${audit.title} (${audit.sections} sections, law as of ${audit.on}): ${audit.findings.length} findings`,
  ];
  audit.findings.forEach((f, i) => {
    lines.push('', `${i + 1}. [${f.kind}] ${f.section ?? (locale === 'zh' ? '（全文）' : '(whole plan)')}`);
    if (f.sentence) lines.push(`   ${locale === 'zh' ? '原文' : 'Sentence'}：${f.sentence.length > 160 ? `${f.sentence.slice(0, 160)}…` : f.sentence}`);
    lines.push(`   ${locale === 'zh' ? '问题' : 'Problem'}：${f.problem[locale]}`, `   ${locale === 'zh' ? '修改' : 'Fix'}：${f.fix[locale]}`);
  });
  return `${lines.join('\n')}\n`;
}
