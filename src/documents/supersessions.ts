/**
 * Rules we still cite (their text is what we hold) that have since been replaced. A document quoting
 * one says so instead of presenting it as current. The replacing rule's text is not held.
 */
export const SUPERSEDED: Record<string, { on: string; by: { zh: string; en: string } }> = {
  市场监督管理投诉举报处理暂行办法: {
    on: '2026-04-15',
    by: { zh: '《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号）', en: '市场监督管理投诉举报处理办法 (SAMR Order No. 121)' },
  },
};
