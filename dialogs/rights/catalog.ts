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
