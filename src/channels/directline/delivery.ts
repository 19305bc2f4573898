import type { OutboundReply } from '../../engine/types.js';
import type { ActivityLog } from './activityLog.js';
import { citationCard } from '../citationCard.js';
import { replyToActivity } from './toActivities.js';

/** A person's message to the consumer (an agent in the console), as the consumer's client shows it. */
export type AgentMessage = {
  agentId: string;
  name: string;
  text: string;
  citations?: { law: string; article: string; quote?: string }[];
  /** Unique per message: a retried send appends nothing new. */
  clientId: string;
};

/**
 * Messages that do not answer a consumer's activity: an agent's replies, and the bot's words when an
 * agent hands back or closes, or when nobody takes a waiting conversation. Appended to the Direct Line
 * log, so every instance pushes them to the consumer's open stream and polling clients get them too.
 */
export function makeDirectLineDelivery(deps: { log: Pick<ActivityLog, 'append'> }) {
  return {
    async agentMessage(conversationId: string, m: AgentMessage): Promise<number> {
      const [seq = 0] = await deps.log.append(conversationId, [
        {
          clientId: m.clientId,
          activity: {
            type: 'message',
            // Direct Line clients show anything not from the user on the bot's side; the name tells who.
            from: { id: `agent:${m.agentId}`, name: m.name, role: 'bot' },
            conversation: { id: conversationId },
            textFormat: 'plain',
            text: m.text,
            ...(m.citations?.length
              ? {
                  attachmentLayout: 'list',
                  attachments: m.citations.map(citationCard),
                }
              : {}),
            channelData: { weiquan: { agent: { name: m.name } } },
          },
        },
      ]);
      return seq;
    },
    async botReplies(conversationId: string, replies: OutboundReply[], locale: 'zh' | 'en', clientIdBase: string): Promise<void> {
      if (!replies.length) return;
      await deps.log.append(
        conversationId,
        replies.map((r, i) => ({ clientId: `${clientIdBase}#r${i}`, activity: replyToActivity(r, conversationId, undefined, locale) })),
      );
    },
  };
}

export type DirectLineDelivery = ReturnType<typeof makeDirectLineDelivery>;
