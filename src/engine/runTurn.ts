import { createHash, randomInt } from 'node:crypto';
import type { DialogEvent } from '../../dialogs/rights/events.js';
import { RIGHTS_MACHINE_ID, RIGHTS_MACHINE_VERSION } from '../../dialogs/rights/rights.machine.js';
import { route } from '../../dialogs/rights/route.js';
import type { Context, Stage } from '../../dialogs/rights/types.js';
import { render, type Reply } from '../../dialogs/rights/wording.js';
import { hashPhone, makeCaseNo } from '../cases/caseRecord.js';
import { AppError } from '../errors.js';
import { buildCaseRecord, caseStatusFor } from './buildCaseRecord.js';
import { initialStep, transition, type MachineSnapshot } from './machine.js';
import { parseSnapshot, toStored } from './snapshot.js';
import { findFollowUp } from './followUp.js';
import { findCaseConversation, readConversation, writeTurn, type CaseWrite, type TurnEvent } from './sql/conversations.js';
import { toAssessmentInput, toAssessmentSummary } from './toAssessment.js';
import { toDialogEvents } from './toDialogEvents.js';
import type { EngineDeps, InboundMessage, OutboundReply, TurnResult } from './types.js';

// A turn that needs more machine steps than this has a loop in the dialog: fail it, keep the state.
const MAX_STEPS = 30;

/**
 * One turn, one loop (style H4): load the conversation, parse its snapshot, understand the message,
 * transition, run the named effects (feeding their results back as events), then write the snapshot,
 * the turn's events and any case change at once, and return the replies.
 */
export function makeRunTurn(deps: EngineDeps): (inbound: InboundMessage) => Promise<TurnResult> {
  return async (inbound) => {
    // Optimistic concurrency: compute the turn from what was read, write it only if nobody else
    // wrote in between (version check), else recompute from the new state. Turns on one
    // conversation are thereby serialized, never interleaved or lost, with two round trips each.
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await attemptTurn(deps, inbound);
      if (result) return result;
      deps.logger.debug({ conversationId: inbound.conversationId, attempt }, 'engine.turn_conflict_retry');
    }
    throw new AppError('CONFLICT', 'This conversation is busy with another message; please send yours again.');
  };
}

// Concurrent turns on one conversation (a double-click, two tabs) each win within a few rounds.
const MAX_ATTEMPTS = 8;

async function attemptTurn(deps: EngineDeps, inbound: InboundMessage): Promise<TurnResult | undefined> {
  const locale = inbound.locale ?? 'zh';
  const convo = await readConversation(deps.db, inbound.conversationId, inbound.turnId);
  if (convo?.processedReplies) return { replies: convo.processedReplies as OutboundReply[], stage: parseSnapshot(convo.snapshot, locale).snapshot.value, duplicate: true };

  const turn = new Turn(deps, inbound);
  const start = initialStep(locale);
  const parsed = convo ? parseSnapshot(convo.snapshot, convo.locale) : { snapshot: start.snapshot, reset: false as const };
  turn.snapshot = parsed.snapshot;
  if (parsed.reset) {
    turn.replies.push({ text: locale === 'en' ? 'Sorry, I could not continue our earlier conversation, so we are starting again.' : '抱歉，之前的对话无法继续，我们重新开始。' });
    turn.events.push({ type: 'snapshot_reset', payload: { reason: parsed.reason } });
    turn.snapshot = start.snapshot;
  }
  if (!convo || parsed.reset) await turn.perform(start.actions, { type: 'START' });
  if (inbound.text !== undefined || inbound.value !== undefined) await turn.userSaid(inbound.text ?? '', inbound.value, !convo);

  const replies = turn.outbound();
  const written = await writeTurn(deps.db, {
    id: inbound.conversationId,
    channel: inbound.channel,
    locale: convo?.locale ?? locale,
    machineId: RIGHTS_MACHINE_ID,
    machineVersion: RIGHTS_MACHINE_VERSION,
    snapshot: toStored(turn.snapshot),
    expectedVersion: convo?.version ?? -1,
    consent: turn.snapshot.context.consent,
    // Waiting for a person exactly while the dialog is in its handoff state; withdrawing it
    // ("不用人工了") gives the conversation back to the bot.
    owner: turn.snapshot.value === 'handoff' ? 'waiting' : 'bot',
    turnId: inbound.turnId,
    events: [...turn.events, { type: 'bot_replied', payload: { count: replies.length, stage: turn.snapshot.value } }],
    replies,
    filedCase: turn.caseWrite,
    ...(turn.adoptCaseNo ? { adoptCaseNo: turn.adoptCaseNo } : {}),
  });
  if (!written.saved) return undefined;
  return { replies, stage: turn.snapshot.value, caseNo: turn.snapshot.context.caseNo, duplicate: false };
}

/** The mutable state of one turn in progress. Lives only inside the transaction. */
class Turn {
  snapshot!: MachineSnapshot;
  replies: Reply[] = [];
  events: TurnEvent[] = [];
  owner: 'waiting' | undefined;
  /** The case as this turn leaves it, written with the turn. */
  caseWrite: CaseWrite | undefined;
  /** A case this conversation takes over from an earlier one (follow-up by number and phone). */
  adoptCaseNo: string | undefined;
  private steps = 0;
  private filedCase: Record<string, unknown> | undefined;
  private readonly today: string;

  constructor(
    private readonly deps: EngineDeps,
    private readonly inbound: InboundMessage,
  ) {
    this.today = shanghaiDate(deps.now());
  }

  async userSaid(text: string, value: string | undefined, justWelcomed: boolean): Promise<void> {
    const context = this.snapshot.context;
    const understanding = this.deps.understand(text, { now: this.deps.now(), timeZone: 'Asia/Shanghai', known: context.slots, awaiting: slotAwaited(context) });
    // What users type is personal data: the text is kept only with consent, otherwise its size and hash.
    const payload = context.consent === 'given' ? { text, value } : { length: text.length, sha256: createHash('sha256').update(text).digest('hex').slice(0, 16), value };
    this.events.push({ type: 'user_message', payload: { ...payload, intents: understanding.intents, category: understanding.category?.best } });
    if (await this.followUp(text)) return;
    // A greeting that opened the conversation has been answered by the welcome itself.
    const onlyGreeting = understanding.intents.every((i) => i === 'greeting' || i === 'chitchat') && Object.keys(understanding.slots).length === 0;
    if (justWelcomed && onlyGreeting && !value) return;
    for (const event of toDialogEvents(understanding, context, text, value)) await this.feed(event);
  }

  /**
   * A returning consumer gives their case number and the phone number used on the case: this
   * conversation continues from where that case stands (its dialog state is taken over).
   */
  private async followUp(text: string): Promise<boolean> {
    const request = findFollowUp(text);
    if (!request || request.caseNo === this.snapshot.context.caseNo) return false;
    const zh = this.snapshot.context.locale === 'zh';
    if (!request.phone) {
      this.replies.push({ text: zh ? `请把案件编号 ${request.caseNo} 和建案时留的手机号一起发给我，我核对后帮你接着处理。` : `Please send the case number ${request.caseNo} together with the phone number you gave on the case, so I can check it is yours.` });
      return true;
    }
    const found = await findCaseConversation(this.deps.db, request.caseNo, hashPhone(request.phone));
    if (!found) {
      this.replies.push({ text: zh ? '没有找到编号和手机号都对得上的案件，请核对后再试，或者说“转人工”。' : 'I found no case with that number and phone; please check them, or ask for a person.' });
      this.events.push({ type: 'follow_up_not_found', payload: {} });
      return true;
    }
    const parsed = parseSnapshot(found.snapshot, this.snapshot.context.locale);
    if (parsed.reset) return false;
    this.snapshot = { ...parsed.snapshot, context: { ...parsed.snapshot.context, locale: this.snapshot.context.locale } };
    this.adoptCaseNo = request.caseNo;
    this.events.push({ type: 'follow_up_resumed', payload: { caseNo: request.caseNo, from: found.conversationId } });
    this.replies.push({ text: zh ? `找到了案件 ${request.caseNo}，我们从上次的进度继续。` : `Found case ${request.caseNo}; let us continue from where it stands.` });
    this.replies.push(...render('sayReprompt', this.snapshot.context));
    return true;
  }

  async feed(event: DialogEvent): Promise<void> {
    if (++this.steps > MAX_STEPS) throw new Error(`dialog did not settle within ${MAX_STEPS} steps (last event ${event.type})`);
    const before = this.snapshot.value;
    const step = transition(this.snapshot, event);
    this.snapshot = step.snapshot;
    if (step.snapshot.value !== before) this.events.push({ type: 'state_entered', payload: { from: before, to: step.snapshot.value, event: event.type } });
    await this.perform(step.actions, event);
  }

  async perform(actions: string[], event: DialogEvent): Promise<void> {
    for (const action of actions) {
      const context = this.snapshot.context;
      switch (action) {
        case 'routeTriage':
        case 'routeCollect':
          await this.feed(route(action, context));
          break;
        case 'assess': {
          const assessment = this.deps.assess(toAssessmentInput(context, this.today));
          this.events.push({ type: 'assessed', payload: { citations: assessment.citations } });
          await this.feed({ type: 'ASSESSED', assessment: toAssessmentSummary(assessment, context.locale) });
          break;
        }
        case 'fileCase':
          await this.fileCase();
          break;
        case 'answerQuestion': {
          const answer = this.deps.answer({ question: this.inbound.text ?? '', locale: context.locale });
          this.replies.push({ text: answer.answer, citations: answer.citations.map((c) => ({ law: c.law, article: c.article })) });
          this.events.push({ type: 'question_answered', payload: { notCovered: answer.notCovered, cited: answer.citations.map((c) => `${c.law}${c.article}`) } });
          await this.feed({ type: 'ANSWERED' });
          break;
        }
        case 'requestHandoff':
          this.owner = 'waiting';
          this.events.push({ type: 'handoff_requested', payload: { stage: this.snapshot.context.history.at(-1) ?? this.snapshot.value } });
          break;
        default:
          this.replies.push(...render(action, context, event.type === 'INVALID' ? { message: event.message } : {}));
      }
    }
  }

  private async fileCase(): Promise<void> {
    const context = this.snapshot.context;
    // No consent, no stored case: the facts are personal data (个人信息保护法 第十三条).
    if (context.consent !== 'given' || !context.category) return;
    const record = buildCaseRecord(context, this.snapshot.value, this.owner === 'waiting');
    const status = caseStatusFor(this.snapshot.value, this.owner === 'waiting');
    const created = !context.caseNo;
    const caseNo = context.caseNo ?? makeCaseNo(this.today, randomInt);
    this.caseWrite = { caseNo, status, category: record.category, record, phoneHash: record.contact.phone ? hashPhone(record.contact.phone) : null, actor: 'bot' };
    this.filedCase = { caseNo, status, ...record };
    this.events.push({ type: created ? 'case_filed' : 'case_updated', payload: { caseNo, status } });
    if (created) await this.feed({ type: 'CASE_FILED', caseNo });
  }

  outbound(): OutboundReply[] {
    const c = this.snapshot.context;
    const weiquan = {
      stage: this.snapshot.value,
      ...(c.awaiting ? { awaiting: c.awaiting } : {}),
      ...(c.category ? { category: c.category } : {}),
      ...(c.caseNo ? { caseNo: c.caseNo } : {}),
    };
    return this.replies
      .filter((r) => r.text)
      .map((r, i, all) => ({
        text: r.text,
        ...(r.suggestions?.length ? { suggestedActions: r.suggestions } : {}),
        ...(r.citations?.length ? { citations: r.citations } : {}),
        // The structured case travels once, on the turn's last reply.
        channelData: { weiquan: i === all.length - 1 && this.filedCase ? { ...weiquan, case: this.filedCase } : weiquan },
      }));
  }
}

/** The slot the bot asked for, when it is a fact (not consent, evidence, …): bare answers fill it. */
function slotAwaited(context: Context) {
  // Asking how a step went is asking for the other side's response: 拒绝了 then means they refused.
  const slot = context.awaiting?.slot === 'outcome' ? 'sellerResponse' : context.awaiting?.slot;
  const facts = ['platform', 'sellerType', 'shopName', 'product', 'amountFen', 'orderDate', 'receivedDate', 'orderNumber', 'phone', 'problem', 'sellerResponse', 'complainantName', 'address', 'shopAddress'] as const;
  return facts.find((f) => f === slot);
}

// Building an Intl formatter costs far more than using one: make it once.
const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function shanghaiDate(now: Date): string {
  return SHANGHAI_DATE.format(now);
}

export type { Stage };
