import { redactIdentifiers } from '../channels/redactIdentifiers.js';
import type { InboundMessage, OutboundReply, TurnResult } from '../engine/types.js';
import type { Queryable } from '../storage/index.js';
import { answerSatisfaction, markSatisfactionAsked } from './sql/satisfaction.js';
import { SATISFACTION_MESSAGES as M } from './satisfactionMessages.js';

type RunTurn = (inbound: InboundMessage) => Promise<TurnResult>;

const BUTTON = /^satisfaction:([1-5])$/;
// "5", "4分", "五星", "3 分，客服回复慢" — a score first, an optional comment after it.
const TYPED = /^\s*([1-5一二三四五])\s*(?:分|星|颗星|★)?(?:\s*[/／]\s*5)?(?=$|[\s，,。.!！:：;；、])[\s，,。.!！:：;；、]*([\s\S]*)$/;
const CHINESE: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

/** A rating in a message: the button's value, or a typed score with an optional comment. */
export function parseRating(inbound: Pick<InboundMessage, 'text' | 'value'>): { score: number; comment: string | null } | undefined {
  const button = BUTTON.exec(inbound.value ?? '') ?? BUTTON.exec((inbound.text ?? '').trim());
  if (button) return { score: Number(button[1]), comment: null };
  const typed = TYPED.exec(inbound.text ?? '');
  if (!typed) return undefined;
  const score = CHINESE[typed[1] ?? ''] ?? Number(typed[1]);
  const rest = (typed[2] ?? '').trim();
  // Identifiers a comment may hold are replaced before it is stored (个人信息保护法: only what is needed).
  return { score, comment: rest ? redactIdentifiers(rest).text.slice(0, 500) : null };
}

/**
 * Seed plan 7.3.2(3), consumer evaluation: when a turn resolves a case, one optional question (1–5 and a
 * comment) is added to the replies, once per case; a rating sent while the conversation is still at its
 * resolved step is stored and thanked, without a dialog turn. Anything else goes to the engine as
 * usual, and an unanswered question simply stays unanswered. Only messages that look like a rating
 * cost a query; other turns pay one insert only when they resolve a case.
 */
export function withSatisfaction(runTurn: RunTurn, deps: { db: Queryable }): RunTurn {
  return async (inbound) => {
    const rating = inbound.control ? undefined : parseRating(inbound);
    if (rating) {
      const answered = await answerSatisfaction(deps.db, inbound.conversationId, rating.score, rating.comment);
      if (answered) {
        const { caseNo } = answered;
        const locale = inbound.locale ?? answered.locale;
        return {
          replies: [{ text: M.thanks[locale](rating.score), channelData: { weiquan: { stage: 'resolved', caseNo } } }],
          stage: 'resolved',
          caseNo,
          duplicate: false,
        };
      }
    }
    const result = await runTurn(inbound);
    if (result.stage !== 'resolved' || !result.caseNo || result.duplicate || result.forwardedToAgent) return result;
    if (!(await markSatisfactionAsked(deps.db, result.caseNo, inbound.conversationId))) return result;
    const locale = inbound.locale ?? localeOf(result.replies);
    const ask: OutboundReply = {
      text: M.ask[locale],
      suggestedActions: [5, 4, 3, 2, 1].map((n) => ({ title: M.buttons[locale](n), value: `satisfaction:${n}` })),
      channelData: { weiquan: { stage: 'resolved', caseNo: result.caseNo } },
    };
    return { ...result, replies: [...result.replies, ask] };
  };
}

/** The language the engine answered in: Chinese when its replies hold Chinese characters. */
function localeOf(replies: OutboundReply[]): 'zh' | 'en' {
  return replies.some((r) => /[\u4e00-\u9fff]/.test(r.text)) || replies.length === 0 ? 'zh' : 'en';
}
