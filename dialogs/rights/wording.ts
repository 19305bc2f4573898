import { CATEGORY_LABELS, EVIDENCE_LABELS, SELLER_TYPE_LABELS, SLOT_LABELS, STEP_LABELS, formatDate, formatYuan } from './labels.js';
import { PLATFORM_CITATIONS, basisCitations, complaint12315, platformRequest, sellerMessage } from './letters.js';
import { askSlot, categoryChoices, choiceLabel, outcomeQuestion, reprompt, yesNo, type Reply } from './prompts.js';
import { URGENT_STEPS, msg } from './catalog.js';
import { complaintRuleOn, complaintTextCitations, externalRouteCitations, parallelRouteCitations } from './complaintRule.js';
import { coreSlots } from './facts.js';
import type { AssessmentSummary, Category, Context, SummaryCitation, Urgent } from './types.js';

export type { Reply, Suggestion } from './prompts.js';

/** `today` (the conversation's date, ISO) picks the rules in force, e.g. the 12315 procedure. */
export type RenderExtra = { message?: string; slots?: string[]; urgent?: Urgent[]; preview?: AssessmentSummary; today?: string };

/** Texts for the machine's `say*` actions. Pure: everything comes from the context. An unknown action is a bug: it throws. */
export function render(action: string, c: Context, extra: RenderExtra = {}): Reply[] {
  const zh = c.locale === 'zh';
  switch (action) {
    case 'sayWelcome':
      return [
        {
          text: msg('sayWelcome', c.locale),
          // Quick starts: the commonest disputes, one tap to the questions they need.
          suggestions: STARTERS.map((k) => ({ title: CATEGORY_LABELS[k][zh ? 'zh' : 'en'], value: k })),
        },
      ];
    case 'sayConsentThanks':
      return [{ text: msg('sayConsentThanks', c.locale) }];
    case 'sayConsentDeclined':
      return [
        {
          text: msg('sayConsentDeclined', c.locale),
        },
      ];
    case 'sayAskConsent':
      return [consentQuestion(zh, extra.slots?.length ? 'details' : 'case', extra.slots)];
    case 'sayConsentExplained':
      return [
        {
          text: msg('sayConsentExplained', c.locale),
        },
      ];
    case 'sayUnsureOk':
      return [{ text: msg('sayUnsureOk', c.locale) }];
    case 'sayConsentWithdrawn':
      return [
        {
          text: msg('sayConsentWithdrawn', c.locale),
        },
      ];
    case 'sayNothingKept':
      return [{ text: msg('sayNothingKept', c.locale) }];
    case 'sayNotKept':
      return [
        {
          text: msg('sayNotKept', c.locale),
        },
      ];
    case 'sayDetails':
      return [detailsReply(c, zh)];
    case 'sayUrgent':
      return urgentReplies(extra.urgent ?? [], zh);
    case 'sayPreview':
      return extra.preview ? [previewReply(c, zh, extra.preview)] : [];
    case 'sayAnythingElse':
      return [{ text: msg('sayAnythingElse', c.locale) }];
    case 'sayAskDescription':
      return [
        {
          text: msg('sayAskDescription', c.locale),
        },
      ];
    case 'sayChooseCategory':
      return [
        {
          text: msg('sayChooseCategory', c.locale),
          suggestions: categoryChoices(c, zh),
        },
      ];
    case 'sayChooseCategoryVague':
      return [
        {
          text: msg('sayChooseCategoryVague', c.locale),
          suggestions: categoryChoices(c, zh),
        },
      ];
    case 'sayAskSlot':
      return askSlot(c, zh);
    case 'sayFactsNoted':
      return [{ text: factsSummary(c, zh) }];
    case 'sayFactsUpdated':
      return [{ text: msg('sayFactsUpdated', c.locale) }];
    case 'sayAlreadyNoted':
      return [{ text: msg('sayAlreadyNoted', c.locale) }];
    case 'sayDontKnowHint':
      return [
        {
          text: c.awaiting?.kind === 'money' ? msg('sayDontKnowHint', c.locale) : msg('sayDontKnowHint2', c.locale),
        },
      ];
    case 'sayGoOnWithout':
      return [{ text: msg('sayGoOnWithout', c.locale) }];
    case 'sayAssessment':
    case 'sayAssessmentUpdated':
      return [assessmentReply(c, zh, action === 'sayAssessmentUpdated')];
    case 'sayCaseFiled':
      // Coming back needs the number and the phone on the case: ask for the phone only if it is not there yet.
      if (!c.caseNo) return [];
      return [
        {
          text: c.slots.phone ? msg('sayCaseFiledWithPhone', c.locale, { caseNo: c.caseNo }) : msg('sayCaseFiled', c.locale, { caseNo: c.caseNo }),
        },
      ];
    case 'sayAskEvidence':
      return [
        {
          text:
            msg('sayAskEvidence', c.locale) +
            Object.values(EVIDENCE_LABELS)
              .map((l) => `• ${l[zh ? 'zh' : 'en']}`)
              .join('\n'),
          suggestions: Object.entries(EVIDENCE_LABELS).map(([value, l]) => ({ title: l[zh ? 'zh' : 'en'], value })),
        },
      ];
    case 'sayEvidenceNoted':
      return [
        {
          text: msg('sayEvidenceNoted', c.locale, { list: c.evidence.map((e) => EVIDENCE_LABELS[e]?.[c.locale] ?? e).join(zh ? '、' : ', ') }),
        },
      ];
    case 'sayNoEvidenceYet':
      return [
        {
          text: msg('sayNoEvidenceYet', c.locale),
        },
      ];
    case 'saySellerMessage':
      return [
        { text: firstStep(c, zh) },
        { text: sellerMessage(c), citations: basisCitations(c).slice(0, 4) },
        outcomeQuestion(zh, msg('saySellerMessage', c.locale)),
      ];
    case 'sayPlatformRequest':
      return [
        {
          text: msg('sayPlatformRequest', c.locale),
        },
        { text: platformRequest(c), citations: [...basisCitations(c).slice(0, 4), ...PLATFORM_CITATIONS] },
        outcomeQuestion(zh, msg('sayPlatformRequest2', c.locale)),
      ];
    case 'sayExternalRoutes': {
      // The procedure in force today: the 2022 rule's articles only while it was (complaintRule.ts).
      const rule = complaintRuleOn(extra.today);
      const third = c.outcomes.some((o) => o.step === 'platform');
      const step = zh ? (third ? '第三步' : '第二步') : third ? 3 : 2;
      const routeKey =
        rule === 'replaced' ? 'externalRouteReplaced' : rule === 'interimWithRegulations' ? 'externalRouteInterimWithRegulations' : 'externalRouteInterim';
      const withItems = c.awaiting?.slot !== 'outcome';
      const items = withItems ? `\n${msg(rule === 'replaced' ? 'complaintItemsReplaced' : 'complaintItemsInterim', c.locale)}` : '';
      return [{ text: msg(routeKey, c.locale, { step }) + items, citations: externalRouteCitations(rule, withItems) }];
    }
    case 'sayComplaintStep': {
      if (c.awaiting?.slot === 'consent') return [consentQuestion(zh, 'complaint')];
      if (c.awaiting?.slot !== 'outcome') return askSlot(c, zh);
      const rule = complaintRuleOn(extra.today);
      const parallel = parallelRouteCitations(rule);
      return [
        { text: msg('sayComplaintStep', c.locale) },
        { text: complaint12315(c), citations: [...basisCitations(c), ...complaintTextCitations(rule)] },
        {
          text: msg(rule === 'replaced' ? 'parallelRoutesReplaced' : 'parallelRoutesInterim', c.locale),
          ...(parallel.length ? { citations: parallel } : {}),
        },
        outcomeQuestion(zh, msg('sayComplaintStep2', c.locale)),
      ];
    }
    case 'sayPartialOffer':
      return [outcomeQuestion(zh, msg('sayPartialOffer', c.locale))];
    case 'sayCourtRoute':
      return [
        {
          text: msg('sayCourtRoute', c.locale),
          citations: [{ law: '最高人民法院关于适用《民事诉讼法》的解释', article: '第二十条' }],
        },
      ];
    case 'sayResolved':
      return [
        {
          text: c.caseNo ? msg('sayResolvedCase', c.locale, { caseNo: c.caseNo }) : msg('sayResolved', c.locale),
        },
      ];
    case 'sayHandoff':
      return [
        {
          text: c.caseNo ? msg('sayHandoffCase', c.locale, { caseNo: c.caseNo }) : msg('sayHandoff', c.locale),
        },
      ];
    case 'sayHandoffPending':
      return [{ text: msg('sayHandoffPending', c.locale) }];
    case 'sayHandoffWithdrawn':
      return [{ text: msg('sayHandoffWithdrawn', c.locale) }];
    case 'sayAgentHandback':
      return [
        {
          text: msg('sayAgentHandback', c.locale),
        },
      ];
    case 'sayAgentClosed':
      return [
        {
          text: msg('sayAgentClosed', c.locale),
        },
      ];
    case 'sayWelcomeBack':
      return [{ text: msg('sayWelcomeBack', c.locale) }];
    case 'sayNoAgentFree':
      return [
        {
          text: c.caseNo ? msg('sayNoAgentFreeCase', c.locale, { caseNo: c.caseNo }) : msg('sayNoAgentFree', c.locale),
        },
      ];
    case 'sayRestarted':
      // An earlier case was closed by the same transition (the engine says so): a new story gets its own.
      return [{ text: msg('sayRestarted', c.locale) }];
    case 'sayCancelled':
      return [
        {
          text: c.caseNo ? msg('sayCancelledCase', c.locale, { caseNo: c.caseNo }) : msg('sayCancelled', c.locale),
        },
      ];
    case 'sayCancelledHint':
      return [
        {
          text: msg('sayCancelledHint', c.locale),
        },
      ];
    case 'sayChitchat':
      return [{ text: msg('sayChitchat', c.locale) }];
    case 'sayYouAreWelcome':
      return [{ text: msg('sayYouAreWelcome', c.locale) }];
    case 'sayWhoIAm':
      return [
        {
          text: msg('sayWhoIAm', c.locale),
        },
      ];
    case 'sayHello':
      return [{ text: msg('sayHello', c.locale) }];
    case 'sayUnclear':
      return [{ text: msg('sayUnclear', c.locale) }];
    case 'sayOfferHelp':
      return [
        {
          text: msg('sayOfferHelp', c.locale),
          suggestions: [
            ...(c.awaiting?.choices ?? []).slice(0, 4).map((v) => ({ title: choiceLabel(v, zh), value: v })),
            { title: msg('sayOfferHelp2', c.locale), value: '转人工' },
            { title: msg('sayOfferHelp3', c.locale), value: '重新开始' },
          ],
        },
      ];
    case 'sayInvalid':
      return [{ text: extra.message ?? msg('sayInvalid', c.locale) }];
    case 'sayBack':
      return [{ text: msg('sayBack', c.locale) }];
    case 'sayNothingToGoBackTo':
      return [{ text: msg('sayNothingToGoBackTo', c.locale) }];
    case 'sayReprompt':
      return reprompt(c, zh);
    default:
      throw new Error(`render: unknown action ${action}`);
  }
}

/** What is kept, why, for how long and how to delete it (个人信息保护法 第十三条、第十七条). */
function consentQuestion(zh: boolean, reason: 'case' | 'details' | 'complaint', slots?: string[]): Reply {
  const named = (slots ?? []).filter((s) => s in SLOT_LABELS).map((s) => SLOT_LABELS[s as keyof typeof SLOT_LABELS][zh ? 'zh' : 'en']);
  const why =
    reason === 'details'
      ? zh
        ? `你发了${named.join('、')}，我还没有保存。要保存`
        : `You sent your ${named.join(', ')}; it is not kept yet. To keep it`
      : reason === 'complaint'
        ? zh
          ? '12315 投诉要写你的姓名、电话和地址。要保存这些'
          : 'A 12315 complaint names you, with your phone and address. To keep these'
        : zh
          ? '要为你建案、之后凭编号接着办'
          : 'To file a case you can come back to';
  return {
    text: zh
      ? `${why}，需要你同意：保存的是这次纠纷的情况和你给的姓名、电话、地址、订单号，只用于这次维权（文书、投诉、转人工），案件办完后最多保存 180 天；随时说“撤回同意”，就从对话和案件里删去。不同意也照样帮你，只是不保存。同意吗？`
      : `${why} I need your consent: what is kept is this dispute and the name, phone, address and order number you give, used only for this case (letters, complaint, an agent) and kept at most 180 days after the case closes; say "withdraw consent" any time to have it removed from the conversation and the case. If you say no, you still get all the help. Do you agree?`,
    suggestions: [...yesNo(zh), { title: zh ? '先不决定' : 'Not now', value: 'unsure' }],
    citations: [
      { law: '个人信息保护法', article: '第十三条' },
      { law: '个人信息保护法', article: '第十七条' },
    ],
  };
}

function urgentReplies(kinds: Urgent[], zh: boolean): Reply[] {
  if (!kinds.length) return [];
  const steps = kinds.map((k) => URGENT_STEPS[k][zh ? 'zh' : 'en']);
  return [{ text: `${zh ? '【紧急】' : '[Urgent] '}${steps.join('\n')}` }];
}

const STARTERS: readonly Category[] = ['non_delivery', 'quality_defect', 'seven_day_return', 'counterfeit'];

/** At most this many citations shown with a reply (style: the rest expandable). */
export const SHOWN_CITATIONS = 3;

/** The first help on a story: the dispute type, what the law gives on what is known, and what is still missing. */
function previewReply(c: Context, zh: boolean, a: AssessmentSummary): Reply {
  const label = c.category ? CATEGORY_LABELS[c.category][zh ? 'zh' : 'en'] : '';
  const open = a.conclusions.filter((k) => k.status !== 'passed' && k.kind !== 'deadline');
  const shown = (open.length ? open : a.conclusions).slice(0, 2);
  const lines = shown.map((k) => `• ${k.title}${zh ? '：' : ': '}${k.text}`);
  const missing = (c.category ? coreSlots(c.category) : [])
    .filter((s) => c.slots[s] === undefined && !(c.slots.notKnown ?? []).includes(s))
    .map((s) => SLOT_LABELS[s][zh ? 'zh' : 'en']);
  const head = zh ? `初步判断：这属于「${label}」。按目前知道的情况：` : `First look: this is "${label}". On what I know so far:`;
  const tail = missing.length
    ? zh
      ? `还差${missing.slice(0, 2).join('、')}，知道了就能算出具体金额和期限。`
      : `Still missing: ${missing.slice(0, 2).join(', ')}; with these I can work out the exact amounts and deadlines.`
    : '';
  const cites = unique(shown.flatMap((k) => k.citations)).slice(0, SHOWN_CITATIONS);
  return { text: [head, ...lines, tail].filter(Boolean).join('\n'), citations: cites };
}

/** Step 1 in the words of the dispute: a charge goes to the payment provider, a prepaid card to the shop. */
function firstStep(c: Context, zh: boolean): string {
  if (c.category === 'unauthorized_payment') {
    return zh
      ? '第一步：马上联系支付平台客服（或银行），说明这笔支付不是你本人授权的，要求冻结账户、追回款项。可以这样写：'
      : 'Step 1: contact the payment provider (or your bank) at once: say you did not authorise the payment and ask them to freeze the account and recover the money. You can write (in Chinese):';
  }
  if (c.category === 'prepaid_service' && !c.slots.platform) {
    return zh
      ? '第一步：找商家（门店或负责人）协商退费。可以把下面这段话发给对方：'
      : 'Step 1: ask the business (the shop or its owner) for a refund. You can send this text (in Chinese):';
  }
  return zh
    ? '第一步：和商家协商。可以把下面这段话发给商家（在订单页的售后或聊天窗口）：'
    : "Step 1: negotiate with the seller. You can send this text, in Chinese, in the order's after-sales or chat window:";
}

function factsSummary(c: Context, zh: boolean): string {
  const s = c.slots;
  const items: string[] = [];
  if (c.category) items.push(`${zh ? '问题类型' : 'Type'}: ${CATEGORY_LABELS[c.category][zh ? 'zh' : 'en']}`);
  if (s.platform) items.push(`${zh ? '平台' : 'Platform'}: ${s.platform}`);
  if (s.sellerType) items.push(`${zh ? '卖家' : 'Seller'}: ${SELLER_TYPE_LABELS[s.sellerType][zh ? 'zh' : 'en']}`);
  if (s.product) items.push(`${zh ? '商品' : 'Product'}: ${s.product}`);
  const charged = c.category === 'unauthorized_payment';
  const paidLabel = charged ? (zh ? '被扣金额' : 'Charged') : c.category === 'prepaid_service' ? (zh ? '预付' : 'Prepaid') : zh ? '实付' : 'Paid';
  if (s.amountFen !== undefined) items.push(`${paidLabel}: ${formatYuan(s.amountFen)}`);
  if (s.orderDate) items.push(`${charged ? (zh ? '扣款' : 'Charged on') : zh ? '下单' : 'Ordered'}: ${formatDate(s.orderDate, zh ? 'zh' : 'en')}`);
  if (s.receivedDate) items.push(`${zh ? '签收' : 'Received'}: ${formatDate(s.receivedDate, zh ? 'zh' : 'en')}`);
  if (s.problem) items.push(`${zh ? '问题' : 'Problem'}: ${s.problem}`);
  if (s.sellerResponse) items.push(`${zh ? '商家答复' : 'Seller said'}: ${s.sellerResponse}`);
  const colon = (item: string) => (zh ? item.replace(': ', '：') : item);
  return `${zh ? '我整理了一下你说的情况（有不对的直接告诉我，比如“不对，是11月3号收到的”）：' : 'Here is what I understood (correct me any time, e.g. "no, it arrived on Nov 3"):'}\n${items.map((i) => `• ${colon(i)}`).join('\n')}`;
}

/** At most this many conclusions in the assessment reply (a phone screen); the rest behind 详细依据. */
export const SHOWN_CONCLUSIONS = 3;

/**
 * The assessment, conclusion first: the first conclusions in the rules' order (what the dispute is about before
 * the general clocks), without the articles inline; every conclusion with its articles is behind 详细依据.
 */
function assessmentReply(c: Context, zh: boolean, updated: boolean): Reply {
  const a = c.assessment;
  if (!a) return { text: '' };
  // An update shows what it changed; the rest of the assessment stands as given before.
  const relevant = updated && a.changed?.length ? a.conclusions.filter((k) => a.changed?.includes(k.id)) : a.conclusions;
  const shown = pickShown(relevant);
  const head = updated ? msg('assessmentUpdatedHead', c.locale) : '';
  const lines = shown.map((k) => `• ${k.title}${zh ? '：' : ': '}${k.text}`);
  const hidden = a.conclusions.length - shown.length;
  const more =
    updated && relevant.length < a.conclusions.length
      ? msg(relevant.length > shown.length ? 'assessmentUpdatedMore' : 'assessmentUpdatedRest', c.locale, { count: relevant.length - shown.length })
      : hidden > 0
        ? msg('assessmentMore', c.locale, { count: hidden })
        : msg('assessmentAllShown', c.locale);
  const tail = msg('legalInformation', c.locale);
  // A serious case (an injury, a personal-information leak, a large amount) is worth a person's attention.
  const serious = updated ? '' : seriousNote(c, zh);
  const citations = shownCitations(shown);
  return { text: [head, ...lines, more, serious, tail].filter(Boolean).join('\n'), citations, suggestions: [detailsAction(zh)] };
}

/** Conclusions every consumer case gets (the seller answers, three years to sue, the 12315 rule): after the specific ones. */
const GENERAL = (id: string) => id === 'liability-seller' || id === 'limitation-general' || id.startsWith('complaint-');

/**
 * The conclusions a phone shows: those about this dispute before the general ones every case gets, one of each
 * kind first (what you get, what you can demand, by when, who answers for it, what to watch), then filled up;
 * shown in the rules' order.
 */
function pickShown<K extends { id: string; kind: string }>(conclusions: K[]): K[] {
  const picked: K[] = [];
  const kinds = new Set<string>();
  const take = (k: K) => {
    if (picked.length >= SHOWN_CONCLUSIONS || picked.includes(k)) return;
    picked.push(k);
    kinds.add(k.kind);
  };
  for (const general of [false, true]) {
    const group = conclusions.filter((k) => GENERAL(k.id) === general);
    for (const k of group) if (!kinds.has(k.kind)) take(k);
    for (const k of group) take(k);
  }
  return conclusions.filter((k) => picked.includes(k));
}

/** How periods are counted (民法典 第二百零一至二百零三条) supports a date, not the answer: shown last. */
const COUNTING_RULES = new Set(['民法典|第二百零一条', '民法典|第二百零二条', '民法典|第二百零三条']);

/** The cards under the reply: each shown conclusion's own articles in turn (its first, then its second, …), counting rules last. */
function shownCitations(shown: { citations: SummaryCitation[] }[]) {
  const counting = (x: { law: string; article: string }) => COUNTING_RULES.has(`${x.law}|${x.article}`);
  // A replaced rule is cited, marked as replaced, only in the details (a bare card would read as current).
  const lists = shown.map((k) => {
    const current = k.citations.filter((x) => !x.superseded).map((x) => ({ law: x.law, article: x.article }));
    return [...current.filter((x) => !counting(x)), ...current.filter(counting)];
  });
  const depth = Math.max(0, ...lists.map((l) => l.length));
  const inTurn = Array.from({ length: depth }, (_v, i) => lists.flatMap((l) => (l[i] ? [l[i]] : []))).flat();
  const all = unique(inTurn);
  return [...all.filter((x) => !counting(x)), ...all.filter(counting)].slice(0, SHOWN_CITATIONS);
}

export function detailsAction(zh: boolean) {
  return { title: zh ? '详细依据' : 'Details', value: 'details' };
}

/** Everything the assessment says, each conclusion with its articles: what 详细依据 opens. */
function detailsReply(c: Context, zh: boolean): Reply {
  const a = c.assessment;
  if (!a) return { text: zh ? '还没有可以展开的分析。先说说发生了什么吧。' : 'There is no assessment to expand yet. Tell me what happened first.' };
  const name = (x: SummaryCitation) => `《${x.law}》${x.article}${replacedNote(x, zh)}`;
  const cite = (k: (typeof a.conclusions)[number]) => k.citations.map(name).join(zh ? '、' : ', ');
  const lines = a.conclusions.map((k) =>
    zh ? `• ${k.title}：${k.text}${k.citations.length ? `（${cite(k)}）` : ''}` : `• ${k.title}: ${k.text}${k.citations.length ? ` (${cite(k)})` : ''}`,
  );
  const details = a.conclusions.map((k) => ({
    title: k.title,
    text: k.text,
    citations: k.citations.map((x) => ({ law: x.law, article: x.article, ...(x.superseded ? { note: replacedNote(x, zh).trim() } : {}) })),
  }));
  const citations = a.citations.filter((x) => !x.superseded).map((x) => ({ law: x.law, article: x.article }));
  return { text: [zh ? '完整的分析和每一条依据：' : 'The full assessment and every article:', ...lines].join('\n'), citations, details };
}

/** A replaced rule says so wherever it is named: its version and the day it was replaced. */
function replacedNote(x: SummaryCitation, zh: boolean): string {
  if (!x.superseded) return '';
  const version = x.version ? (zh ? `${x.version.slice(0, 4)} 年版，` : `${x.version.slice(0, 4)} text, `) : '';
  return zh ? `（${version}已于 ${x.superseded.on} 被取代）` : ` (${version}replaced on ${x.superseded.on})`;
}

/** ¥5,000 and up counts as a large amount. */
const SERIOUS_AMOUNT_FEN = 500_000;

function seriousNote(c: Context, zh: boolean): string {
  const why =
    c.slots.injured || c.category === 'product_injury'
      ? zh
        ? '涉及人身伤害'
        : 'it involves an injury'
      : c.category === 'personal_info'
        ? zh
          ? '涉及个人信息泄露'
          : 'it involves leaked personal information'
        : (c.slots.amountFen ?? 0) >= SERIOUS_AMOUNT_FEN
          ? zh
            ? '涉及金额较大'
            : 'a large amount is at stake'
          : '';
  if (!why) return '';
  return zh ? `这件事${why}，随时说“转人工”，客服会接手跟进。` : `Because ${why}, you can say "talk to a person" at any time and an agent will take it over.`;
}

function unique(citations: { law: string; article: string }[]): { law: string; article: string }[] {
  return [...new Map(citations.map((c) => [`${c.law}|${c.article}`, c])).values()];
}

export { STEP_LABELS };
