import type { Bilingual } from './planAudit.js';

/** The six parts 5.2 requires, each recognised by the words of a heading (or, for time limits, of the text under it). */
export const REQUIRED_PARTS: { id: string; name: Bilingual; heading: RegExp }[] = [
  {
    id: 'general',
    name: { zh: '预案总则（制定目的、适用范围、制定依据）', en: 'general provisions (purpose, scope, basis)' },
    heading: /总则|目的|适用范围|制定依据|编制依据/,
  },
  {
    id: 'measures',
    name: { zh: '消费者权益保护措施', en: 'consumer-protection measures' },
    heading: /保护措施|保障措施|保护制度/,
  },
  { id: 'flow', name: { zh: '维权流程（途径、流程及时限）', en: 'the rights-protection flow (channels, steps, time limits)' }, heading: /流程|程序|途径/ },
  { id: 'emergency', name: { zh: '应急预案（突发情况的应对措施）', en: 'emergency procedures for sudden situations' }, heading: /应急|突发|事件处置/ },
  { id: 'duties', name: { zh: '责任与分工', en: 'responsibilities and division of work' }, heading: /职责|分工/ },
  { id: 'supervision', name: { zh: '预案执行与监督', en: 'execution and supervision of the plan' }, heading: /执行|监督|评估|复核/ },
];

/** Words that state a time limit: 七日内, 十五日, 48小时, 三个工作日, 期限, 时限. */
export const TIME_LIMIT = /时限|期限|[一二三四五六七八九十百\d]+\s*(个)?(工作日|日|天|小时|个月)(内|起|之内)?/;

/**
 * Deadlines a plan states against the law. Each fires only when the sentence states the deadline
 * (`states`) with the wrong start or unit (`wrong`) and the article we hold still says `lawSays`.
 */
export const DEADLINE_RULES: {
  id: string;
  states: RegExp;
  wrong: RegExp;
  law: string;
  article: string;
  lawSays: RegExp;
  problem: Bilingual;
  fix: Bilingual;
}[] = [
  {
    id: 'seven-day-start',
    states: /(七|7)\s*(日|天).{0,12}(无理由)?退(货|换)|无理由退货/,
    wrong: /(下单|订单|购买|付款|支付|成交|订购|拍下)(之?日|之?时|后|起)(?![^，。；]{0,10}(收到|签收|收货))/,
    law: '消费者权益保护法',
    article: '第二十五条',
    lawSays: /自收到商品之日起七日内退货/,
    problem: {
      zh: '七日无理由退货的期限从下单（付款）起算，与法律不符：',
      en: 'The 7-day no-reason return is counted from the order (payment) date, against the law',
    },
    fix: {
      zh: '改为“自收到商品之日起七日内”，签收次日起算。',
      en: 'Count it from receipt of the goods ("自收到商品之日起七日内"), starting the day after delivery.',
    },
  },
  {
    id: 'seven-day-unit',
    states: /无理由退货/,
    wrong: /(七|7)\s*个?工作日/,
    law: '消费者权益保护法',
    article: '第二十五条',
    lawSays: /自收到商品之日起七日内退货/,
    problem: { zh: '七日无理由退货按工作日计算，与法律不符：', en: 'The 7-day no-reason return is counted in working days, against the law' },
    fix: { zh: '改为七个自然日（自收到商品之日起七日内）。', en: 'Count seven calendar days from receipt.' },
  },
  {
    id: 'refund-after-return',
    states: /退(回|货).{0,12}(退款|返还)|(退款|返还).{0,8}价款/,
    wrong: /(十五|15|三十|30|十|10)\s*(个工作日|日|天)内?(退款|返还)/,
    law: '消费者权益保护法',
    article: '第二十五条',
    lawSays: /自收到退回商品之日起七日内返还消费者支付的商品价款/,
    problem: { zh: '退货后退款的期限写得比法律长：', en: 'The refund after a return is given a longer time than the law allows' },
    fix: { zh: '改为“自收到退回商品之日起七日内”返还价款。', en: 'Refund within seven days of receiving the returned goods.' },
  },
];
