import type { PersonalSeal } from '../cases/crypto/sealPersonal.js';
import { z } from 'zod';
import { render } from '../../dialogs/rights/wording.js';
import { appendCaseEvent } from '../cases/sql/caseStore.js';
import { parseSnapshot } from '../engine/snapshot.js';
import type { InboundMessage, OutboundReply, TurnResult } from '../engine/types.js';
import type { Db } from '../storage/index.js';
import {
  hubReleaseConversation,
  hubTakeConversation,
  insertInitiateDelivered,
  selectHubHead,
  selectInitiatePending,
  selectTurnProcessed,
  selectTurnTranscript,
  type TurnTranscriptRow,
} from './sql/handoffStore.js';

export type HubHandoffDeps = {
  db: Db;
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  /** Opens the consumer's words and the replies as the engine sealed them (src/cases/crypto). */
  seal: PersonalSeal;
};

type HandoffContext = { category: string | null; caseNo: string | null; stage: string | null; locale: 'zh' | 'en'; reason: string | null };
type TranscriptLine = { id: string; from: 'user' | 'bot'; at: string; text?: string; value?: string; withheld?: 'no_consent' };

// The engine's stored turn payloads (json columns), read back through a schema like any boundary.
const Said = z.looseObject({ text: z.string().optional(), value: z.string().optional(), length: z.number().optional() });
const Replies = z.array(z.looseObject({ text: z.string() }));

/**
 * An external agent hub's side of a handoff (the Bot Framework handoff protocol), as the
 * botframework channel's HubHandoff: what `handoff.initiate` carries, and what each `handoff.status`
 * does to the conversation. Ownership changes are recorded by the owner trigger with the actor `hub:<channel>`.
 */
export function makeHubHandoff(deps: HubHandoffDeps) {
  const actor = (channel: string) => `hub:${channel}`;
  const isHubs = (head: { owner: string; agentId: string | null }) => head.owner === 'agent' && head.agentId === null;

  return {
    async initiation(conversationId: string, turnId: string): Promise<{ context: HandoffContext; transcript: TranscriptLine[] } | undefined> {
      // Still waiting (not withdrawn, not taken since) and not signalled for this turn yet.
      if (!(await selectInitiatePending(deps.db, conversationId, turnId))) return undefined;
      const head = await selectHubHead(deps.db, conversationId);
      if (head?.owner !== 'waiting') return undefined;
      const rows = deps.seal.open(await selectTurnTranscript(deps.db, conversationId)).map((r) => ({ ...r, replies: deps.seal.open(r.replies) }));
      return {
        context: { category: head.category, caseNo: head.caseNo, stage: head.stageBefore, locale: head.locale, reason: head.handoffReason },
        // The consumer's words go to a third party only as the engine kept them, and only while consent stands.
        transcript: rows.flatMap((row) => toLines(row, head.consent === 'given')),
      };
    },

    initiated: (conversationId: string, turnId: string, channel: string): Promise<void> => insertInitiateDelivered(deps.db, conversationId, turnId, channel),

    async accepted(conversationId: string, channel: string): Promise<boolean> {
      if (await hubTakeConversation(deps.db, conversationId, actor(channel))) return true;
      // The hub's retry of an acceptance that went through is not an error.
      const head = await selectHubHead(deps.db, conversationId);
      return head !== undefined && isHubs(head);
    },

    async failed(conversationId: string, channel: string, detail: string | undefined): Promise<OutboundReply[] | undefined> {
      if (!(await hubReleaseConversation(deps.db, conversationId, actor(channel)))) return undefined;
      const head = await selectHubHead(deps.db, conversationId);
      if (!head) return undefined;
      const { snapshot } = parseSnapshot(deps.seal.open(head.snapshot), head.locale);
      const caseNo = head.caseNo ?? undefined;
      // The case stays "awaiting agent" (as filed at the handoff); the event says the hub had nobody.
      if (caseNo) await appendCaseEvent(deps.db, caseNo, 'no_agent_available', actor(channel), detail ? { detail } : {});
      return render('sayNoAgentFree', { ...snapshot.context, ...(caseNo ? { caseNo } : {}) }).map((r) => ({
        text: r.text,
        ...(r.suggestions?.length ? { suggestedActions: r.suggestions } : {}),
        channelData: { weiquan: { stage: snapshot.value, ...(caseNo ? { caseNo } : {}) } },
      }));
    },

    async completed(conversationId: string, channel: string, turnId: string): Promise<TurnResult | undefined> {
      const head = await selectHubHead(deps.db, conversationId);
      if (!head) return undefined;
      // Completed without an acceptance first: the hub served it all the same, so it is the hub's to give back.
      if (head.owner === 'waiting') await hubTakeConversation(deps.db, conversationId, actor(channel));
      // The hub's retry of a completion already made (its replies lost on the way) gets the same replies back.
      else if (!isHubs(head) && !(await selectTurnProcessed(deps.db, conversationId, turnId))) return undefined;
      return deps.runTurn({ conversationId, channel, turnId, locale: head.locale, control: { type: 'handback', agentId: null } });
    },
  };
}

function toLines(row: TurnTranscriptRow, consented: boolean): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  const said = Said.safeParse(row.said);
  if (said.success) {
    const { text, value, length } = said.data;
    const keep = consented && text !== undefined && text !== '';
    if (keep || value !== undefined || (length ?? 0) > 0) {
      lines.push({
        id: row.turnId,
        from: 'user',
        at: row.at,
        ...(keep ? { text } : {}),
        ...(value !== undefined ? { value } : {}),
        ...(!keep && (length ?? text?.length ?? 0) > 0 ? { withheld: 'no_consent' as const } : {}),
      });
    }
  }
  const replies = Replies.safeParse(row.replies);
  if (replies.success) replies.data.forEach((r, i) => lines.push({ id: `${row.turnId}#${i}`, from: 'bot', at: row.at, text: r.text }));
  return lines;
}
