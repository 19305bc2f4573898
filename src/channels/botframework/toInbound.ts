import { randomUUID } from 'node:crypto';
import { TurnContext, type Activity } from 'botbuilder';
import type { InboundMessage } from '../../engine/types.js';

/** One engine conversation per Bot Framework conversation, namespaced so no other channel can collide. */
export function conversationIdFor(activity: Pick<Activity, 'channelId' | 'conversation'>): string {
  return `bf:${activity.channelId}:${activity.conversation.id}`;
}

/** `zh-CN`, `zh-Hans`, `zh` → zh; `en-US` → en; anything else is left to the conversation's own language. */
export function localeOf(locale: string | undefined): 'zh' | 'en' | undefined {
  const lang = locale?.toLowerCase().split(/[-_]/)[0];
  return lang === 'zh' ? 'zh' : lang === 'en' ? 'en' : undefined;
}

/**
 * A suggested-action press: a postBack/messageBack `value` that is a string, or an object carrying
 * a string `value` (what an Adaptive Card's Action.Submit sends). Anything else is not a choice.
 */
function choiceOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string') return choiceOf((value as { value: string }).value);
  return undefined;
}

/**
 * A message activity as the engine's input. The activity id is the turn id, so a Bot Framework
 * retry of the same activity is answered from the engine's record instead of running twice.
 * Returns undefined when the message carries nothing the engine can read (no text, no choice).
 */
export function toInbound(activity: Activity, siteId: string): InboundMessage | undefined {
  // In group chats (Teams) the bot's own @mention is part of the text: drop it.
  const text = (activity.entities?.length && activity.recipient?.id ? TurnContext.removeRecipientMention(activity) : activity.text)?.trim();
  const value = choiceOf(activity.value);
  if (!text && !value) return undefined;
  const locale = localeOf(activity.locale);
  return {
    conversationId: conversationIdFor(activity),
    channel: activity.channelId,
    turnId: activity.id ?? randomUUID(),
    siteId,
    ...(text ? { text } : {}),
    ...(value ? { value } : {}),
    ...(locale ? { locale } : {}),
  };
}

/** The turn that greets a member who joined (conversationUpdate), or undefined when only the bot joined. */
export function toWelcome(activity: Activity, siteId: string): InboundMessage | undefined {
  const joined = (activity.membersAdded ?? []).filter((m) => m.id !== activity.recipient?.id);
  const first = joined[0];
  if (!first) return undefined;
  const locale = localeOf(activity.locale);
  return {
    conversationId: conversationIdFor(activity),
    channel: activity.channelId,
    // Without an activity id, one welcome per member: a repeated update greets nobody twice.
    turnId: activity.id ?? `welcome:${first.id}`,
    siteId,
    ...(locale ? { locale } : {}),
  };
}
