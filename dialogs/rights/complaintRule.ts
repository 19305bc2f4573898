/**
 * Which 12315 procedure the dialog describes, by the date of the conversation (texts read in ../shared/laws):
 * - 市场监督管理投诉举报处理暂行办法 (2022-03-24 text): 7 working days to decide on acceptance (第十四条), the
 *   items a complaint names (第九条), the bars to acceptance (第十五条), 45 working days of mediation (第二十一条);
 * - from 2024-07-01 消费者权益保护法实施条例 第四十六条 also applies: real identity, a clear respondent, a
 *   specific request and the facts; 7 working days to deal with it and tell the consumer; mediation completed
 *   within 60 days of acceptance (a State Council regulation: it prevails over the ministry rule's 45 working days);
 * - from 2026-04-15 the 暂行办法 is replaced by 市场监督管理投诉举报处理办法 (总局令第121号), whose text we do not
 *   hold: it is named, never cited by article, and the 2022 rule is mentioned only as "2022 年暂行办法".
 */
export const CONSUMER_REGULATIONS_FROM = '2024-07-01';
export const COMPLAINT_RULE_REPLACED_ON = '2026-04-15';

export type ComplaintRule = 'interim' | 'interimWithRegulations' | 'replaced';

/** The procedure in force on `today` (an ISO date); with no date, the one in force now. */
export function complaintRuleOn(today: string | undefined): ComplaintRule {
  if (!today || today >= COMPLAINT_RULE_REPLACED_ON) return 'replaced';
  return today >= CONSUMER_REGULATIONS_FROM ? 'interimWithRegulations' : 'interim';
}

type Citation = { law: string; article: string };
const INTERIM = '市场监督管理投诉举报处理暂行办法';
const cite = (law: string, article: string): Citation => ({ law, article });

/** What the 12315 step rests on: acceptance and mediation periods, then (when asked) what a complaint names. */
export function externalRouteCitations(rule: ComplaintRule, withItems: boolean): Citation[] {
  if (rule === 'replaced') return [cite('消费者权益保护法实施条例', '第四十六条'), cite('消费者权益保护法', '第四十六条')];
  const periods =
    rule === 'interim' ? [cite(INTERIM, '第十四条'), cite(INTERIM, '第二十一条')] : [cite(INTERIM, '第十四条'), cite('消费者权益保护法实施条例', '第四十六条')];
  return [...periods, ...(withItems ? [cite(INTERIM, '第九条')] : [])];
}

/** What the written-out complaint rests on besides the dispute's own basis. */
export function complaintTextCitations(rule: ComplaintRule): Citation[] {
  return rule === 'replaced' ? [cite('消费者权益保护法实施条例', '第四十六条')] : [cite(INTERIM, '第九条')];
}

/** The one-forum bar (第十五条第（二）项) is cited only while the 暂行办法 is in force. */
export function parallelRouteCitations(rule: ComplaintRule): Citation[] {
  return rule === 'replaced' ? [] : [cite(INTERIM, '第十五条')];
}
