import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { InboundMessage, TurnResult } from '../../engine/types.js';
import type { Logger } from '../../logger.js';
import { apologyActivity, attachmentsNotTakenActivity, toActivities, typingActivity } from './toActivities.js';
import { localeOf, toInbound, toWelcome } from './toInbound.js';

export type WeiquanBotDeps = {
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  /** The site whose conversations these are (config BOTFRAMEWORK_SITE_ID). */
  siteId: string;
  logger: Logger;
};

/** The channel did not take the replies (its serviceUrl failed): the request fails so the channel retries. */
export class ReplyNotDelivered extends Error {
  constructor(cause: unknown) {
    super('The replies could not be delivered to the channel.', { cause });
    this.name = 'ReplyNotDelivered';
  }
}

/**
 * The bot a Bot Framework adapter runs: it only translates. A message (or a member joining) becomes
 * one engine turn; the turn's replies go back as message activities after a typing indicator.
 * Everything the conversation knows lives in PostgreSQL, so any instance can take any turn.
 */
export class WeiquanBot {
  constructor(private readonly deps: WeiquanBotDeps) {}

  async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message:
        return this.onMessage(context, activity);
      case ActivityTypes.ConversationUpdate: {
        const welcome = toWelcome(activity, this.deps.siteId);
        if (welcome) await this.turn(context, welcome);
        return;
      }
      default:
        // typing, messageReaction, installationUpdate, …: nothing for the engine.
        return;
    }
  }

  private async onMessage(context: TurnContext, activity: Activity): Promise<void> {
    const inbound = toInbound(activity, this.deps.siteId);
    if (inbound) return this.turn(context, inbound);
    if (activity.attachments?.length) await send(context, [attachmentsNotTakenActivity(localeOf(activity.locale))]);
  }

  private async turn(context: TurnContext, inbound: InboundMessage): Promise<void> {
    await send(context, [typingActivity()]);
    let result: TurnResult;
    try {
      result = await this.deps.runTurn(inbound);
    } catch (thrown) {
      // The engine writes a turn all at once or not at all: nothing was stored, so one apology
      // and the consumer's next message continues from where the conversation was.
      this.deps.logger.error({ err: thrown, conversationId: inbound.conversationId, turnId: inbound.turnId }, 'botframework.turn_failed');
      await send(context, [apologyActivity(inbound.locale)]);
      return;
    }
    if (result.duplicate) this.deps.logger.debug({ conversationId: inbound.conversationId, turnId: inbound.turnId }, 'botframework.turn_repeated');
    if (result.replies.length) await send(context, toActivities(result.replies));
  }
}

async function send(context: TurnContext, activities: Partial<Activity>[]): Promise<void> {
  try {
    await context.sendActivities(activities);
  } catch (thrown) {
    throw new ReplyNotDelivered(thrown);
  }
}
