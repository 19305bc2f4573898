import { CATEGORY_LABELS, EVIDENCE_LABELS, SELLER_TYPE_LABELS, SLOT_LABELS, STEP_LABELS, formatDate, formatYuan } from './labels.js';
import { PLATFORM_CITATIONS, basisCitations, complaint12315, platformRequest, sellerMessage } from './letters.js';
import { askSlot, categoryChoices, choiceLabel, outcomeQuestion, reprompt, yesNo, type Reply } from './prompts.js';
import { URGENT_STEPS, msg } from './catalog.js';
import { complaintRuleOn, complaintTextCitations, externalRouteCitations, parallelRouteCitations } from './complaintRule.js';
import { coreSlots } from './facts.js';
import type { AssessmentSummary, Category, Context, Urgent } from './types.js';

export type { Reply, Suggestion } from './prompts.js';

/** `today` (the conversation's date, ISO) picks the rules in force, e.g. the 12315 procedure. */
export type RenderExtra = { message?: string; slots?: string[]; urgent?: Urgent[]; preview?: AssessmentSummary; today?: string };

/** Texts for the machine's `say*` actions. Pure: everything comes from the context. An unknown action is a bug: it throws. */
export function render(action: string, c: Context, extra: RenderExtra = {}): Reply[] {
  const zh = c.locale === 'zh';
  const t = (cn: string, en: string) => (zh ? cn : en);
  switch (action) {
    case 'sayWelcome':
      return [
        {
          text: t(
            '你好，我是维权助手。说说遇到了什么问题（在哪买的、买了什么、出了什么事），我马上告诉你法律给你的权利、金额和期限，以及下一步怎么做。\n这是法律信息，不是律师的法律意见；不需要你的姓名或电话。',
            "Hi, I am Weiquan, a consumer-rights assistant. Tell me what went wrong (where you bought what, and what happened) and I will tell you at once what the law gives you, with amounts and deadlines, and what to do next.\nThis is legal information, not a lawyer's advice; I do not need your name or phone number.",
          ),
          // Quick starts: the commonest disputes, one tap to the questions they need.
          suggestions: STARTERS.map((k) => ({ title: CATEGORY_LABELS[k][zh ? 'zh' : 'en'], value: k })),
        },
      ];
    case 'sayConsentThanks':
      return [{ text: t('好的，已记下你的同意。随时说“撤回同意”就不再保存。', 'Thank you, consent noted. Say "withdraw consent" any time to stop.') }];
    case 'sayConsentDeclined':
      return [
        {
          text: t(
            '好的，不保存你的个人信息。分析、步骤和文书照常给你，姓名、电话等处留【…】由你自己填；法律问题随时问。想建案时说“同意”。',
            'Understood: nothing that identifies you is kept. The assessment, the steps and the letters stay available, with 【…】 where your name or phone would go; ask legal questions any time. Say "I agree" if you want a case filed.',
          ),
        },
      ];
    case 'sayAskConsent':
      return [consentQuestion(zh, extra.slots?.length ? 'details' : 'case', extra.slots)];
    case 'sayConsentExplained':
      return [
        {
          text: t(
            '不同意也没关系：帮助一样给你，只是不建案、不保存能认出你的信息。同意的话，保存的内容只用于这次维权，随时说“撤回同意”，就从对话和案件里删去能认出你的信息。',
            'If you say no, you still get all the help; only no case is filed and nothing identifying is kept. If you agree, it is used only for this case and removed from the conversation and the case whenever you say "withdraw consent".',
          ),
        },
      ];
    case 'sayUnsureOk':
      return [{ text: t('没关系，想好了再说。', 'No problem, take your time.') }];
    case 'sayConsentWithdrawn':
      return [
        {
          text: t(
            '已撤回同意：你的姓名、电话、地址、订单号和店铺名称已从对话和案件记录中去掉，之后不再保存。帮助照常继续。',
            'Consent withdrawn: your name, phone, address, order number and shop name are removed from the conversation and the case record, and nothing identifying is kept from now on. The help goes on as before.',
          ),
        },
      ];
    case 'sayNothingKept':
      return [{ text: t('好的。我没有保存能认出你的信息，之后也不会保存。', 'OK. Nothing that identifies you is stored, and none will be.') }];
    case 'sayNotKept':
      return [
        {
          text: t(
            '你没有同意保存个人信息，所以刚才的姓名、电话、地址或订单号我没有记下；文书里这些地方留【…】给你填。想保存就说“同意”。',
            'You have not agreed to store personal details, so the name, phone, address or order number you just sent was not kept; the letters leave 【…】 for them. Say "I agree" to have them kept.',
          ),
        },
      ];
    case 'sayDetails':
      return [detailsReply(c, zh)];
    case 'sayUrgent':
      return urgentReplies(extra.urgent ?? [], zh);
    case 'sayPreview':
      return extra.preview ? [previewReply(c, zh, extra.preview)] : [];
    case 'sayAnythingElse':
      return [{ text: t('还有什么想问的，直接说就行。', 'Anything else? Just ask.') }];
    case 'sayAskDescription':
      return [
        {
          text: t(
            '请说说发生了什么：在哪个平台买了什么、花了多少钱、什么时候收到、出了什么问题、商家怎么说的。一句话说全也可以。',
            'Tell me what happened: what you bought on which platform, how much you paid, when it arrived, what went wrong and what the seller said. One message is fine.',
          ),
        },
      ];
    case 'sayChooseCategory':
      return [
        {
          text: t(
            '你遇到的是下面哪种情况？都不是的话，换个说法描述一下也行。',
            'Which of these is closest to what happened? If none fits, just describe it another way.',
          ),
          suggestions: categoryChoices(c, zh),
        },
      ];
    case 'sayChooseCategoryVague':
      return [
        {
          text: t(
            '我还没弄清是哪类问题。是下面哪种情况？也可以再具体说说，比如“在淘宝买的鞋是假货”“快递一直没收到”。',
            'I cannot tell the kind of problem yet. Is it one of these? Or say more, e.g. "the shoes I bought on Taobao are fake" or "the parcel never arrived".',
          ),
          suggestions: categoryChoices(c, zh),
        },
      ];
    case 'sayAskSlot':
      return askSlot(c, zh);
    case 'sayFactsNoted':
      return [{ text: factsSummary(c, zh) }];
    case 'sayFactsUpdated':
      return [{ text: t('好的，已经记下，案件记录也更新了。', 'Noted; your case record is updated.') }];
    case 'sayAlreadyNoted':
      return [{ text: t('这些我已经记下了。', 'I have that already.') }];
    case 'sayDontKnowHint':
      return [
        {
          text:
            c.awaiting?.kind === 'money'
              ? t(
                  '没关系。订单详情里的“实付款”就是；记个大概也行，比如“三百左右”。',
                  'No problem. It is the "amount paid" on the order page; a rough figure is fine too.',
                )
              : t(
                  '没关系，记个大概就行，比如“半个月前”“上周五”。订单详情的物流信息里也能查到签收时间。',
                  'No problem, a rough date is fine, e.g. "two weeks ago" or "last Friday". The delivery record on the order page shows the exact date.',
                ),
        },
      ];
    case 'sayGoOnWithout':
      return [{ text: t('好的，这一项先空着，不影响我们继续。', 'OK, we will go on without it.') }];
    case 'sayAssessment':
    case 'sayAssessmentUpdated':
      return [assessmentReply(c, zh, action === 'sayAssessmentUpdated')];
    case 'sayCaseFiled':
      // Coming back needs the number and the phone on the case: ask for the phone only if it is not there yet.
      if (!c.caseNo) return [];
      return [
        {
          text: c.slots.phone
            ? t(
                `已为你建立案件，编号 ${c.caseNo}。之后回来报上编号和手机号，就能从当前进度继续。`,
                `Your case is filed as ${c.caseNo}. Come back with this number and your phone number to continue from where it stands.`,
              )
            : t(
                `已为你建立案件，编号 ${c.caseNo}。想以后凭编号接着办，随时把手机号发给我就行（用来核对是你本人）。`,
                `Your case is filed as ${c.caseNo}. To pick it up later by its number, send me your phone number any time (it proves the case is yours).`,
              ),
        },
      ];
    case 'sayAskEvidence':
      return [
        {
          text:
            t(
              '先把证据保存好，越早越好。下面这些你手里有哪些？（可以多选，直接说“有订单截图和聊天记录”）\n',
              'Keep your evidence first, the sooner the better. Which of these do you have? (Several are fine, e.g. "order screenshot and chat records")\n',
            ) +
            Object.values(EVIDENCE_LABELS)
              .map((l) => `• ${l[zh ? 'zh' : 'en']}`)
              .join('\n'),
          suggestions: Object.entries(EVIDENCE_LABELS).map(([value, l]) => ({ title: l[zh ? 'zh' : 'en'], value })),
        },
      ];
    case 'sayEvidenceNoted':
      return [
        {
          text: t(
            `已记录证据：${c.evidence.map((e) => EVIDENCE_LABELS[e]?.zh ?? e).join('、')}。`,
            `Evidence noted: ${c.evidence.map((e) => EVIDENCE_LABELS[e]?.en ?? e).join(', ')}.`,
          ),
        },
      ];
    case 'sayNoEvidenceYet':
      return [
        {
          text: t(
            '没关系。趁订单页、商品页和聊天记录还在，尽快截图保存，之后用得上。',
            'No problem. Take screenshots of the order, the listing and the chat while they are still there; you will need them.',
          ),
        },
      ];
    case 'saySellerMessage':
      return [
        { text: firstStep(c, zh) },
        { text: sellerMessage(c), citations: basisCitations(c).slice(0, 4) },
        outcomeQuestion(zh, t('商家怎么答复的？', 'How did the seller reply?')),
      ];
    case 'sayPlatformRequest':
      return [
        {
          text: t(
            '第二步：申请平台介入（订单页“申请客服介入”或平台客服）。可以这样写：',
            'Step 2: ask the platform to intervene ("申请客服介入" on the order page, or platform customer service). You can write (in Chinese):',
          ),
        },
        { text: platformRequest(c), citations: [...basisCitations(c).slice(0, 4), ...PLATFORM_CITATIONS] },
        outcomeQuestion(zh, t('平台处理得怎么样？', 'What did the platform do?')),
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
        { text: t('投诉内容可以这样填：', 'The complaint can read (in Chinese):') },
        { text: complaint12315(c), citations: [...basisCitations(c), ...complaintTextCitations(rule)] },
        {
          text: msg(rule === 'replaced' ? 'parallelRoutesReplaced' : 'parallelRoutesInterim', c.locale),
          ...(parallel.length ? { citations: parallel } : {}),
        },
        outcomeQuestion(zh, t('投诉或调解的结果如何？', 'How did the complaint or mediation go?')),
      ];
    }
    case 'sayPartialOffer':
      return [
        outcomeQuestion(
          zh,
          t(
            '只给一部分补偿的话，接不接受由你决定：接受就选“商家同意了 / 已解决”，不接受就选“被拒绝了”，我们接着走下一步。',
            'If they offer only part of it, it is your call: pick "they agreed" to accept, or "they refused" to go on to the next step.',
          ),
        ),
      ];
    case 'sayCourtRoute':
      return [
        {
          text: t(
            '仍未解决的，可以起诉。网购合同纠纷可以向被告住所地或合同履行地法院起诉；通过快递收货的，收货地视为合同履行地（《最高人民法院关于适用〈民事诉讼法〉的解释》第二十条）。金额不大的可以适用小额诉讼程序；北京、广州、杭州的互联网法院可以全程在线审理网购纠纷。',
            "If it is still unresolved you can sue: at the defendant's domicile or where the contract was performed, which for courier deliveries is the delivery address (SPC interpretation of the Civil Procedure Law, Art. 20). Small claims procedure applies to small amounts; the internet courts of Beijing, Guangzhou and Hangzhou hear online-shopping cases entirely online.",
          ),
          citations: [{ law: '最高人民法院关于适用《民事诉讼法》的解释', article: '第二十条' }],
        },
      ];
    case 'sayResolved':
      return [
        {
          text: t(
            `很高兴问题解决了${c.caseNo ? `，案件 ${c.caseNo} 已标记为已解决` : ''}。如果商家没有兑现，随时回来告诉我。`,
            `Glad it is solved${c.caseNo ? `; case ${c.caseNo} is marked resolved` : ''}. If the seller does not follow through, come back any time.`,
          ),
        },
      ];
    case 'sayHandoff':
      return [
        {
          text: t(
            `好的，正在为你转接人工客服${c.caseNo ? `（案件编号 ${c.caseNo}）` : ''}，客服会看到我们的对话和案件记录，请稍候。`,
            `Connecting you to a person${c.caseNo ? ` (case ${c.caseNo})` : ''}; they will see our conversation and your case record. Please wait.`,
          ),
        },
      ];
    case 'sayHandoffPending':
      return [{ text: t('已经在为你转接人工客服了，请稍候，不需要重复申请。', 'You are already in the queue for a person; no need to ask again.') }];
    case 'sayHandoffWithdrawn':
      return [{ text: t('好的，不转人工了，我们接着来。', 'OK, no transfer; let us carry on.') }];
    case 'sayAgentHandback':
      return [
        {
          text: t('人工客服已把对话交还给我（维权助手），我们接着处理。', 'The agent has handed the conversation back to me, the assistant; let us carry on.'),
        },
      ];
    case 'sayAgentClosed':
      return [
        {
          text: t(
            '本次人工服务已结束，谢谢你的耐心。还有问题的话直接留言，维权助手会接着帮你。',
            'The agent has closed this conversation; thank you for your patience. If anything else comes up, just write and the assistant will carry on.',
          ),
        },
      ];
    case 'sayWelcomeBack':
      return [{ text: t('欢迎回来，我是维权助手，我们从上次的进度继续。', 'Welcome back; this is the assistant again, continuing from where we were.') }];
    case 'sayNoAgentFree':
      return [
        {
          text: t(
            `抱歉，现在没有客服能接待${c.caseNo ? `（案件 ${c.caseNo} 已标记为“等待人工”）` : ''}。你可以留下手机号，客服有空时联系你；也可以说“不用人工了”，继续和我办理。`,
            `Sorry, no agent is free right now${c.caseNo ? ` (case ${c.caseNo} is marked "awaiting agent")` : ''}. You can leave a phone number for an agent to call you back, or say "no need for a person" to carry on with me.`,
          ),
        },
      ];
    case 'sayRestarted':
      // An earlier case was closed by the same transition (the engine says so): a new story gets its own.
      return [{ text: t('好的，我们重新开始，之前说的情况都不算了。', 'OK, let us start over; I have set aside what you told me before.') }];
    case 'sayCancelled':
      return [
        {
          text: t(
            `已取消${c.caseNo ? `，案件 ${c.caseNo} 已关闭` : ''}。需要时说“重新开始”，或直接问我法律问题。`,
            `Cancelled${c.caseNo ? `; case ${c.caseNo} is closed` : ''}. Say "start over" when you need me, or ask a legal question.`,
          ),
        },
      ];
    case 'sayCancelledHint':
      return [
        {
          text: t(
            '这次维权已经取消了。想重新开始就说“重新开始”，也可以直接问我法律问题。',
            'This case is cancelled. Say "start over" to begin again, or ask me a legal question.',
          ),
        },
      ];
    case 'sayChitchat':
      return [{ text: t('好嘞，我们接着说。', 'OK, back to your case.') }];
    case 'sayYouAreWelcome':
      return [{ text: t('不客气！', 'You are welcome!') }];
    case 'sayWhoIAm':
      return [
        {
          text: t('我是维权助手，一个程序，不是真人；需要真人时说“转人工”。', 'I am Weiquan, a program, not a person; say "talk to a person" if you need one.'),
        },
      ];
    case 'sayHello':
      return [{ text: t('你好！', 'Hello!') }];
    case 'sayUnclear':
      return [{ text: t('抱歉，我没太明白。', 'Sorry, I did not quite get that.') }];
    case 'sayOfferHelp':
      return [
        {
          text: t('我还是没理解。你可以选下面的一项，或者转人工客服：', 'I still did not understand. Pick one of these, or talk to a person:'),
          suggestions: [
            ...(c.awaiting?.choices ?? []).slice(0, 4).map((v) => ({ title: choiceLabel(v, zh), value: v })),
            { title: t('转人工', 'Talk to a person'), value: '转人工' },
            { title: t('重新开始', 'Start over'), value: '重新开始' },
          ],
        },
      ];
    case 'sayInvalid':
      return [{ text: extra.message ?? t('这个信息好像不对，请再确认一下。', 'That does not look right; please check it.') }];
    case 'sayBack':
      return [{ text: t('好的，回到上一步。', 'OK, back one step.') }];
    case 'sayNothingToGoBackTo':
      return [{ text: t('已经是第一步了。', 'This is already the first step.') }];
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
      ? `${why}，需要你同意：保存的是这次纠纷的情况和你给的姓名、电话、地址、订单号，只用于这次维权（文书、投诉、转人工），保存到这件事办完；随时说“撤回同意”，就从对话和案件里删去。不同意也照样帮你，只是不保存。同意吗？`
      : `${why} I need your consent: what is kept is this dispute and the name, phone, address and order number you give, used only for this case (letters, complaint, an agent) and kept while the case is open; say "withdraw consent" any time to have it removed from the conversation and the case. If you say no, you still get all the help. Do you agree?`,
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

function assessmentReply(c: Context, zh: boolean, updated: boolean): Reply {
  const a = c.assessment;
  if (!a) return { text: '' };
  // An update shows what it changed; the rest of the assessment stands as given before.
  const shown = updated && a.changed?.length ? a.conclusions.filter((k) => a.changed?.includes(k.id)) : a.conclusions;
  const head = updated
    ? zh
      ? '根据更正后的信息，重新计算如下：'
      : 'Recalculated with the corrected facts:'
    : zh
      ? '按照法律规定，你的情况是这样的：'
      : 'Here is what the law gives you:';
  const rest = shown.length < a.conclusions.length ? (zh ? '其余结论不变。' : 'Everything else stands.') : '';
  const cite = (k: (typeof a.conclusions)[number]) => k.citations.map((x) => `《${x.law}》${x.article}`).join(zh ? '、' : ', ');
  const lines = shown.map((k) =>
    zh ? `• ${k.title}：${k.text}${k.citations.length ? `（${cite(k)}）` : ''}` : `• ${k.title}: ${k.text}${k.citations.length ? ` (${cite(k)})` : ''}`,
  );
  const tail = zh ? '以上是法律信息，不是律师的法律意见。' : "This is legal information, not a lawyer's advice.";
  // A serious case (an injury, a personal-information leak, a large amount) is worth a person's attention.
  const serious = updated ? '' : seriousNote(c, zh);
  const citations = shown === a.conclusions ? a.citations : unique(shown.flatMap((k) => k.citations));
  return { text: [head, ...lines, rest, serious, tail].filter(Boolean).join('\n'), citations, suggestions: [detailsAction(zh)] };
}

export function detailsAction(zh: boolean) {
  return { title: zh ? '详细依据' : 'Details', value: 'details' };
}

/** Everything the assessment says, each conclusion with its articles: what 详细依据 opens. */
function detailsReply(c: Context, zh: boolean): Reply {
  const a = c.assessment;
  if (!a) return { text: zh ? '还没有可以展开的分析。先说说发生了什么吧。' : 'There is no assessment to expand yet. Tell me what happened first.' };
  const cite = (k: (typeof a.conclusions)[number]) => k.citations.map((x) => `《${x.law}》${x.article}`).join(zh ? '、' : ', ');
  const lines = a.conclusions.map((k) =>
    zh ? `• ${k.title}：${k.text}${k.citations.length ? `（${cite(k)}）` : ''}` : `• ${k.title}: ${k.text}${k.citations.length ? ` (${cite(k)})` : ''}`,
  );
  return { text: [zh ? '完整的分析和每一条依据：' : 'The full assessment and every article:', ...lines].join('\n'), citations: a.citations };
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
