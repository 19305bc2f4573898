import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import type { OutboundReply } from '../../engine/types.js';

import { citationCard } from '../citationCard.js';

export { CITATION_CARD_TYPE as CITATION_CONTENT_TYPE } from '../citationCard.js';

type Citation = { law: string; article: string; versionDate?: string; quote?: string };

/**
 * The engine's replies as Bot Framework message activities: text, choices as imBack suggested
 * actions, the dialog state in `channelData.weiquan`, citations as hero cards (src/channels/citationCard.ts).
 * The adapter fills in from/recipient/conversation/replyToId from the incoming activity.
 */
export function toActivities(replies: OutboundReply[]): Partial<Activity>[] {
  return replies.map((reply) => ({
    type: ActivityTypes.Message,
    text: reply.text,
    textFormat: 'plain',
    channelData: reply.channelData,
    ...(reply.suggestedActions?.length
      ? { suggestedActions: { to: [], actions: reply.suggestedActions.map((a) => ({ type: 'imBack', title: a.title, value: a.value })) } }
      : {}),
    ...(reply.citations?.length ? { attachments: reply.citations.map(toCitationAttachment) } : {}),
  }));
}

function toCitationAttachment(citation: Citation): Attachment {
  return citationCard(citation);
}

export function typingActivity(): Partial<Activity> {
  return { type: ActivityTypes.Typing };
}

/** Files sent through a messaging app cannot be taken as evidence yet: say where they can be. */
export function attachmentsNotTakenActivity(locale: 'zh' | 'en' | undefined): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    textFormat: 'plain',
    text:
      locale === 'en'
        ? 'I cannot receive files here yet. Please describe what happened in words, or upload evidence in the web chat window.'
        : '这里暂时收不到文件。请用文字描述情况，或在网页聊天窗口上传证据。',
  };
}
