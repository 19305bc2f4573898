import type { OutboundReply } from '../../engine/types.js';

export const BOT = { id: 'weiquan', name: '维权助手', role: 'bot' } as const;

import { citationCard } from '../citationCard.js';

export { CITATION_CARD_TYPE as CITATION_CONTENT_TYPE } from '../citationCard.js';

/** A bot reply as a Bot Framework `message` activity (without id and timestamp: the log adds those). */
export function replyToActivity(reply: OutboundReply, conversationId: string, replyToId: string | undefined, locale: 'zh' | 'en'): Record<string, unknown> {
  return {
    type: 'message',
    from: BOT,
    conversation: { id: conversationId },
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
    textFormat: 'markdown',
    text: reply.text,
    ...(replyToId ? { replyToId } : {}),
    ...(reply.suggestedActions?.length
      ? { suggestedActions: { actions: reply.suggestedActions.map((a) => ({ type: 'imBack', title: a.title, value: a.value })) } }
      : {}),
    ...(reply.citations?.length
      ? {
          attachmentLayout: 'list',
          attachments: reply.citations.map(citationCard),
        }
      : {}),
    channelData: reply.channelData,
  };
}

export function typingActivity(conversationId: string, replyToId: string | undefined): Record<string, unknown> {
  return { type: 'typing', from: BOT, conversation: { id: conversationId }, ...(replyToId ? { replyToId } : {}) };
}

/** How a stored activity goes out: with its Direct Line id (`conversation|seq`) and timestamp. */
export function withIdentity(conversationId: string, seq: number, at: Date, activity: Record<string, unknown>): Record<string, unknown> {
  return { ...activity, id: activityId(conversationId, seq), timestamp: at.toISOString(), channelId: 'directline', conversation: { id: conversationId } };
}

export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** `locale` values clients send (zh-CN, en-US, zh-Hans, en) mapped onto the two the engine speaks. */
export function engineLocale(locale: string | undefined): 'zh' | 'en' | undefined {
  if (!locale) return undefined;
  const l = locale.toLowerCase();
  if (l.startsWith('en')) return 'en';
  if (l.startsWith('zh')) return 'zh';
  return undefined;
}
