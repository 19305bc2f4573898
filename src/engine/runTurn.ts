import { createHash } from 'node:crypto';
import { isDisputeType } from '../../dialogs/disputeTypes.js';
import type { DialogEvent } from '../../dialogs/rights/events.js';
import { RIGHTS_MACHINE_ID, RIGHTS_MACHINE_VERSION } from '../../dialogs/rights/rights.machine.js';
import { msg, placeholderFor } from '../../dialogs/rights/catalog.js';
import { consentNeededForCase, route } from '../../dialogs/rights/route.js';
import type { Context, Stage } from '../../dialogs/rights/types.js';
import { SHOWN_CITATIONS, render, type Reply } from '../../dialogs/rights/wording.js';
import { makeRecentConversations, type RecentConversations } from './recentConversations.js';
import { AppError } from '../errors.js';
import { cancelledState, caseWrite } from './caseWrite.js';
import { initialStep, transition, type MachineSnapshot } from './machine.js';
import { nextTurnSnapshot, parseSnapshot, toStored } from './snapshot.js';
import { findFollowUp } from './followUp.js';
import {
  findCaseConversation,
  readConversation,
  recordForwardedTurn,
  writeTurn,
  type CaseWrite,
  type ConversationRow,
  type TurnEvent,
  type TurnWrite,
} from './sql/conversations.js';
import { toAssessmentInput, toAssessmentSummary } from './toAssessment.js';
import { toDialogEvents } from './toDialogEvents.js';
import { CONFIRM_NO, CONFIRM_YES, confirmationReply, proposalToAsk, readConfirmation, saysMore } from './confirmProposed.js';
import type { EngineDeps, InboundMessage, OutboundReply, TurnResult } from './types.js';
import { shanghaiIsoDate } from '../common/civilDate.js';

// Long articles are cut in a quote: enough to read the rule, not a whole section of a code.
const QUOTE_CHARS = 400;

// A turn that needs more machine steps than this has a loop in the dialog: fail it, keep the state.
const MAX_STEPS = 30;

/**
 * One turn, one loop (style H4): load the conversation, parse its snapshot, understand the message,
 * transition, run the named effects (feeding their results back as events), then write the snapshot,
 * the turn's events and any case change at once, and return the replies.
 */
export function makeRunTurn(deps: EngineDeps): (inbound: InboundMessage) => Promise<TurnResult> {
  const recent = makeRecentConversations(RECENT_CONVERSATIONS);
  return async (inbound) => {
    // Optimistic concurrency: compute the turn from what was read (or, for a conversation this
    // process wrote last, from what it wrote), write it only if nobody else wrote in between and the
    // turn id is new (version check), else read again and recompute. Turns on one conversation are
    // thereby serialized, never interleaved or lost: one round trip each, two after a conflict.
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // An agent's control is computed from the stored row, never from this process's memory.
      const result = await attemptTurn(deps, inbound, recent, attempt === 1 && !inbound.control);
      if (result) return result;
      recent.forget(inbound.conversationId);
      deps.logger.debug({ conversationId: inbound.conversationId, attempt }, 'engine.turn_conflict_retry');
    }
    throw new AppError('CONFLICT', 'This conversation is busy with another message; please send yours again.');
  };
}

// Concurrent turns on one conversation (a double-click, two tabs) each win within a few rounds.
const MAX_ATTEMPTS = 8;
// Conversations whose last state this process keeps (each a few KB): the ones being talked in now.
const RECENT_CONVERSATIONS = 2000;

async function attemptTurn(deps: EngineDeps, inbound: InboundMessage, recent: RecentConversations, useRecent: boolean): Promise<TurnResult | undefined> {
  const locale = inbound.locale ?? 'zh';
  const known = useRecent ? recent.get(inbound.conversationId) : undefined;
  const row = known ? undefined : await readConversation(deps.db, inbound.conversationId, inbound.turnId);
  if (row?.processedReplies)
    return {
      replies: deps.seal.open(row.processedReplies) as OutboundReply[],
      stage: parseSnapshot(deps.seal.open(row.snapshot), locale).snapshot.value,
      duplicate: true,
    };
  const convo = known ?? row;
  // While an agent owns the conversation the bot says nothing, not even on error: the message is kept for the agent.
  if (row?.owner === 'agent' && !inbound.control) return forwardToAgent(deps, inbound, row);
  if (inbound.control && (row?.owner !== 'agent' || row.agentId !== inbound.control.agentId)) {
    throw new AppError('CONFLICT', 'Only the agent who owns this conversation can hand it back or close it.');
  }

  const turn = new Turn(deps, inbound);
  const start = initialStep(locale);
  const parsed = known
    ? { snapshot: known.snapshot, reset: false as const }
    : row
      ? parseSnapshot(deps.seal.open(row.snapshot), row.locale)
      : { snapshot: start.snapshot, reset: false as const };
  turn.snapshot = parsed.snapshot;
  if (parsed.reset) {
    turn.replies.push({ text: msg('snapshotReset', locale) });
    turn.events.push({ type: 'snapshot_reset', payload: { reason: parsed.reason } });
    turn.snapshot = start.snapshot;
  }
  if (!convo || parsed.reset) await turn.perform(start.actions, { type: 'START' });
  if (inbound.attachments?.length) turn.evidenceReceived(inbound.attachments, inbound.text === undefined && inbound.value === undefined);
  // Closed by an agent and reopened by the consumer: back to the bot, from where the dialog stands.
  if (row?.owner === 'closed' && (inbound.text !== undefined || inbound.value !== undefined))
    turn.replies.push(...render('sayWelcomeBack', turn.snapshot.context));
  if (inbound.control)
    await turn.feed(
      inbound.control.type === 'handback'
        ? { type: 'AGENT_HANDBACK', ...(inbound.control.stage ? { stage: inbound.control.stage } : {}) }
        : { type: 'AGENT_CLOSE' },
    );
  if (inbound.text !== undefined || inbound.value !== undefined) await turn.userSaid(inbound.text ?? '', inbound.value, !convo);

  const replies = turn.outbound();
  // Identifier slots, the consumer's words and the replies (letters carry the contact) are sealed at rest.
  const stored = JSON.stringify(deps.seal.snapshot(toStored(turn.snapshot)));
  const turnWrite: TurnWrite = {
    id: inbound.conversationId,
    channel: inbound.channel,
    siteId: inbound.siteId ?? null,
    locale: convo?.locale ?? locale,
    machineId: RIGHTS_MACHINE_ID,
    machineVersion: RIGHTS_MACHINE_VERSION,
    snapshot: stored,
    expectedVersion: convo?.version ?? -1,
    consent: turn.snapshot.context.consent,
    // Waiting for a person exactly while the dialog is in its handoff state; withdrawing it
    // ("不用人工了") gives the conversation back to the bot.
    owner: inbound.control?.type === 'close' ? 'closed' : turn.snapshot.value === 'handoff' ? 'waiting' : 'bot',
    turnId: inbound.turnId,
    events: [...turn.events, { type: 'bot_replied', payload: { count: replies.length, stage: turn.snapshot.value } }],
    replies: deps.seal.json(replies),
    cases: turn.caseWrites,
    ...(turn.adoptCaseNo ? { adoptCaseNo: turn.adoptCaseNo } : {}),
  };
  const control = inbound.control;
  // The ownership change is recorded (by a trigger) with the agent, or the external hub, as its actor.
  const written = control
    ? await deps.db.withTransaction(async (tx) => {
        await tx.query(`select set_config('weiquan.actor', $1, true)`, [control.agentId === null ? `hub:${inbound.channel}` : `agent:${control.agentId}`]);
        return writeTurn(tx, turnWrite);
      })
    : await writeTurn(deps.db, turnWrite);
  if (!written.saved) return undefined;
  // 删除我的信息: everything earlier in the conversation goes (this turn's own record, already without identifiers, stays).
  const erased = turn.dataRights === 'erased' ? await deps.dataRights.erase(inbound.conversationId, inbound.turnId) : undefined;
  // Kept as the next read would return it (turn-only fields dropped), so both paths compute the same
  // next turn. After an agent's control the row's owner matters to the next turn (a closed
  // conversation welcomes back): read it then.
  if (!control) recent.set(inbound.conversationId, { version: written.version, locale: convo?.locale ?? locale, snapshot: nextTurnSnapshot(turn.snapshot) });
  return {
    replies,
    stage: turn.snapshot.value,
    caseNo: turn.snapshot.context.caseNo,
    duplicate: false,
    ...(turn.owner === 'waiting' && turn.snapshot.value === 'handoff' ? { handoffRequested: true as const } : {}),
    ...(turn.snapshot.context.consent === 'given' ? { consentGiven: true as const } : {}),
    ...(turn.dataRights ? { dataRights: turn.dataRights } : {}),
    ...(erased?.evidence.length ? { erasedEvidence: erased.evidence } : {}),
  };
}

/** A message for the agent who owns the conversation: kept (text only with consent), no dialog step, no reply. */
async function forwardToAgent(deps: EngineDeps, inbound: InboundMessage, row: ConversationRow): Promise<TurnResult> {
  const { snapshot } = parseSnapshot(deps.seal.open(row.snapshot), row.locale);
  const text = inbound.text ?? '';
  const said =
    row.consent === 'given'
      ? { text: inbound.text === undefined ? undefined : deps.seal.text(inbound.text), value: inbound.value }
      : { length: text.length, sha256: createHash('sha256').update(text).digest('hex').slice(0, 16), value: inbound.value };
  const files = inbound.attachments?.map((f) => ({ sha256: f.sha256, contentType: f.contentType, size: f.size }));
  await recordForwardedTurn(deps.db, {
    id: row.id,
    turnId: inbound.turnId,
    event: { type: 'user_message_to_agent', payload: { ...said, ...(files ? { files } : {}) } },
  });
  return {
    replies: [],
    stage: snapshot.value,
    ...(snapshot.context.caseNo ? { caseNo: snapshot.context.caseNo } : {}),
    duplicate: false,
    forwardedToAgent: true,
  };
}

/** The mutable state of one turn in progress. Lives only inside the transaction. */
class Turn {
  snapshot!: MachineSnapshot;
  replies: Reply[] = [];
  events: TurnEvent[] = [];
  owner: 'waiting' | undefined;
  /** The cases as this turn leaves them, written with the turn: the current one, and one it moved away from. */
  caseWrites: CaseWrite[] = [];
  /** A case this conversation takes over from an earlier one (follow-up by number and phone). */
  adoptCaseNo: string | undefined;
  /** The consumer asked for their data (export) or had it deleted this turn. */
  dataRights: 'export' | 'erased' | undefined;
  private steps = 0;
  /** A case would be filed but consent was never asked: asked once, at the end of the turn. */
  private consentWanted = false;
  private filedCase: Record<string, unknown> | undefined;
  private readonly today: string;

  constructor(
    private readonly deps: EngineDeps,
    private readonly inbound: InboundMessage,
  ) {
    this.today = shanghaiIsoDate(deps.now());
  }

  async userSaid(text: string, said: string | undefined, justWelcomed: boolean): Promise<void> {
    const context = this.snapshot.context;
    const pending = context.confirming;
    let value = said;
    let understanding = await this.deps.understand(text, {
      now: this.deps.now(),
      timeZone: 'Asia/Shanghai',
      known: context.slots,
      awaiting: slotAwaited(context),
      // At a consent or confirmation prompt a short reply is read as yes / no first (算了 declines, 统一 is 同意).
      ...(context.awaiting?.kind === 'confirm' || pending ? { expectsYesNo: true } : {}),
    });
    const proposedNow = understanding;
    // What users type is personal data: the text is kept only with consent, otherwise its size and hash.
    const payload =
      context.consent === 'given'
        ? { text: this.deps.seal.text(text), value }
        : { length: text.length, sha256: createHash('sha256').update(text).digest('hex').slice(0, 16), value };
    this.events.push({ type: 'user_message', payload: { ...payload, intents: understanding.intents, category: understanding.category?.best } });
    if (await this.dataRequest(understanding.intents, value, text)) return;
    if (await this.followUp(text)) return;
    if (pending) {
      // The answer to "是 ¥300 吗？": a yes makes the value the user's own; anything else drops it.
      const read = readConfirmation(pending, understanding, value);
      this.setConfirming(undefined);
      this.events.push({ type: 'proposed_answered', payload: { slot: pending.slot, answer: read.answer } });
      understanding = read.understanding;
      if (value === CONFIRM_YES || value === CONFIRM_NO) value = undefined;
      if (read.answer === 'no' && !saysMore(understanding)) {
        this.replies.push({ text: msg('confirmDeclined', this.snapshot.context.locale) }, ...render('sayReprompt', this.snapshot.context));
        return;
      }
    }
    // A greeting that opened the conversation has been answered by the welcome itself.
    const onlyGreeting = understanding.intents.every((i) => i === 'greeting' || i === 'chitchat') && Object.keys(understanding.slots).length === 0;
    // A quick-start button's value sent as the very first message (imBack clients send it as text) is no greeting: it is taken.
    if (justWelcomed && onlyGreeting && !value && !isDisputeType(text.trim())) return;
    const events = toDialogEvents(understanding, this.snapshot.context, text, value);
    const ask = proposalToAsk(proposedNow, this.snapshot.context, slotAwaited(context));
    // The message only carried a value the rules could not read and the model proposed: no "not understood", just the check.
    const onlyProposal = ask !== undefined && events.every((e) => e.type === 'UNCLEAR' || e.type === 'INVALID');
    if (!onlyProposal) for (const event of events) await this.feed(event);
    if (this.consentWanted && consentNeededForCase(this.snapshot.context, this.snapshot.value)) await this.feed({ type: 'NEED_CONSENT', reason: 'case' });
    const confirm = ask && proposalToAsk(proposedNow, this.snapshot.context, slotAwaited(context));
    if (confirm) {
      this.setConfirming(confirm);
      this.events.push({ type: 'proposed_asked', payload: { slot: confirm.slot } });
      this.replies.push(confirmationReply(confirm, this.snapshot.context.locale));
    }
  }

  private setConfirming(confirming: Context['confirming']): void {
    const { confirming: _earlier, ...context } = this.snapshot.context;
    this.snapshot = { ...this.snapshot, context: confirming ? { ...context, confirming } : context };
  }

  /**
   * 导出我的信息 / 删除我的信息 (个人信息保护法 第四十五条、第四十七条), typed or as the widget's action
   * (`value`). Export says what is held and where to download it; deletion withdraws consent (the
   * dialog forgets every identifying fact, the case is rewritten without them) and, once the turn is
   * written, erases the conversation's history and the case's personal data.
   */
  private async dataRequest(intents: readonly string[], value: string | undefined, text: string): Promise<boolean> {
    const locale = this.snapshot.context.locale;
    if (value === 'export_my_data' || (intents.includes('export_my_data') && !intents.includes('delete_my_data'))) {
      const caseNo = this.snapshot.context.caseNo;
      this.replies.push({ text: msg('dataExport', locale, { caseNo: caseNo ? ` ${caseNo}` : '', conversationId: this.inbound.conversationId }) });
      this.events.push({ type: 'data_export_requested', payload: {} });
      this.dataRights = 'export';
      return true;
    }
    if (value !== 'delete_my_data' && !intents.includes('delete_my_data')) return false;
    if (this.snapshot.context.consent === 'given') await this.feed({ type: 'WITHDRAW_CONSENT' });
    // The request itself is kept as any message without consent is: its size and hash.
    const said = this.events.findLast((e) => e.type === 'user_message');
    if (said) said.payload = { length: text.length, sha256: createHash('sha256').update(text).digest('hex').slice(0, 16), value, intents };
    this.replies.push({ text: msg('dataErased', locale) });
    this.events.push({ type: 'data_erased', payload: { caseNo: this.snapshot.context.caseNo ?? null } });
    this.dataRights = 'erased';
    return true;
  }

  /**
   * A returning consumer gives their case number and the phone number used on the case: this
   * conversation continues from where that case stands (its dialog state is taken over).
   */
  private async followUp(text: string): Promise<boolean> {
    const request = findFollowUp(text);
    if (!request || request.caseNo === this.snapshot.context.caseNo) return false;
    const locale = this.snapshot.context.locale;
    if (!request.phone) {
      this.replies.push({ text: msg('followUpNeedPhone', locale, { caseNo: request.caseNo }) });
      return true;
    }
    const found = await findCaseConversation(this.deps.db, request.caseNo, this.deps.seal.phoneIndexes(request.phone));
    if (!found) {
      this.replies.push({ text: msg('followUpNotFound', locale) });
      this.events.push({ type: 'follow_up_not_found', payload: {} });
      return true;
    }
    const parsed = parseSnapshot(this.deps.seal.open(found.snapshot), this.snapshot.context.locale);
    if (parsed.reset) return false;
    // The case this conversation was about keeps the state it is left in, to be resumed the same way.
    if (this.snapshot.context.caseNo) this.leaveCase(this.snapshot, { type: 'set_aside', reason: 'resumed_other_case' });
    this.snapshot = { ...parsed.snapshot, context: { ...parsed.snapshot.context, locale: this.snapshot.context.locale } };
    this.adoptCaseNo = request.caseNo;
    this.events.push({ type: 'follow_up_resumed', payload: { caseNo: request.caseNo, from: found.conversationId } });
    this.replies.push({ text: msg('followUpFound', locale, { caseNo: request.caseNo }) });
    this.replies.push(...render('sayReprompt', this.snapshot.context));
    return true;
  }

  /** Files the channel stored for this conversation: say what arrived, note it, and ask the pending question again. */
  evidenceReceived(files: NonNullable<InboundMessage['attachments']>, reprompt: boolean): void {
    const locale = this.snapshot.context.locale;
    const zh = locale === 'zh';
    const list = files.map((f) => `${f.name}（${f.contentType}，${formatSize(f.size)}，SHA-256 ${f.sha256.slice(0, 12)}…）`).join(zh ? '；' : '; ');
    const filed = this.snapshot.context.caseNo;
    const where = filed ? msg('evidenceFiledTo', locale, { caseNo: filed }) : msg('evidenceLater', locale);
    this.replies.push({ text: msg('evidenceReceived', locale, { count: files.length, list, where }) });
    this.events.push({
      type: 'evidence_received',
      payload: { files: files.map((f) => ({ sha256: f.sha256, contentType: f.contentType, size: f.size })), caseNo: filed ?? null },
    });
    if (reprompt) this.replies.push(...render('sayReprompt', this.snapshot.context));
  }

  async feed(event: DialogEvent): Promise<void> {
    if (++this.steps > MAX_STEPS) throw new Error(`dialog did not settle within ${MAX_STEPS} steps (last event ${event.type})`);
    const before = this.snapshot;
    const step = transition(this.snapshot, event);
    this.snapshot = step.snapshot;
    if (step.snapshot.value !== before.value)
      this.events.push({ type: 'state_entered', payload: { from: before.value, to: step.snapshot.value, event: event.type } });
    await this.perform(step.actions, event, before);
  }

  /** Runs the transition's named actions; `before` is the state the transition left (closeCase reads its case). */
  async perform(actions: string[], event: DialogEvent, before?: MachineSnapshot): Promise<void> {
    for (const action of actions) {
      const context = this.snapshot.context;
      switch (action) {
        case 'routeTriage':
        case 'routeCollect':
        case 'routeSkip':
          await this.feed(route(action, context));
          break;
        case 'preview': {
          // What the law gives on what is known so far: no case, nothing stored but the facts already kept.
          const preview = toAssessmentSummary(this.deps.assess(toAssessmentInput(context, this.today, this.deps.parseDate)), context.locale);
          this.replies.push(...render('sayPreview', context, { preview }));
          break;
        }
        case 'forgetCaseContact':
          this.forgetCaseContact();
          break;
        case 'assess': {
          const assessment = this.deps.assess(toAssessmentInput(context, this.today, this.deps.parseDate));
          this.events.push({ type: 'assessed', payload: { citations: assessment.citations } });
          await this.feed({ type: 'ASSESSED', assessment: toAssessmentSummary(assessment, context.locale) });
          break;
        }
        case 'fileCase':
          await this.fileCase();
          break;
        case 'setCaseAside':
          if (before?.context.caseNo) {
            this.leaveCase(before, { type: 'set_aside', reason: 'new_dispute' });
            this.events.push({ type: 'case_set_aside', payload: { caseNo: before.context.caseNo, reason: 'new_dispute' } });
            this.replies.push({ text: msg('caseSetAsideForNew', before.context.locale, { caseNo: before.context.caseNo }) });
          }
          break;
        case 'closeCase':
          if (before?.context.caseNo) this.closeCase(before, event.type === 'RESTART' ? 'restarted' : 'new_dispute');
          break;
        case 'answerQuestion': {
          const answer = await this.deps.answer({ question: event.type === 'QUESTION' ? event.text : (this.inbound.text ?? ''), locale: context.locale });
          // At most three articles shown with the answer (phone-sized); the rest is behind 详细依据.
          this.replies.push({
            text: answer.answer,
            citations: answer.citations
              .slice(0, SHOWN_CITATIONS)
              .map((c) => ({ law: c.law, article: c.article, ...(c.versionDate ? { versionDate: c.versionDate } : {}), quote: c.quote })),
          });
          this.events.push({
            type: 'question_answered',
            payload: { notCovered: answer.notCovered, cited: answer.citations.map((c) => `${c.law}${c.article}`) },
          });
          await this.feed({ type: 'ANSWERED' });
          break;
        }
        case 'requestHandoff':
          this.owner = 'waiting';
          this.events.push({ type: 'handoff_requested', payload: { stage: this.snapshot.context.history.at(-1) ?? this.snapshot.value } });
          break;
        default:
          this.replies.push(...render(action, context, { ...renderExtra(event), today: this.today }));
      }
    }
  }

  private async fileCase(): Promise<void> {
    const context = this.snapshot.context;
    // No consent, no stored case: the facts are personal data (个人信息保护法 第十三条). Once the case is in
    // use (a letter, a complaint), consent is asked, once, at the end of the turn.
    if (context.consent !== 'given' || !context.category) {
      if (consentNeededForCase(context, this.snapshot.value)) this.consentWanted = true;
      return;
    }
    const caseNo = context.caseNo ?? this.deps.caseIds.makeCaseNo(this.today);
    const { write, record } = caseWrite(this.snapshot, {
      caseNo,
      created: !context.caseNo,
      awaitingAgent: this.owner === 'waiting',
      seal: this.deps.seal,
    });
    this.keep(write);
    this.filedCase = { caseNo, status: write.status, ...record };
    this.events.push({ type: write.created ? 'case_filed' : 'case_updated', payload: { caseNo, status: write.status } });
    if (!context.caseNo) await this.feed({ type: 'CASE_FILED', caseNo });
  }

  /** Consent withdrawn: the case keeps the dispute but loses every identifying fact (the context already has). */
  private forgetCaseContact(): void {
    const caseNo = this.snapshot.context.caseNo;
    if (!caseNo || !this.snapshot.context.category) return;
    this.keep(
      caseWrite(this.snapshot, {
        caseNo,
        created: false,
        awaitingAgent: false,
        seal: this.deps.seal,
        event: { type: 'consent_withdrawn', reason: 'user' },
      }).write,
    );
    this.events.push({ type: 'consent_withdrawn', payload: { caseNo } });
  }

  /** A restart or a new dispute: the case the conversation was about is closed, its record and history kept. */
  private closeCase(before: MachineSnapshot, reason: 'restarted' | 'new_dispute'): void {
    const caseNo = before.context.caseNo ?? '';
    this.leaveCase(cancelledState(before), { type: 'closed', reason });
    this.events.push({ type: 'case_closed', payload: { caseNo, reason } });
    this.replies.push({ text: msg('caseClosedForNew', before.context.locale, { caseNo }) });
  }

  /** Writes a case as `state` leaves it and keeps that state on it, for a follow-up to resume from. */
  private leaveCase(state: MachineSnapshot, event: { type: string; reason: string }): void {
    if (state.context.consent !== 'given' || !state.context.category || !state.context.caseNo) return;
    this.keep(
      caseWrite(state, {
        caseNo: state.context.caseNo,
        created: false,
        awaitingAgent: false,
        seal: this.deps.seal,
        event,
        leftAt: toStored(state),
      }).write,
    );
  }

  /** One write per case per turn: a later write of the same case replaces the earlier (a new case stays new). */
  private keep(write: CaseWrite): void {
    const earlier = this.caseWrites.findIndex((w) => w.caseNo === write.caseNo);
    if (earlier === -1) this.caseWrites.push(write);
    else this.caseWrites[earlier] = { ...write, created: this.caseWrites[earlier]?.created === true || write.created };
  }

  /** A citation with the article's text and version, so a channel can show what it says. */
  private quoted(c: { law: string; article: string; versionDate?: string; quote?: string }) {
    if (c.quote !== undefined || !this.deps.quote) return c;
    const held = this.deps.quote(c.law, c.article);
    if (!held) return c;
    return {
      ...c,
      ...(held.versionDate ? { versionDate: held.versionDate } : {}),
      quote: held.text.length > QUOTE_CHARS ? `${held.text.slice(0, QUOTE_CHARS)}…` : held.text,
    };
  }

  outbound(): OutboundReply[] {
    const c = this.snapshot.context;
    const weiquan = {
      stage: this.snapshot.value,
      ...(c.awaiting ? { awaiting: c.awaiting } : {}),
      // What the input's placeholder says: the widget shows it (输入金额，如 299).
      ...(placeholderFor(c.awaiting, c.locale) ? { placeholder: placeholderFor(c.awaiting, c.locale) } : {}),
      ...(c.category ? { category: c.category } : {}),
      ...(c.caseNo ? { caseNo: c.caseNo } : {}),
    };
    return this.replies
      .filter((r) => r.text)
      .map((r, i, all) => ({
        text: r.text,
        ...(r.suggestions?.length ? { suggestedActions: r.suggestions } : {}),
        ...(r.citations?.length ? { citations: r.citations.map((cit) => this.quoted(cit)) } : {}),
        // The structured case travels once, on the turn's last reply.
        channelData: {
          weiquan: { ...weiquan, ...(i === all.length - 1 && this.filedCase ? { case: this.filedCase } : {}), ...(r.details ? { details: r.details } : {}) },
        },
      }));
  }
}

/** What a `say*` action needs from the event that led to it. */
function renderExtra(event: DialogEvent) {
  if (event.type === 'INVALID') return { message: event.message };
  if (event.type === 'NEED_CONSENT') return { slots: event.slots ?? [] };
  if (event.type === 'URGENT') return { urgent: event.kinds };
  return {};
}

/** The slot the bot asked for, when it is a fact (not consent, evidence, …): bare answers fill it. */
function slotAwaited(context: Context) {
  // A consent question asked over another one: bare answers still answer that one.
  const pending = context.awaiting?.slot === 'consent' ? context.awaiting.resume?.slot : context.awaiting?.slot;
  // Asking how a step went is asking for the other side's response: 拒绝了 then means they refused.
  const slot = pending === 'outcome' ? 'sellerResponse' : pending;
  const facts = [
    'platform',
    'sellerType',
    'shopName',
    'product',
    'amountFen',
    'orderDate',
    'receivedDate',
    'orderNumber',
    'phone',
    'problem',
    'sellerResponse',
    'complainantName',
    'address',
    'shopAddress',
  ] as const;
  return facts.find((f) => f === slot);
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Today in China, from the one civil-date implementation. */
export { shanghaiIsoDate as shanghaiDate } from '../common/civilDate.js';

export type { Stage };
