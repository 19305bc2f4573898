import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 化妆品致过敏 / 不良反应: adverse reactions from normal use are reported to the monitoring body, which sellers
 * must also do (化妆品监督管理条例 第五十二条); harm caused by a breach of the regulation is compensated
 * (第七十六条); the registrant recalls products that may harm health (第四十四条). Injury claims themselves run
 * through `productInjury`; opened cosmetics are not returnable without reason (七日无理由退货暂行办法 第九条).
 */
export function cosmeticsReaction(_f: Facts): Conclusion[] {
  return [
    {
      id: 'cosmetics-reaction-steps',
      kind: 'remedy',
      title: '先停用、就医，保留证据并报告不良反应',
      titleEn: 'Stop using it, see a doctor, keep evidence, report the reaction',
      text: '出现红肿、刺痛、皮疹等反应，先停用并就医，保留病历、诊断和票据，以及产品、包装、批号和购买记录。正常使用化妆品引起的皮肤或身体损害属于化妆品不良反应：经营者和医疗机构发现的应当报告，你也可以向药品监督管理部门或化妆品不良反应监测机构反映；产品可能危害健康的，注册人、备案人应当召回。',
      textEn: 'If you get redness, stinging or a rash, stop using it and see a doctor; keep the medical records, diagnosis and receipts, and the product, packaging, batch number and purchase record. Skin or bodily harm from normal use is a cosmetics adverse reaction: sellers and hospitals that learn of it must report it, and you can report it to the drug regulator or the adverse-reaction monitoring body; a product that may harm health must be recalled by its registrant.',
      citations: cite('cosmetics', '第五十二条', '第四十四条'),
    },
    {
      id: 'cosmetics-reaction-claim',
      kind: 'remedy',
      title: '可以要求退款并赔偿医疗费等损失',
      titleEn: 'Claim a refund and your medical costs',
      text: '化妆品不符合质量安全要求、造成人身损害的，依法承担赔偿责任：可以要求退货退款，并赔偿医疗费、误工费等损失。已拆封的化妆品一般不能七日无理由退货，但质量问题或致害不受此限。是假货或成分与标示不符的，还可以主张欺诈三倍赔偿。',
      textEn: 'A cosmetic that falls short of quality and safety requirements and harms you must be compensated: you can return it for a refund and claim medical costs, lost income and other losses. Opened cosmetics generally cannot be returned without reason, but that does not limit claims for defects or harm. If it is fake or its ingredients are not as labelled, you can also claim triple damages for fraud.',
      citations: [...cite('cosmetics', '第七十六条'), ...cite('sevenDayRules', '第九条'), ...cite('consumer', '第五十五条')],
    },
  ];
}
