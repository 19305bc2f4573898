import type { Locale } from './types.js';

const zh = {
  title: '维权助手',
  subtitle: '网购维权 · 法律信息',
  open: '打开维权助手对话',
  close: '关闭对话窗口',
  log: '对话记录',
  inputLabel: '输入消息',
  placeholder: '说说发生了什么…',
  send: '发送',
  attach: '上传证据（图片、PDF 或短视频）',
  typing: '维权助手正在输入',
  you: '我',
  bot: '维权助手',
  agent: (name: string) => `人工客服 ${name}：`,
  connecting: '正在连接…',
  offline: '暂时连不上服务器，正在重试…',
  refused: '维权助手暂时不能在这个网页上使用',
  retryNow: '立即重试',
  retrying: (seconds: number) => `${seconds} 秒后重试`,
  sendFailed: '发送失败，连接恢复后会自动重发',
  datePick: '选择日期',
  dateSend: '确定日期',
  moneyLabel: '金额（元）',
  moneySend: '确定金额',
  formatDate: (y: number, m: number, d: number) => `${y}年${m}月${d}日`,
  formatMoney: (amount: string) => `${amount}元`,
  uploading: (name: string) => `正在上传 ${name}`,
  uploaded: (name: string) => `已上传 ${name}`,
  tooLarge: (limit: string) => `文件太大${limit ? `（上限 ${limit}）` : ''}，请压缩后再试`,
  badType: '只能上传图片（JPG、PNG、GIF、WebP）、PDF 或短视频（MP4、MOV、WebM）',
  uploadFailed: '上传失败，请稍后再试',
  citation: '法条',
  showQuote: '展开条文',
  hideQuote: '收起条文',
  version: (date: string) => `版本：${date}`,
  moreCitations: (n: number) => `另有 ${n} 条法条`,
  disclaimer: '提供法律信息，不构成律师意见',
  newChat: '新对话',
  newChatLabel: '结束当前对话并开始新对话',
};

const en: typeof zh = {
  title: 'Weiquan',
  subtitle: 'Online shopping rights · legal information',
  open: 'Open the Weiquan chat',
  close: 'Close the chat window',
  log: 'Conversation',
  inputLabel: 'Type a message',
  placeholder: 'Tell me what happened…',
  send: 'Send',
  attach: 'Upload evidence (image, PDF or short video)',
  typing: 'Weiquan is typing',
  you: 'You',
  bot: 'Weiquan',
  agent: (name: string) => `${name} (agent):`,
  connecting: 'Connecting…',
  offline: 'Cannot reach the server; retrying…',
  refused: 'Weiquan is not available on this page for now',
  retryNow: 'Retry now',
  retrying: (seconds: number) => `retrying in ${seconds} s`,
  sendFailed: 'Not sent yet; it will be sent when the connection is back',
  datePick: 'Pick a date',
  dateSend: 'Use this date',
  moneyLabel: 'Amount (yuan)',
  moneySend: 'Use this amount',
  formatDate: (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  formatMoney: (amount: string) => `${amount} yuan`,
  uploading: (name: string) => `Uploading ${name}`,
  uploaded: (name: string) => `Uploaded ${name}`,
  tooLarge: (limit: string) => `The file is too large${limit ? ` (limit ${limit})` : ''}; please compress it and try again`,
  badType: 'Only images (JPG, PNG, GIF, WebP), PDF or short videos (MP4, MOV, WebM) can be uploaded',
  uploadFailed: 'The upload failed; please try again later',
  citation: 'Law',
  showQuote: 'Show the article',
  hideQuote: 'Hide the article',
  version: (date: string) => `Version: ${date}`,
  moreCitations: (n: number) => `${n} more articles`,
  disclaimer: 'Legal information, not a lawyer’s advice',
  newChat: 'New chat',
  newChatLabel: 'End this conversation and start a new one',
};

export type Strings = typeof zh;

export const strings = (locale: Locale): Strings => (locale === 'en' ? en : zh);

/** `data-locale` wins; otherwise the browser's first language, Chinese unless it is English. */
export function pickLocale(attribute: string | null | undefined, languages: readonly string[]): Locale {
  const wanted = (attribute ?? '').toLowerCase();
  if (wanted.startsWith('en')) return 'en';
  if (wanted.startsWith('zh')) return 'zh';
  const first = (languages[0] ?? '').toLowerCase();
  return first.startsWith('en') ? 'en' : 'zh';
}
