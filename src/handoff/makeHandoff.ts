import type { PersonalSeal } from '../cases/crypto/sealPersonal.js';
import { randomUUID } from 'node:crypto';
import { render } from '../../dialogs/rights/wording.js';
import type { Stage } from '../../dialogs/rights/types.js';
import type { Agent } from '../agents/sql/agentStore.js';
import type { Cases } from '../cases/makeCases.js';
import type { CaseDetail } from '../cases/sql/caseQueries.js';
import { appendCaseEvent } from '../cases/sql/caseStore.js';
import { parseSnapshot } from '../engine/snapshot.js';
import type { InboundMessage, OutboundReply, TurnResult } from '../engine/types.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Db } from '../storage/index.js';
import {
  claimConversation,
  selectConversationHead,
  selectEvidence,
  selectEvidenceFile,
  selectOwnerEvents,
  selectQueue,
  selectTimedOutWaiting,
  selectTranscript,
  type ConversationHead,
  type EvidenceRow,
  type QueueItem,
} from './sql/handoffStore.js';
import { toTranscript, type TranscriptEntry } from './transcript.js';

/** How a channel reaches the consumer outside a turn: an agent's words, or the bot's. */
export type ConsumerDelivery = {
  agentMessage(
    conversationId: string,
    m: { agentId: string; name: string; text: string; citations?: { law: string; article: string; quote?: string }[]; clientId: string },
  ): Promise<number>;
  botReplies(conversationId: string, replies: OutboundReply[], locale: 'zh' | 'en', clientIdBase: string): Promise<void>;
};

export type HandoffDeps = {
  db: Db;
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  cases: Cases;
  /** Opens the personal data the console shows (src/cases/crypto). */
  seal: PersonalSeal;
  /** The delivery of a channel (`directline`, …); undefined for channels an agent cannot write to. */
  deliveryFor: (channel: string) => ConsumerDelivery | undefined;
  /** The channels `deliveryFor` serves: only their waiting consumers can be told that nobody is free. */
  deliverableChannels: readonly string[];
  logger: Logger;
  /** A waiting consumer is told honestly after this long without an agent. */
  timeoutSeconds: number;
  /** … or after this long when no agent of their site has the console open. */
  offlineGraceSeconds: number;
};

export type ConversationView = {
  conversation: Omit<ConversationHead, 'version' | 'consent' | 'caseNo'>;
  transcript: TranscriptEntry[];
  case: CaseDetail | null;
  evidence: { id: string; name: string; contentType: string; size: number; sha256: string; url: string }[];
  /** Internal notes kept on the conversation itself (made before it had a case); a case's notes are in its events. */
  notes: { actor: string; text: string; at: string }[];
};

export type Handoff = ReturnType<typeof makeHandoff>;

/**
 * The agent's side of a handoff: the queue, claiming, the conversation with its case, replying,
 * notes, handing back and closing; and the sweeper that tells a consumer nobody is free. Every call
 * is limited to the agent's sites: another site's conversation is "not found", never shown.
 */
export function makeHandoff(deps: HandoffDeps) {
  const headFor = async (agent: Agent, id: string): Promise<ConversationHead> => {
    const head = await selectConversationHead(deps.db, agent.sites, id);
    if (!head) throw new AppError('NOT_FOUND', '没有这个会话。No such conversation.');
    return head;
  };
  const ownedBy = (agent: Agent, head: ConversationHead) => {
    if (head.owner !== 'agent' || head.agentId !== agent.id) {
      throw new AppError(
        'CONFLICT',
        head.owner === 'agent' ? '这个会话已由其他客服接待。Another agent has this conversation.' : '请先认领这个会话。Claim this conversation first.',
      );
    }
  };

  const view = async (agent: Agent, id: string): Promise<ConversationView> => {
    const head = await headFor(agent, id);
    const [rows, evidence, record, events] = await Promise.all([
      selectTranscript(deps.db, id).then((r) => deps.seal.open(r)),
      selectEvidence(deps.db, agent.sites, id).then((r) => deps.seal.open(r)),
      head.caseNo ? deps.cases.get(agent.sites, head.caseNo) : Promise.resolve(undefined),
      selectOwnerEvents(deps.db, id),
    ]);
    const { version: _v, consent: _c, caseNo: _n, ...conversation } = head;
    return {
      conversation,
      transcript: toTranscript(rows),
      case: record ?? null,
      evidence: evidence.map((e) => ({
        id: e.id,
        name: e.name,
        contentType: e.contentType,
        size: e.size,
        sha256: e.sha256,
        url: `/console/api/evidence/${e.id}`,
      })),
      notes: events.flatMap((e) => (e.type === 'note' && typeof e.payload.text === 'string' ? [{ actor: e.actor, text: e.payload.text, at: e.at }] : [])),
    };
  };

  /** The bot's part of an ownership change, delivered to the consumer on their channel. */
  const control = async (agent: Agent, head: ConversationHead, c: { type: 'handback'; stage?: Stage } | { type: 'close' }): Promise<void> => {
    const turnId = `${c.type}-${randomUUID()}`;
    const result = await deps.runTurn({ conversationId: head.id, channel: head.channel, turnId, locale: head.locale, control: { ...c, agentId: agent.id } });
    await deps.deliveryFor(head.channel)?.botReplies(head.id, result.replies, head.locale, turnId);
  };

  return {
    async queue(agent: Agent): Promise<{ waiting: QueueItem[]; mine: QueueItem[] }> {
      const items = deps.seal.open(await selectQueue(deps.db, agent.sites, agent.id));
      return { waiting: items.filter((i) => i.owner === 'waiting'), mine: items.filter((i) => i.owner === 'agent') };
    },

    async claim(agent: Agent, id: string): Promise<ConversationView> {
      const head = await headFor(agent, id);
      if (head.owner === 'agent' && head.agentId === agent.id) return view(agent, id);
      if (!(await claimConversation(deps.db, id, agent.sites, agent.id))) {
        throw new AppError(
          'CONFLICT',
          head.owner === 'agent' || head.owner === 'waiting'
            ? '这个会话已被其他客服认领。Another agent claimed this conversation first.'
            : '这个会话没有在等待人工。This conversation is not waiting for an agent.',
        );
      }
      deps.logger.info({ conversationId: id, agentId: agent.id }, 'handoff.claimed');
      return view(agent, id);
    },

    view,

    async reply(
      agent: Agent,
      id: string,
      message: { text: string; citations?: { law: string; article: string; quote?: string }[]; clientId?: string },
    ): Promise<TranscriptEntry> {
      const head = await headFor(agent, id);
      ownedBy(agent, head);
      const delivery = deps.deliveryFor(head.channel);
      if (!delivery) throw new AppError('CONFLICT', `这个渠道（${head.channel}）不能由客服直接回复。Agents cannot write to this channel (${head.channel}).`);
      const seq = await delivery.agentMessage(id, {
        agentId: agent.id,
        name: agent.displayName,
        text: message.text,
        ...(message.citations ? { citations: message.citations } : {}),
        clientId: message.clientId ?? `agent-${randomUUID()}`,
      });
      return {
        seq,
        from: 'agent',
        name: agent.displayName,
        text: message.text,
        at: new Date().toISOString(),
        ...(message.citations?.length ? { citations: message.citations } : {}),
      };
    },

    async note(agent: Agent, id: string, text: string): Promise<{ type: 'note'; actor: string; payload: { text: string } }> {
      const head = await headFor(agent, id);
      const actor = `agent:${agent.id}`;
      if (head.caseNo) await deps.cases.update(agent.sites, head.caseNo, { note: text }, actor);
      else {
        await deps.db.query(
          `insert into conversation_events (conversation_id, seq, type, actor, payload)
           values ($1, coalesce((select max(seq) from conversation_events where conversation_id = $1), 0) + 1, 'note', $2, $3)`,
          [id, actor, JSON.stringify({ text })],
        );
      }
      return { type: 'note', actor, payload: { text } };
    },

    async handBack(agent: Agent, id: string, stage?: Stage): Promise<void> {
      const head = await headFor(agent, id);
      ownedBy(agent, head);
      await control(agent, head, stage ? { type: 'handback', stage } : { type: 'handback' });
      deps.logger.info({ conversationId: id, agentId: agent.id, stage }, 'handoff.handed_back');
    },

    async close(agent: Agent, id: string): Promise<void> {
      const head = await headFor(agent, id);
      ownedBy(agent, head);
      await control(agent, head, { type: 'close' });
      deps.logger.info({ conversationId: id, agentId: agent.id }, 'handoff.closed');
    },

    async evidenceFile(agent: Agent, evidenceId: string): Promise<EvidenceRow> {
      const file = await selectEvidenceFile(deps.db, agent.sites, evidenceId);
      if (!file) throw new AppError('NOT_FOUND', '没有这个证据文件。No such evidence file.');
      return deps.seal.open(file);
    },

    /**
     * Consumers waiting longer than the timeout (or with nobody of their site online) are told, once per wait, that nobody is free, what
     * they can do (leave a number, carry on with the bot), and their case records it.
     */
    async sweepTimeouts(): Promise<number> {
      const timedOut = await selectTimedOutWaiting(deps.db, deps.timeoutSeconds, deps.offlineGraceSeconds, deps.deliverableChannels);
      for (const c of timedOut) {
        try {
          const row = await deps.db.query<{ snapshot: unknown; caseNo: string | null }>(
            `select snapshot, (select case_no from cases where conversation_id = $1 order by created_at desc limit 1) as "caseNo" from conversations where id = $1`,
            [c.id],
          );
          const { snapshot } = parseSnapshot(deps.seal.open(row.rows[0]?.snapshot), c.locale);
          const caseNo = row.rows[0]?.caseNo ?? undefined;
          const replies: OutboundReply[] = render('sayNoAgentFree', { ...snapshot.context, ...(caseNo ? { caseNo } : {}) }).map((r) => ({
            text: r.text,
            ...(r.suggestions?.length ? { suggestedActions: r.suggestions } : {}),
            channelData: { weiquan: { stage: snapshot.value, ...(caseNo ? { caseNo } : {}) } },
          }));
          await deps.deliveryFor(c.channel)?.botReplies(c.id, replies, c.locale, `no-agent-${c.id}-${Date.now()}`);
          if (caseNo) await appendCaseEvent(deps.db, caseNo, 'no_agent_available', 'system', { reason: c.nobodyOnline ? 'nobody_online' : 'timeout' });
          deps.logger.info({ conversationId: c.id, siteId: c.siteId, nobodyOnline: c.nobodyOnline }, 'handoff.no_agent_available');
        } catch (error) {
          deps.logger.error({ err: error, conversationId: c.id }, 'handoff.timeout_notice_failed');
        }
      }
      return timedOut.length;
    },
  };
}
