import { addMonthsPeriod } from '../addMonthsPeriod.js';
import { describeDue, dueFields } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 消保法 第二十三条第三款: six months from receiving the decoration service. */
const DECORATION_BURDEN_MONTHS = 6;

/**
 * 装修 / 家政 / 培训 and other services. Work done to order (装修, 定作, 修理) is 承揽 (民法典 第七百七十条): bad work
 * gives repair, redoing, a lower price or damages (第七百八十一条), and the customer may end the contract before
 * the work is finished, paying the contractor's loss (第七百八十七条). For decoration the business must disprove
 * a flaw found within six months of receiving the service (消保法 第二十三条第三款); lying about labour or
 * materials, cutting corners or adding charges is fraud (处罚办法 第十三条第（一）项, 第十六条). Prepaid courses
 * and memberships are `prepaidService`'s.
 */
export function serviceContract(f: Facts): Conclusion[] {
  return [workRemedies, ...decorationBurden(f), servicePractices];
}

const workRemedies: Conclusion = {
  id: 'service-work-remedies',
  kind: 'remedy',
  title: '服务质量不合格：修理、重作、减价或赔偿',
  titleEn: 'Bad work: repair, redo, a lower price or damages',
  text: '经营者应当保证服务具有应有的质量，并与宣传、约定的一致。装修、定作、修理等按你的要求完成工作的，交付的成果不符合质量要求，你可以合理选择要求修理、重作、减少报酬或者赔偿损失；工作完成前你也可以随时解除合同，但要赔偿对方因此受到的损失。',
  textEn: 'A business must provide services of the quality they should have and as advertised or agreed. For work done to your order (renovation, custom-making, repairs), if the result falls short you may reasonably choose repair, redoing, a lower price or damages; you may also end the contract at any time before the work is finished, compensating the other side’s loss.',
  citations: [...cite('consumer', '第二十三条'), ...cite('civil', '第七百七十条', '第七百八十一条', '第七百八十七条')],
};

function decorationBurden(f: Facts): Conclusion[] {
  const received = f.input.receivedDate;
  const base = { id: 'service-decoration-burden', title: '装修六个月内由经营者举证', titleEn: 'Renovation: the business’s burden of proof for six months' };
  if (!received) {
    return [
      {
        ...base,
        kind: 'remedy',
        text: '装饰装修服务，自你接受服务（完工交付）之日起六个月内发现瑕疵、发生争议的，由经营者承担有关瑕疵的举证责任。告诉我完工交付的日期，就能算出截止日。',
        textEn: 'For decoration and renovation, a flaw found within six months of receiving the service (handover) and disputed is for the business to disprove. Tell me the handover date and I can work out the last day.',
        citations: cite('consumer', '第二十三条'),
      },
    ];
  }
  const due = describeDue(f.today, addMonthsPeriod(received, DECORATION_BURDEN_MONTHS, f.calendar, false));
  const open = due.status !== 'passed';
  return [
    {
      ...base,
      kind: 'deadline',
      ...dueFields(due),
      text:
        `装饰装修服务，自接受服务之日（${formatDateShort(received)}）起六个月内发现瑕疵、发生争议的，由经营者承担举证责任；` +
        (open ? `这一期间到 ${due.dateZh}，${due.statusZh}。` : `这一期间已于 ${due.dateZh} 结束（${due.statusZh}），此后发现的瑕疵一般需要你举证，仍可以要求修理、重作或赔偿。`),
      textEn:
        `For decoration and renovation, a flaw found within six months of receiving the service (${received}) and disputed is for the business to disprove; ` +
        (open ? `that period runs until ${due.dateEn} (${due.statusEn}).` : `that period ended on ${due.dateEn} (${due.statusEn}); for flaws found later you will generally have to prove them, and you can still demand repair, redoing or damages.`),
      citations: [...cite('consumer', '第二十三条'), ...cite('civil', '第二百零一条', '第二百零二条')],
    },
  ];
}

const servicePractices: Conclusion = {
  id: 'service-fraud-practices',
  kind: 'warning',
  title: '偷工减料、谎报用料、中介造假属于欺诈',
  titleEn: 'Cutting corners, false materials claims, fake agency information: fraud',
  text: '装修、修理、安装等服务中谎报用工用料，偷换或使用不合格、与约定不符的材料，偷工减料或加收费用的，以及家政、租房等中介提供虚假信息或者串通欺骗的，属于欺诈，你可以要求退一赔三（最低 500 元）。请保留合同、报价单、材料照片和验收记录。',
  textEn: 'In renovation, repair or installation, lying about labour or materials, swapping in substandard or non-agreed materials, cutting corners or adding charges, and, for housekeeping or rental agencies, giving false information or colluding to deceive, is fraud: you can claim a refund plus three times the price (at least ¥500). Keep the contract, the quotation, photos of the materials and the acceptance record.',
  citations: [...cite('penalties', '第十三条', '第十六条'), ...cite('consumer', '第五十五条')],
};
