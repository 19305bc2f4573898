import { randomUUID } from 'node:crypto';
import { ActivityTypes, HandoffEventNames, type Activity, type TurnContext } from 'botbuilder';
import type { InboundMessage, TurnResult } from '../../engine/types.js';
import type { Logger } from '../../logger.js';
import { handoffInitiationActivity, parseHandoffStatus, type HubHandoff } from './hubHandoff.js';
import { attachmentsNotTakenActivity, toActivities, typingActivity } from './toActivities.js';
import { conversationIdFor, localeOf, toInbound, toWelcome } from './toInbound.js';

export type WeiquanBotDeps = {
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  /** The site whose conversations these are (config BOTFRAMEWORK_SITE_ID). */
  siteId: string;
  logger: Logger;
  /**
   * The Bot Framework handoff protocol: `handoff.initiate` sent when a turn asks for a person, and
   * `handoff.status` events from an agent hub honoured. Absent: neither (the console is the only way).
   */
  hub?: HubHandoff;
};

/** The channel did not take the replies (its serviceUrl failed): the request fails so the channel retries. */
export class ReplyNotDelivered extends Error {
  constructor(cause: unknown) {
    super('The replies could not be delivered to the channel.', { cause });
    this.name = 'ReplyNotDelivered';
  }
}

/**
 * The engine could not take the turn (nothing was stored): the request fails, so the channel (or
 * the expectReplies caller) knows and sends it again, instead of an apology answered as success.
 */
export class TurnFailed extends Error {
  constructor(cause: unknown) {
    super('The message could not be processed; please send it again.', { cause });
    this.name = 'TurnFailed';
  }
}

/**
 * The bot a Bot Framework adapter runs: it only translates. A message (or a member joining) becomes
 * one engine turn; the turn's replies go back as message activities after a typing indicator, and a
 * turn that asks for a person is also signalled with `handoff.initiate`. A `handoff.status` event
 * from an agent hub changes who owns the conversation. Everything the conversation knows lives in
 * PostgreSQL, so any instance can take any turn.
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
      case ActivityTypes.Event:
        if (activity.name === HandoffEventNames.HandoffStatus) return this.onHandoffStatus(context, activity);
        return;
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
    let result: TurnResult;
    // A slow model: typing goes out while the turn still runs (once), and not again before the replies.
    let typed = false;
    const onWaiting = () => {
      typed = true;
      send(context, [typingActivity()]).catch((error: unknown) =>
        this.deps.logger.warn({ err: error, conversationId: inbound.conversationId }, 'botframework.typing_failed'),
      );
    };
    try {
      result = await this.deps.runTurn({ ...inbound, onWaiting });
    } catch (thrown) {
      // The engine writes a turn all at once or not at all: nothing was stored, and the channel's
      // retry (same activity id) is the one turn.
      this.deps.logger.error({ err: thrown, conversationId: inbound.conversationId, turnId: inbound.turnId }, 'botframework.turn_failed');
      throw new TurnFailed(thrown);
    }
    if (result.duplicate) this.deps.logger.debug({ conversationId: inbound.conversationId, turnId: inbound.turnId }, 'botframework.turn_repeated');
    // The typing indicator goes with the replies, not before the turn: a message an agent (or a hub)
    // owns gets nothing from the bot at all.
    if (result.replies.length) await send(context, [...(typed ? [] : [typingActivity()]), ...toActivities(result.replies)]);
    if (this.deps.hub && (result.handoffRequested || (result.duplicate && result.stage === 'handoff')))
      await this.initiateHandoff(context, this.deps.hub, inbound);
  }

  /**
   * `handoff.initiate` for the turn that asked for a person, once: a repeated request while waiting
   * does not ask again, and neither does the channel's retry of the turn, unless the first attempt's
   * replies (and so the signal after them) never reached the channel.
   */
  private async initiateHandoff(context: TurnContext, hub: HubHandoff, inbound: InboundMessage): Promise<void> {
    const initiation = await hub.initiation(inbound.conversationId, inbound.turnId);
    if (!initiation) return;
    await send(context, [handoffInitiationActivity(context, initiation)]);
    await hub.initiated(inbound.conversationId, inbound.turnId, inbound.channel);
    this.deps.logger.info(
      { conversationId: inbound.conversationId, turnId: inbound.turnId, lines: initiation.transcript.length },
      'botframework.handoff_initiated',
    );
  }

  /** An agent hub's answer to `handoff.initiate`: accepted, failed or completed. */
  private async onHandoffStatus(context: TurnContext, activity: Activity): Promise<void> {
    const status = parseHandoffStatus(activity.value);
    const conversationId = conversationIdFor(activity);
    const log = { conversationId, hub: `hub:${activity.channelId}`, state: status.state, activityId: activity.id };
    const hub = this.deps.hub;
    if (!hub) {
      this.deps.logger.warn(log, 'botframework.handoff_status_ignored');
      return;
    }
    let applied: boolean;
    switch (status.state) {
      case 'accepted':
        applied = await hub.accepted(conversationId, activity.channelId);
        break;
      case 'failed': {
        const replies = await hub.failed(conversationId, activity.channelId, status.message ?? undefined);
        applied = replies !== undefined;
        if (replies?.length) await send(context, toActivities(replies));
        break;
      }
      case 'completed': {
        // The activity id is the turn id: the handback runs once, and the hub's retry of the event gets its replies again.
        const result = await hub.completed(conversationId, activity.channelId, `handoff.status:${activity.id ?? randomUUID()}`);
        applied = result !== undefined;
        if (result?.replies.length) await send(context, toActivities(result.replies));
        break;
      }
    }
    // A status for a conversation that is not waiting for (or with) the hub: nothing to change.
    if (applied) this.deps.logger.info(log, 'botframework.handoff_status');
    else this.deps.logger.warn(log, 'botframework.handoff_status_ignored');
  }
}

async function send(context: TurnContext, activities: Partial<Activity>[]): Promise<void> {
  try {
    await context.sendActivities(activities);
  } catch (thrown) {
    throw new ReplyNotDelivered(thrown);
  }
}
