import type { Urgent } from './types.js';

/**
 * Bot strings that are not a `say*` rendering of the machine: the engine's own notices (evidence
 * received, follow-ups, a reset conversation) and the consent and urgent texts. Every entry has its
 * Chinese and its English; `msg()` picks by the conversation's language.
 */
type Entry = { zh: string; en: string };
type Vars = Record<string, string | number>;

export const CATALOG = {
  snapshotReset: { zh: '抱歉，之前的对话无法继续，我们重新开始。', en: 'Sorry, I could not continue our earlier conversation, so we are starting again.' },
  followUpNeedPhone: {
    zh: '请把案件编号 {caseNo} 和建案时留的手机号一起发给我，我核对后帮你接着处理。',
    en: 'Please send the case number {caseNo} together with the phone number you gave on the case, so I can check it is yours.',
  },
  followUpNotFound: {
    zh: '没有找到编号和手机号都对得上的案件，请核对后再试，或者说“转人工”。',
    en: 'I found no case with that number and phone; please check them, or ask for a person.',
  },
  followUpFound: { zh: '找到了案件 {caseNo}，我们从上次的进度继续。', en: 'Found case {caseNo}; let us continue from where it stands.' },
  evidenceReceived: {
    zh: '已收到 {count} 个证据文件：{list}。文件已按内容指纹（SHA-256）保存{where}。原件也请自己留好。',
    en: 'Received {count} evidence file(s): {list}. Stored by content fingerprint (SHA-256){where}. Keep the originals too.',
  },
  evidenceFiledTo: { zh: '，并记入案件 {caseNo} 的证据', en: ' and added to case {caseNo}' },
  evidenceLater: { zh: '，建案后会记入案件证据', en: '; it will be added to your case once it is filed' },
  caseClosedForNew: {
    zh: '之前的案件 {caseNo} 已关闭，记录仍然保留；新的问题会另建案件。',
    en: 'Your earlier case {caseNo} is closed and its record kept; a new problem gets a case of its own.',
  },
  // 12315, by the procedure in force (complaintRule.ts). {step} is 第二步 / 第三步 or 2 / 3.
  externalRouteInterim: {
    zh: '{step}：向市场监督管理部门投诉（全国 12315 平台网站、App 或拨打 12315）。收到投诉后 7 个工作日内决定是否受理；受理后调解最长 45 个工作日（《市场监督管理投诉举报处理暂行办法》第十四条、第二十一条）。',
    en: 'Step {step}: complain to the market regulator (the national 12315 website or app, or call 12315). It decides within 7 working days whether to accept the complaint, and mediation lasts at most 45 working days (暂行办法 Art. 14, 21).',
  },
  externalRouteInterimWithRegulations: {
    zh: '{step}：向市场监督管理部门投诉（全国 12315 平台网站、App 或拨打 12315）。收到投诉后 7 个工作日内决定是否受理（《市场监督管理投诉举报处理暂行办法》第十四条）；受理后双方同意调解的，60 日内调解完毕（《消费者权益保护法实施条例》第四十六条）。',
    en: 'Step {step}: complain to the market regulator (the national 12315 website or app, or call 12315). It decides within 7 working days whether to accept the complaint (暂行办法 Art. 14); once accepted, if both sides agree to mediate, mediation is completed within 60 days (消费者权益保护法实施条例 Art. 46).',
  },
  externalRouteReplaced: {
    zh: '{step}：向市场监督管理部门投诉（全国 12315 平台网站、App 或拨打 12315）。收到投诉后 7 个工作日内予以处理并告知你；受理后双方同意调解的，60 日内调解完毕（《消费者权益保护法实施条例》第四十六条）。投诉程序自 2026 年 4 月 15 日起按《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号），其条文本助手尚未收录，细节以 12315 平台的说明为准。',
    en: 'Step {step}: complain to the market regulator (the national 12315 website or app, or call 12315). It must deal with the complaint and tell you within 7 working days, and once accepted, if both sides agree to mediate, mediation is completed within 60 days (消费者权益保护法实施条例 Art. 46). Since 2026-04-15 the procedure follows the Measures for Handling Market-Regulation Complaints and Reports (SAMR Order No. 121), whose text this assistant does not hold yet: the 12315 platform’s guidance is what counts.',
  },
  complaintItemsInterim: {
    zh: '投诉必须写明投诉人的姓名、电话、通信地址，被投诉人的名称、地址，以及具体诉求和事实（第九条）。我问几项，帮你把投诉内容写完整；不方便提供的说“跳过”。',
    en: 'A complaint must give your name, phone and mailing address, the seller\'s name and address, your request and the facts (Art. 9). A few questions and I will write it out in full; say "skip" for anything you would rather not give.',
  },
  complaintItemsReplaced: {
    zh: '投诉要提供真实身份信息，有明确的被投诉人、具体的投诉请求和事实依据（实施条例第四十六条）；可按 2022 年暂行办法列出的事项准备：你的姓名、电话、通信地址，被投诉人的名称、地址。我问几项，帮你把投诉内容写完整；不方便提供的说“跳过”。',
    en: 'A complaint gives your real identity, a clear respondent, a specific request and the facts (Regulations Art. 46); prepare the items the 2022 interim rule listed: your name, phone and mailing address, and the seller\'s name and address. A few questions and I will write it out in full; say "skip" for anything you would rather not give.',
  },
  parallelRoutesInterim: {
    zh: '也可以同时向当地消费者协会申请调解，但同一纠纷已由一方受理的，另一方可能不再受理（暂行办法第十五条）。商家售假、价格欺诈等违法的，还可以另行“举报”。仲裁只有在双方有仲裁协议时才能申请。',
    en: 'You can also ask the local consumer association to mediate, but once one body has taken up the dispute the other may decline it (Art. 15). If the seller broke the law (fakes, price fraud), you can also file a separate report (举报). Arbitration needs an arbitration agreement.',
  },
  parallelRoutesReplaced: {
    zh: '也可以向当地消费者协会申请调解。按 2022 年暂行办法，同一纠纷已由消协等受理过的，12315 不予受理；新办法是否相同尚待核对，最好先选一处。商家售假、价格欺诈等违法的，还可以另行“举报”。仲裁只有在双方有仲裁协议时才能申请。',
    en: 'You can also ask the local consumer association to mediate. Under the 2022 interim rule, 12315 refused a dispute another body had already taken up; whether the new rule is the same is not yet checked, so pick one first. If the seller broke the law (fakes, price fraud), you can also file a separate report (举报). Arbitration needs an arbitration agreement.',
  },
  // The assessment reply (wording.ts): conclusion first, the rest behind 详细依据.
  assessmentUpdatedHead: { zh: '根据更正后的信息，重新计算如下：', en: 'Recalculated with the corrected facts:' },
  assessmentMore: {
    zh: '另有 {count} 条结论和每一条法律依据，点“详细依据”查看。',
    en: '{count} more conclusion(s) and every article: tap "Details".',
  },
  assessmentAllShown: { zh: '每一条法律依据，点“详细依据”查看。', en: 'Every article behind this: tap "Details".' },
  assessmentUpdatedMore: {
    zh: '另有 {count} 条结论也有变化，点“详细依据”查看；其余结论不变。',
    en: '{count} more conclusion(s) changed too (tap "Details"); everything else stands.',
  },
  assessmentUpdatedRest: { zh: '其余结论不变。', en: 'Everything else stands.' },
  legalInformation: { zh: '以上是法律信息，不是律师的法律意见。', en: "This is legal information, not a lawyer's advice." },
  // The machine's say* replies (wording.ts), keyed by action; a second text of one action gets a suffix.
  sayWelcome: {
    zh: '你好，我是维权助手。说说遇到了什么问题（在哪买的、买了什么、出了什么事），我马上告诉你法律给你的权利、金额和期限，以及下一步怎么做。\n这是法律信息，不是律师的法律意见；不需要你的姓名或电话。',
    en: "Hi, I am Weiquan, a consumer-rights assistant. Tell me what went wrong (where you bought what, and what happened) and I will tell you at once what the law gives you, with amounts and deadlines, and what to do next.\nThis is legal information, not a lawyer's advice; I do not need your name or phone number.",
  },
  sayConsentThanks: { zh: '好的，已记下你的同意。随时说“撤回同意”就不再保存。', en: 'Thank you, consent noted. Say "withdraw consent" any time to stop.' },
  sayConsentDeclined: {
    zh: '好的，不保存你的个人信息。分析、步骤和文书照常给你，姓名、电话等处留【…】由你自己填；法律问题随时问。想建案时说“同意”。',
    en: 'Understood: nothing that identifies you is kept. The assessment, the steps and the letters stay available, with 【…】 where your name or phone would go; ask legal questions any time. Say "I agree" if you want a case filed.',
  },
  sayConsentExplained: {
    zh: '不同意也没关系：帮助一样给你，只是不建案、不保存能认出你的信息。同意的话，保存的内容只用于这次维权，随时说“撤回同意”，就从对话和案件里删去能认出你的信息。',
    en: 'If you say no, you still get all the help; only no case is filed and nothing identifying is kept. If you agree, it is used only for this case and removed from the conversation and the case whenever you say "withdraw consent".',
  },
  sayUnsureOk: { zh: '没关系，想好了再说。', en: 'No problem, take your time.' },
  sayConsentWithdrawn: {
    zh: '已撤回同意：你的姓名、电话、地址、订单号和店铺名称已从对话和案件记录中去掉，之后不再保存。帮助照常继续。',
    en: 'Consent withdrawn: your name, phone, address, order number and shop name are removed from the conversation and the case record, and nothing identifying is kept from now on. The help goes on as before.',
  },
  sayNothingKept: { zh: '好的。我没有保存能认出你的信息，之后也不会保存。', en: 'OK. Nothing that identifies you is stored, and none will be.' },
  sayNotKept: {
    zh: '你没有同意保存个人信息，所以刚才的姓名、电话、地址或订单号我没有记下；文书里这些地方留【…】给你填。想保存就说“同意”。',
    en: 'You have not agreed to store personal details, so the name, phone, address or order number you just sent was not kept; the letters leave 【…】 for them. Say "I agree" to have them kept.',
  },
  sayAnythingElse: { zh: '还有什么想问的，直接说就行。', en: 'Anything else? Just ask.' },
  sayAskDescription: {
    zh: '请说说发生了什么：在哪个平台买了什么、花了多少钱、什么时候收到、出了什么问题、商家怎么说的。一句话说全也可以。',
    en: 'Tell me what happened: what you bought on which platform, how much you paid, when it arrived, what went wrong and what the seller said. One message is fine.',
  },
  sayChooseCategory: {
    zh: '你遇到的是下面哪种情况？都不是的话，换个说法描述一下也行。',
    en: 'Which of these is closest to what happened? If none fits, just describe it another way.',
  },
  sayChooseCategoryVague: {
    zh: '我还没弄清是哪类问题。是下面哪种情况？也可以再具体说说，比如“在淘宝买的鞋是假货”“快递一直没收到”。',
    en: 'I cannot tell the kind of problem yet. Is it one of these? Or say more, e.g. "the shoes I bought on Taobao are fake" or "the parcel never arrived".',
  },
  sayFactsUpdated: { zh: '好的，已经记下，案件记录也更新了。', en: 'Noted; your case record is updated.' },
  sayAlreadyNoted: { zh: '这些我已经记下了。', en: 'I have that already.' },
  sayDontKnowHint: {
    zh: '没关系。订单详情里的“实付款”就是；记个大概也行，比如“三百左右”。',
    en: 'No problem. It is the "amount paid" on the order page; a rough figure is fine too.',
  },
  sayDontKnowHint2: {
    zh: '没关系，记个大概就行，比如“半个月前”“上周五”。订单详情的物流信息里也能查到签收时间。',
    en: 'No problem, a rough date is fine, e.g. "two weeks ago" or "last Friday". The delivery record on the order page shows the exact date.',
  },
  sayGoOnWithout: { zh: '好的，这一项先空着，不影响我们继续。', en: 'OK, we will go on without it.' },
  sayAskEvidence: {
    zh: '先把证据保存好，越早越好。下面这些你手里有哪些？（可以多选，直接说“有订单截图和聊天记录”）\n',
    en: 'Keep your evidence first, the sooner the better. Which of these do you have? (Several are fine, e.g. "order screenshot and chat records")\n',
  },
  sayNoEvidenceYet: {
    zh: '没关系。趁订单页、商品页和聊天记录还在，尽快截图保存，之后用得上。',
    en: 'No problem. Take screenshots of the order, the listing and the chat while they are still there; you will need them.',
  },
  saySellerMessage: { zh: '商家怎么答复的？', en: 'How did the seller reply?' },
  sayPlatformRequest: {
    zh: '第二步：申请平台介入（订单页“申请客服介入”或平台客服）。可以这样写：',
    en: 'Step 2: ask the platform to intervene ("申请客服介入" on the order page, or platform customer service). You can write (in Chinese):',
  },
  sayPlatformRequest2: { zh: '平台处理得怎么样？', en: 'What did the platform do?' },
  sayComplaintStep: { zh: '投诉内容可以这样填：', en: 'The complaint can read (in Chinese):' },
  sayComplaintStep2: { zh: '投诉或调解的结果如何？', en: 'How did the complaint or mediation go?' },
  sayPartialOffer: {
    zh: '只给一部分补偿的话，接不接受由你决定：接受就选“商家同意了 / 已解决”，不接受就选“被拒绝了”，我们接着走下一步。',
    en: 'If they offer only part of it, it is your call: pick "they agreed" to accept, or "they refused" to go on to the next step.',
  },
  sayCourtRoute: {
    zh: '仍未解决的，可以起诉。网购合同纠纷可以向被告住所地或合同履行地法院起诉；通过快递收货的，收货地视为合同履行地（《最高人民法院关于适用〈民事诉讼法〉的解释》第二十条）。金额不大的可以适用小额诉讼程序；北京、广州、杭州的互联网法院可以全程在线审理网购纠纷。',
    en: "If it is still unresolved you can sue: at the defendant's domicile or where the contract was performed, which for courier deliveries is the delivery address (SPC interpretation of the Civil Procedure Law, Art. 20). Small claims procedure applies to small amounts; the internet courts of Beijing, Guangzhou and Hangzhou hear online-shopping cases entirely online.",
  },
  sayHandoffPending: { zh: '已经在为你转接人工客服了，请稍候，不需要重复申请。', en: 'You are already in the queue for a person; no need to ask again.' },
  sayHandoffWithdrawn: { zh: '好的，不转人工了，我们接着来。', en: 'OK, no transfer; let us carry on.' },
  sayAgentHandback: {
    zh: '人工客服已把对话交还给我（维权助手），我们接着处理。',
    en: 'The agent has handed the conversation back to me, the assistant; let us carry on.',
  },
  sayAgentClosed: {
    zh: '本次人工服务已结束，谢谢你的耐心。还有问题的话直接留言，维权助手会接着帮你。',
    en: 'The agent has closed this conversation; thank you for your patience. If anything else comes up, just write and the assistant will carry on.',
  },
  sayWelcomeBack: { zh: '欢迎回来，我是维权助手，我们从上次的进度继续。', en: 'Welcome back; this is the assistant again, continuing from where we were.' },
  sayRestarted: { zh: '好的，我们重新开始，之前说的情况都不算了。', en: 'OK, let us start over; I have set aside what you told me before.' },
  sayCancelledHint: {
    zh: '这次维权已经取消了。想重新开始就说“重新开始”，也可以直接问我法律问题。',
    en: 'This case is cancelled. Say "start over" to begin again, or ask me a legal question.',
  },
  sayChitchat: { zh: '好嘞，我们接着说。', en: 'OK, back to your case.' },
  sayYouAreWelcome: { zh: '不客气！', en: 'You are welcome!' },
  sayWhoIAm: {
    zh: '我是维权助手，一个程序，不是真人；需要真人时说“转人工”。',
    en: 'I am Weiquan, a program, not a person; say "talk to a person" if you need one.',
  },
  sayHello: { zh: '你好！', en: 'Hello!' },
  sayUnclear: { zh: '抱歉，我没太明白。', en: 'Sorry, I did not quite get that.' },
  sayOfferHelp: { zh: '我还是没理解。你可以选下面的一项，或者转人工客服：', en: 'I still did not understand. Pick one of these, or talk to a person:' },
  sayOfferHelp2: { zh: '转人工', en: 'Talk to a person' },
  sayOfferHelp3: { zh: '重新开始', en: 'Start over' },
  sayInvalid: { zh: '这个信息好像不对，请再确认一下。', en: 'That does not look right; please check it.' },
  sayBack: { zh: '好的，回到上一步。', en: 'OK, back one step.' },
  sayNothingToGoBackTo: { zh: '已经是第一步了。', en: 'This is already the first step.' },
  sayCaseFiledWithPhone: {
    zh: '已为你建立案件，编号 {caseNo}。之后回来报上编号和手机号，就能从当前进度继续。',
    en: 'Your case is filed as {caseNo}. Come back with this number and your phone number to continue from where it stands.',
  },
  sayCaseFiled: {
    zh: '已为你建立案件，编号 {caseNo}。想以后凭编号接着办，随时把手机号发给我就行（用来核对是你本人）。',
    en: 'Your case is filed as {caseNo}. To pick it up later by its number, send me your phone number any time (it proves the case is yours).',
  },
  sayEvidenceNoted: { zh: '已记录证据：{list}。', en: 'Evidence noted: {list}.' },
  sayResolved: {
    zh: '很高兴问题解决了。如果商家没有兑现，随时回来告诉我。',
    en: 'Glad it is solved. If the seller does not follow through, come back any time.',
  },
  sayResolvedCase: {
    zh: '很高兴问题解决了，案件 {caseNo} 已标记为已解决。如果商家没有兑现，随时回来告诉我。',
    en: 'Glad it is solved; case {caseNo} is marked resolved. If the seller does not follow through, come back any time.',
  },
  sayHandoff: {
    zh: '好的，正在为你转接人工客服，客服会看到我们的对话和案件记录，请稍候。',
    en: 'Connecting you to a person; they will see our conversation and your case record. Please wait.',
  },
  sayHandoffCase: {
    zh: '好的，正在为你转接人工客服（案件编号 {caseNo}），客服会看到我们的对话和案件记录，请稍候。',
    en: 'Connecting you to a person (case {caseNo}); they will see our conversation and your case record. Please wait.',
  },
  sayNoAgentFree: {
    zh: '抱歉，现在没有客服能接待。你可以留下手机号，客服有空时联系你；也可以说“不用人工了”，继续和我办理。',
    en: 'Sorry, no agent is free right now. You can leave a phone number for an agent to call you back, or say "no need for a person" to carry on with me.',
  },
  sayNoAgentFreeCase: {
    zh: '抱歉，现在没有客服能接待（案件 {caseNo} 已标记为“等待人工”）。你可以留下手机号，客服有空时联系你；也可以说“不用人工了”，继续和我办理。',
    en: 'Sorry, no agent is free right now (case {caseNo} is marked "awaiting agent"). You can leave a phone number for an agent to call you back, or say "no need for a person" to carry on with me.',
  },
  sayCancelled: { zh: '已取消。需要时说“重新开始”，或直接问我法律问题。', en: 'Cancelled. Say "start over" when you need me, or ask a legal question.' },
  sayCancelledCase: {
    zh: '已取消，案件 {caseNo} 已关闭。需要时说“重新开始”，或直接问我法律问题。',
    en: 'Cancelled; case {caseNo} is closed. Say "start over" when you need me, or ask a legal question.',
  },
  caseSetAsideForNew: {
    zh: '好的，这是另一个问题，我另建一个案件。之前的案件 {caseNo} 原样保留，随时发案件编号和手机号就能接着处理。',
    en: 'OK, that is a different problem, so it gets a case of its own. Your case {caseNo} is kept as it is; send its number and your phone any time to continue it.',
  },
  // A value a model proposed is used only after the user says yes (money and deadlines are never guessed).
  confirmAmountFen: { zh: '我理解的金额是 {value}，对吗？', en: 'Is the amount {value}?' },
  confirmOrderDate: { zh: '我理解的是 {value} 下单的，对吗？', en: 'Did you order on {value}?' },
  confirmReceivedDate: { zh: '我理解的是 {value} 签收的，对吗？', en: 'Did you receive it on {value}?' },
  confirmOpenedPackageYes: { zh: '我理解的是商品已经拆封了，对吗？', en: 'So you have opened the package?' },
  confirmOpenedPackageNo: { zh: '我理解的是商品还没有拆封，对吗？', en: 'So the package is still unopened?' },
  confirmIsFoodYes: { zh: '我理解的是这是食品，对吗？', en: 'So this is food?' },
  confirmIsFoodNo: { zh: '我理解的是这不是食品，对吗？', en: 'So this is not food?' },
  confirmInjuredYes: { zh: '我理解的是有人因此受伤或身体不适了，对吗？', en: 'So someone was hurt or fell ill because of it?' },
  confirmInjuredNo: { zh: '我理解的是没有人受伤，对吗？', en: 'So nobody was hurt?' },
  confirmYes: { zh: '对', en: 'Yes' },
  confirmNo: { zh: '不对', en: 'No' },
  confirmDeclined: { zh: '好的，那就不按这个算。', en: 'OK, I will not use that.' },
  dataErased: {
    zh: '已删除你的信息：对话记录、证据文件，以及案件里的姓名、电话、地址、订单号和你的描述都已删去；只保留不能认出你的统计（纠纷类型、金额、日期、处理进度）。帮助照常继续。',
    en: 'Your data is deleted: the conversation history, evidence files, and the name, phone, address, order number and your own words on the case. Only statistics that cannot identify you are kept (dispute type, amounts, dates, progress). The help goes on.',
  },
  dataExport: {
    zh: '可以导出你在这里的全部信息（JSON）：对话记录、案件记录{caseNo}和证据文件清单。网页对话里点“导出我的信息”即可下载（接口：GET /v3/directline/conversations/{conversationId}/my-data）。想删除的话，说“删除我的信息”。',
    en: 'You can export everything held about you here (JSON): the conversation, the case record{caseNo} and the list of evidence files. In the web chat, choose "Export my data" (API: GET /v3/directline/conversations/{conversationId}/my-data). To delete it, say "delete my data".',
  },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof CATALOG;

export function msg(key: MessageKey, locale: 'zh' | 'en', vars: Vars = {}): string {
  return CATALOG[key][locale].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));
}

/** What the chat input's placeholder says while a fact is awaited, so the user knows what to type. */
const PLACEHOLDERS: Record<string, Entry> = {
  money: { zh: '输入金额，如 299', en: 'Amount, e.g. 299' },
  date: { zh: '输入日期，如 11月3日、前天', en: 'A date, e.g. Nov 3 or two days ago' },
  consent: { zh: '回复“同意”或“不同意”', en: 'Reply "yes" or "no"' },
  description: { zh: '说说发生了什么，如“京东买的手机屏幕坏了”', en: 'What happened, e.g. "the phone I bought on JD has a broken screen"' },
  evidence: { zh: '有哪些证据，如“订单截图和聊天记录”', en: 'Which evidence, e.g. "order screenshot and chat"' },
  outcome: { zh: '结果如何，如“商家拒绝了”', en: 'How it went, e.g. "they refused"' },
  phone: { zh: '输入手机号', en: 'Your mobile number' },
  text: { zh: '输入回答', en: 'Type your answer' },
};

export function placeholderFor(awaiting: { slot: string; kind: string } | undefined, locale: 'zh' | 'en'): string | undefined {
  if (!awaiting) return undefined;
  const entry = PLACEHOLDERS[awaiting.slot] ?? PLACEHOLDERS[awaiting.kind];
  return entry?.[locale];
}

/** What to do right now, per urgent situation: short imperative steps, before anything else. */
export const URGENT_STEPS: Record<Urgent, Entry> = {
  scam_in_progress: {
    zh: '先停下：马上挂断电话，不要再回拨。任何验证码、密码都不要告诉任何人，正规客服绝不会索要；不要转账、不要下载对方让装的 App、不要开屏幕共享。已经给过验证码或付过钱的，立即拨打 110 报警（96110 是反诈咨询专线），并打银行卡背面的客服电话冻结账户。',
    en: 'Stop now: hang up and do not call back. Never give anyone a verification code or password; real customer service never asks for one. Do not transfer money, install an app they name, or share your screen. If you already gave a code or paid, call 110 (the police; 96110 is the anti-fraud line) and the hotline on the back of your bank card to freeze the account.',
  },
  unauthorized_payment: {
    zh: '先止损：立即打银行卡背面的客服电话（或在支付宝 / 微信支付里）冻结账户、挂失、对这笔扣款提出争议；改掉支付密码，关掉免密支付。怀疑被盗刷的，拨打 110 报警并保留报警回执。',
    en: 'Stop the loss first: call the hotline on the back of your bank card (or use Alipay / WeChat Pay) to freeze the account, report the card and dispute the charge; change your payment password and turn off password-free payments. If it looks like theft, call 110 and keep the police receipt.',
  },
  injury: {
    zh: '先就医：受伤的话先去医院处理，保留病历、诊断证明和医疗费票据。出问题的商品不要扔、不要再用，拍照保存。',
    en: 'Medical care first: get the injury treated and keep the medical records, diagnosis and receipts. Do not throw the product away or use it again; photograph it.',
  },
  food_poisoning: {
    zh: '先就医：有呕吐、腹泻、发烧等症状的，尽快就医并说明吃了什么，保留病历和票据。剩下的食物和包装密封保存，不要扔。',
    en: 'See a doctor first: with vomiting, diarrhoea or fever, get medical help soon and say what you ate; keep the records and receipts. Seal and keep the leftover food and its packaging.',
  },
  threat: {
    zh: '人身安全第一：受到威胁、骚扰或恐吓的，立即拨打 110 报警。聊天记录、通话录音、截图都保存好，不要和对方私下见面。',
    en: 'Your safety first: if you are threatened, harassed or intimidated, call 110 now. Keep the chat logs, call recordings and screenshots, and do not meet them in person.',
  },
};
