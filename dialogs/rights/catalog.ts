import type { Urgent } from './types.js';

/**
 * Bot strings that are not a `say*` rendering of the machine: the engine's own notices (evidence
 * received, follow-ups, a reset conversation) and the consent and urgent texts. Every entry has its
 * Chinese and its English; `msg()` picks by the conversation's language.
 */
type Entry = { zh: string; en: string };
type Vars = Record<string, string | number>;

const CATALOG = {
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
