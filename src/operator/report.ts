import { DISPUTE_TYPE_LABELS } from '../../dialogs/disputeTypes.js';
import type { Evaluation } from './evaluation.js';
import type { PlanAudit, PlanFinding } from './planAudit.js';

/**
 * The periodic evaluation report the seed plan asks for (5.3(4) 预案评估, 5.3(5) 预案修订, 6.3.3): one
 * self-contained HTML page (no script, no external resource) with the month's figures, the top problems,
 * the merchants with the most complaints, and concrete suggestions for revising the plan, from the plan
 * audit and from the questions the plan and the law did not cover. The same inputs give the same page.
 */
export type ReportInput = {
  site: { id: string; name: string };
  month: string;
  evaluation: Evaluation;
  audit: PlanAudit & { file: string };
  /** When the report was made (shown, not used for any figure). */
  generatedAt: string;
};

const STEP: Record<string, string> = { open: '刚立案', negotiating: '与商家协商', platform: '平台介入', external: '外部途径（12315、调解、诉讼）' };
const LETTER: Record<string, string> = { negotiate: '致商家函', platform: '平台介入申请', external: '12315 投诉' };
const OUTCOME: Record<string, string> = { agreed: '同意', refused: '拒绝', no_reply: '未回复' };
const KIND: Record<PlanFinding['kind'], string> = {
  repealedLaw: '引用已废止的法律',
  repealedRule: '引用已废止的规章',
  supersededRule: '引用已被取代的规章',
  missingArticle: '条文不存在',
  olderVersionOnly: '条文只见于旧版本',
  deadline: '期限与法律不符',
  oldAuthority: '机构旧称',
  missingPart: '缺少 5.2 要求的组成部分',
};

export function renderReport(input: ReportInput): string {
  const e = input.evaluation;
  const category = (k: string) => (k in DISPUTE_TYPE_LABELS ? DISPUTE_TYPE_LABELS[k as keyof typeof DISPUTE_TYPE_LABELS].zh : k || '（未填写）');
  const time = (s: number | null) => (s === null ? '—' : s < 5400 ? `${Math.round(s / 60)} 分钟` : `${(s / 3600).toFixed(1)} 小时`);
  const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const suggestions = revisionSuggestions(input);
  const top = e.byCategory[0];
  const body = [
    `<h1>维权预案执行评估报告 · ${esc(input.site.name)}（${esc(input.site.id)}）· ${esc(input.month)}</h1>`,
    `<p class="meta">统计期间 ${esc(e.filter.from)} 至 ${esc(e.filter.to)}（北京时间）；生成于 ${esc(input.generatedAt)}。本报告统计的是去标识化的汇总数据，不含任何消费者的个人信息；其中的法律内容是法律信息，不是律师意见。</p>`,
    '<h2>一、总体情况</h2>',
    table(
      ['指标', '数值'],
      [
        ['新立案件', String(e.cases)],
        ['对话', String(e.conversations)],
        ['转人工（占对话）', `${e.handoffs}（${percent(e.handoffRate)}）`],
        ['排队等待：中位 / P90', `${time(e.queueWait.medianSeconds)} / ${time(e.queueWait.p90Seconds)}`],
        ['超时无人接入 / 仍在等待', `${e.queueWait.timedOut} / ${e.queueWait.waiting}`],
        ['已解决案件及用时：中位 / P90', `${e.resolution.count} 件，${time(e.resolution.medianSeconds)} / ${time(e.resolution.p90Seconds)}`],
        ['回答的问题 / 未覆盖 / 无法条依据', `${e.questions.answered} / ${e.questions.notCovered} / ${e.questions.lowConfidence}`],
        ['消费者满意度', e.satisfaction.count ? `${(e.satisfaction.average ?? 0).toFixed(1)} / 5（${e.satisfaction.count} 份评价）` : '本月没有评价'],
      ],
    ),
    '<h2>二、主要问题</h2>',
    top ? `<p>本月最多的纠纷类型是“${esc(category(top.key))}”，共 ${top.count} 件。</p>` : '<p>本月没有新立案件。</p>',
    bars(e.byCategory.map((c) => [category(c.key), c.count])),
    '<h3>平台</h3>',
    bars(e.byPlatform.map((c) => [c.key || '（未填写）', c.count])),
    '<h3>商品</h3>',
    bars(e.byProduct.slice(0, 10).map((c) => [c.key || '（未填写）', c.count])),
    '<h2>三、投诉最多的店铺</h2>',
    e.byMerchant.length
      ? table(
          ['店铺', '案件数'],
          e.byMerchant.slice(0, 10).map((m, i) => [`${i + 1}. ${m.key || '（未填写）'}`, String(m.count)]),
        )
      : '<p>没有数据。</p>',
    '<h2>四、维权进展</h2>',
    '<h3>走到的最远环节</h3>',
    bars(e.stepReached.map((s) => [STEP[s.key] ?? s.key, s.count])),
    '<h3>各环节结果</h3>',
    e.stepOutcomes.length
      ? table(
          ['环节', '结果', '次数'],
          e.stepOutcomes.map((o) => [STEP[o.step] ?? o.step, OUTCOME[o.outcome] ?? o.outcome, String(o.count)]),
        )
      : '<p>没有记录。</p>',
    '<h3>生成的文书</h3>',
    bars(e.letters.map((l) => [LETTER[l.key] ?? l.key, l.count])),
    '<h2>五、预案和法律库没有覆盖的问题</h2>',
    e.questionGroups.length
      ? table(
          ['类别', '问题', '次数'],
          e.questionGroups.slice(0, 20).map((g) => [g.kind === 'notCovered' ? '未覆盖' : '无法条依据', g.text ?? '（用户未同意保存原文）', String(g.count)]),
        )
      : '<p>本月所有问题都有预案或法条依据。</p>',
    '<h2>六、预案修订建议</h2>',
    `<p class="meta">依据：对 ${esc(input.audit.file)} 的预案审查（按 ${esc(input.audit.on)} 的法律状态，${input.audit.findings.length} 项问题），以及本月未覆盖的问题。</p>`,
    suggestions.length ? `<ol class="suggestions">${suggestions.map((s) => `<li>${s}</li>`).join('')}</ol>` : '<p>本月没有修订建议。</p>',
  ];
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>维权预案执行评估报告 ${esc(input.site.id)} ${esc(input.month)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

/** Each audit finding with its fix, then a section for each question asked more than once that nothing covered. */
function revisionSuggestions(input: ReportInput): string[] {
  const fromAudit = input.audit.findings.map(
    (f) =>
      `<strong>${esc(KIND[f.kind])}</strong>${f.section ? `（${esc(f.section)}）` : ''}：${esc(f.problem.zh)}${
        f.sentence ? `<br><span class="quote">原文：${esc(f.sentence.length > 120 ? `${f.sentence.slice(0, 120)}…` : f.sentence)}</span>` : ''
      }<br>建议：${esc(f.fix.zh)}`,
  );
  const fromQuestions = input.evaluation.questionGroups
    .filter((g) => g.kind === 'notCovered' && g.text)
    .slice(0, 10)
    .map(
      (g) =>
        `<strong>补充预案内容</strong>：消费者问到“${esc(g.text ?? '')}”（${g.count} 次），预案和法律库都没有覆盖。建议在预案中增加相应的一节，并核对可引用的法条。`,
    );
  return [...fromAudit, ...fromQuestions];
}

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A horizontal bar chart as inline SVG (no script), with the numbers written beside the bars. */
function bars(rows: [string, number][]): string {
  if (rows.length === 0) return '<p>没有数据。</p>';
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const rowHeight = 22;
  const height = rows.length * rowHeight + 4;
  const items = rows
    .map(([label, n], i) => {
      const y = i * rowHeight + 2;
      const width = Math.max(2, Math.round((n / max) * 360));
      return `<text x="0" y="${y + 15}" class="label">${esc(label.length > 16 ? `${label.slice(0, 15)}…` : label)}</text><rect x="190" y="${y + 3}" width="${width}" height="15" rx="2"/><text x="${196 + width}" y="${y + 15}">${n}</text>`;
    })
    .join('');
  return `<svg class="bars" role="img" width="600" height="${height}" viewBox="0 0 600 ${height}">${items}</svg>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const CSS = `body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans SC',sans-serif;color:#1f2328;max-width:860px;margin:24px auto;padding:0 16px;line-height:1.6}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #d8dee4;padding-bottom:4px}h3{font-size:15px;color:#59636e}
.meta{color:#59636e;font-size:13px}table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}th,td{border-bottom:1px solid #d8dee4;padding:4px 8px;text-align:left}
svg.bars rect{fill:#c2410c}svg.bars text{font-size:12px;fill:#1f2328}.suggestions li{margin-bottom:10px}.quote{color:#59636e;font-size:13px}
@media print{body{margin:0}h2{break-after:avoid}}`;
