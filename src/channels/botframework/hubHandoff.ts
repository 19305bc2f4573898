import { ActivityTypes, EventFactory, type Activity, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { OutboundReply, TurnResult } from '../../engine/types.js';

/** What `handoff.initiate` tells an agent hub about the dispute (the protocol leaves the shape to the bot). */
export type HandoffContext = {
  category: string | null;
  caseNo: string | null;
  /** The stage the consumer was in when they asked for a person. */
  stage: string | null;
  locale: 'zh' | 'en';
  /** `requested` (the consumer asked) or `not_understood` (the bot failed twice). */
  reason: string | null;
};

/** One line of the transcript attached to `handoff.initiate`. `text` is absent where the consumer gave no consent to keep it. */
export type TranscriptLine = { id: string; from: 'user' | 'bot'; at: string; text?: string; value?: string; withheld?: 'no_consent' };

/**
 * The external agent hub's side of a handoff (Bot Framework handoff protocol), passed in by
 * src/main.ts. Each call names the conversation and the channel the hub speaks through (its actor
 * is `hub:<channel>`); undefined / false means the conversation is not in a state the status applies to.
 */
export type HubHandoff = {
  /** What to send for turn `turnId`, which asked for a person; undefined when it did not, the signal already went out, or nobody waits any more. */
  initiation(conversationId: string, turnId: string): Promise<{ context: HandoffContext; transcript: TranscriptLine[] } | undefined>;
  /** The signal for turn `turnId` reached the channel: a retry of that turn does not send it again. */
  initiated(conversationId: string, turnId: string, channel: string): Promise<void>;
  /** The hub took the waiting conversation: consumer messages are forwarded from now on, the bot is silent. */
  accepted(conversationId: string, channel: string): Promise<boolean>;
  /** Nobody at the hub can take it: the consumer is told honestly (these replies) and keeps waiting. */
  failed(conversationId: string, channel: string, detail: string | undefined): Promise<OutboundReply[] | undefined>;
  /** The hub is done: the conversation goes back to the bot, whose words (the turn's replies) are sent. */
  completed(conversationId: string, channel: string, turnId: string): Promise<TurnResult | undefined>;
};

/** `handoff.status` value, as EventFactory.createHandoffStatus builds it. */
export const HandoffStatus = z.object({
  state: z.enum(['accepted', 'failed', 'completed']),
  message: z.string().max(2000).nullish(),
});
export type HandoffStatus = z.infer<typeof HandoffStatus>;

/** A `handoff.status` event whose value is not one the protocol defines: the request is refused with 400. */
export class InvalidActivity extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidActivity';
  }
}

export function parseHandoffStatus(value: unknown): HandoffStatus {
  const parsed = HandoffStatus.safeParse(value);
  if (!parsed.success)
    throw new InvalidActivity('handoff.status needs value.state "accepted", "failed" or "completed" (and an optional string value.message).');
  return parsed.data;
}

/**
 * The `handoff.initiate` event for the turn in `context`, built by botbuilder's EventFactory: the
 * dispute as its handoff context and the conversation so far as a Transcript attachment.
 */
export function handoffInitiationActivity(context: TurnContext, initiation: { context: HandoffContext; transcript: TranscriptLine[] }): Activity {
  const incoming = context.activity;
  const user = { id: incoming.from?.id ?? 'user', name: incoming.from?.name ?? '', role: 'user' };
  const bot = { id: incoming.recipient?.id ?? 'bot', name: incoming.recipient?.name ?? '', role: 'bot' };
  const activities = initiation.transcript.map((line): Activity => ({
    type: ActivityTypes.Message,
    id: line.id,
    timestamp: new Date(line.at),
    channelId: incoming.channelId,
    serviceUrl: incoming.serviceUrl,
    conversation: incoming.conversation,
    from: line.from === 'user' ? user : bot,
    recipient: line.from === 'user' ? bot : user,
    // Activity declares these required; a transcript line has no use for them.
    text: line.text ?? '',
    localTimezone: '',
    callerId: '',
    label: '',
    valueType: '',
    listenFor: [],
    ...(line.value ? { value: line.value } : {}),
    ...(line.withheld ? { channelData: { weiquan: { withheld: line.withheld } } } : {}),
  }));
  return EventFactory.createHandoffInitiation(context, initiation.context, { activities });
}
