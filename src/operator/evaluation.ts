import { redactIdentifiers } from '../channels/redactIdentifiers.js';
import type { Queryable } from '../storage/index.js';
import { selectEvaluation, type EvaluationFilter, type EvaluationRows } from './sql/evaluation.js';

/** The evaluation page's data: the aggregated rows plus the rates derived from them. */
export type Evaluation = EvaluationRows & {
  filter: EvaluationFilter;
  cases: number;
  /** Share of the period's conversations that asked for a person (0–1), null without conversations. */
  handoffRate: number | null;
};

/** One chart's data as a table, for the CSV export. */
export type EvaluationTable = { columns: string[]; rows: (string | number | null)[][] };

export const EVALUATION_CHARTS = [
  'casesByDay',
  'byCategory',
  'byPlatform',
  'byMerchant',
  'byProduct',
  'stepReached',
  'stepOutcomes',
  'resolution',
  'handoff',
  'letters',
  'questions',
  'questionGroups',
] as const;
export type EvaluationChart = (typeof EVALUATION_CHARTS)[number];

export function makeEvaluation(deps: { db: Queryable }): { evaluate(filter: EvaluationFilter): Promise<Evaluation> } {
  return {
    async evaluate(filter) {
      const rows = await selectEvaluation(deps.db, filter);
      // A question's text is kept only with consent, and may still hold a phone or an order number: never shown.
      const questionGroups = mergeGroups(rows.questionGroups.map((g) => ({ ...g, text: g.text === null ? null : redactIdentifiers(g.text).text })));
      return {
        ...rows,
        questionGroups,
        filter,
        cases: rows.byCategory.reduce((n, c) => n + c.count, 0),
        handoffRate: rows.conversations ? rows.handoffs / rows.conversations : null,
      };
    },
  };
}

/** Two texts that differ only in a redacted identifier are one question. */
function mergeGroups(groups: EvaluationRows['questionGroups']): EvaluationRows['questionGroups'] {
  const merged = new Map<string, EvaluationRows['questionGroups'][number]>();
  for (const g of groups) {
    const key = `${g.kind}|${g.text ?? `#${g.hash ?? ''}`}`;
    const seen = merged.get(key);
    if (seen) seen.count += g.count;
    else merged.set(key, { ...g });
  }
  return [...merged.values()].sort((a, b) => b.count - a.count);
}

/** A chart's data as columns and rows (the CSV export and the report's tables). */
export function evaluationTable(e: Evaluation, chart: EvaluationChart): EvaluationTable {
  const counts = (title: string, rows: { key: string; count: number }[]): EvaluationTable => ({
    columns: [title, '数量 count'],
    rows: rows.map((r) => [r.key, r.count]),
  });
  switch (chart) {
    case 'casesByDay':
      return { columns: ['日期 day', '纠纷类型 dispute type', '案件数 cases'], rows: e.casesByDay.map((r) => [r.day, r.key, r.count]) };
    case 'byCategory':
      return counts('纠纷类型 dispute type', e.byCategory);
    case 'byPlatform':
      return counts('平台 platform', e.byPlatform);
    case 'byMerchant':
      return counts('店铺 merchant', e.byMerchant);
    case 'byProduct':
      return counts('商品 product', e.byProduct);
    case 'stepReached':
      return counts('最远环节 furthest step', e.stepReached);
    case 'stepOutcomes':
      return { columns: ['环节 step', '结果 outcome', '数量 count'], rows: e.stepOutcomes.map((r) => [r.step, r.outcome, r.count]) };
    case 'resolution':
      return {
        columns: ['已解决案件 resolved cases', '中位用时(秒) median seconds', 'P90 用时(秒) p90 seconds'],
        rows: [[e.resolution.count, e.resolution.medianSeconds, e.resolution.p90Seconds]],
      };
    case 'handoff':
      return {
        columns: [
          '对话 conversations',
          '转人工 handoffs',
          '转人工率 rate',
          '已接入 taken',
          '等待中位(秒) median wait s',
          '等待P90(秒) p90 wait s',
          '超时 timed out',
          '仍在等待 waiting',
        ],
        rows: [
          [
            e.conversations,
            e.handoffs,
            e.handoffRate === null ? null : Number(e.handoffRate.toFixed(4)),
            e.queueWait.count,
            e.queueWait.medianSeconds,
            e.queueWait.p90Seconds,
            e.queueWait.timedOut,
            e.queueWait.waiting,
          ],
        ],
      };
    case 'letters':
      return counts('文书 letter', e.letters);
    case 'questions':
      return {
        columns: ['已回答 answered', '未覆盖 not covered', '低置信 low confidence'],
        rows: [[e.questions.answered, e.questions.notCovered, e.questions.lowConfidence]],
      };
    case 'questionGroups':
      return {
        columns: ['类别 kind', '问题 question', '数量 count'],
        rows: e.questionGroups.map((g) => [g.kind, g.text ?? `（未经同意，不保存原文 text not kept without consent #${g.hash ?? ''}）`, g.count]),
      };
  }
}

/** RFC 4180, a BOM for spreadsheet programs, and a leading apostrophe on text a spreadsheet would run as a formula. */
export function tableCsv(table: EvaluationTable): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `\uFEFF${[table.columns, ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
