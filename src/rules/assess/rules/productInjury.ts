import { formatFen } from '../../../../dialogs/money.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 消保法 第五十五条第二款: punitive damages of up to twice the loss. */
const PUNITIVE_LOSS_MULTIPLIER = 2;

/**
 * Injury from a defective product: tort liability of producer and seller (民法典 第一千二百零二、一千二百零三条;
 * 产品质量法 第四十一条至第四十四条), and punitive damages where the defect was known (民法典 第一千二百零七条,
 * 消保法 第五十五条第二款, both for death or serious damage to health). Tort law binds anyone, so this also runs
 * for private sellers; the 消保法 parts are added only where consumer law applies.
 */
export function productInjury(f: Facts): Conclusion[] {
  const out: Conclusion[] = [
    {
      id: 'product-injury-claim',
      kind: 'liability',
      title: '缺陷致损：生产者或销售者都可以找',
      titleEn: 'Defect injury: claim from the producer or the seller',
      text: '因产品缺陷造成人身或其他财产损害的，可以向生产者要求赔偿，也可以向销售者要求赔偿，二者之间再相互追偿；销售者指不出生产者也指不出供货者的，由销售者赔偿。',
      textEn:
        'For injury or damage to other property caused by a product defect you can claim from the producer or from the seller, who then settle between themselves; a seller who can name neither the producer nor its supplier pays.',
      citations: [...cite('civil', '第一千二百零二条', '第一千二百零三条'), ...cite('product', '第四十一条', '第四十二条', '第四十三条')],
    },
    {
      id: 'product-injury-damages',
      kind: 'remedy',
      title: '可以主张的赔偿项目',
      titleEn: 'What the damages cover',
      text: '人身伤害可主张医疗费、治疗期间的护理费、误工减少的收入等；造成残疾的，还有残疾生活辅助具费、生活补助费、残疾赔偿金等；财产损失的，恢复原状或者折价赔偿。请保留病历、票据和出问题的商品。',
      textEn:
        'For injury: medical costs, nursing during treatment, lost income and similar; for disability also assistive devices, living allowances and disability compensation; for property: restoration or its value. Keep medical records, receipts and the product itself.',
      citations: [...cite('product', '第四十四条'), ...(f.consumerLaw ? cite('consumer', '第四十九条') : [])],
    },
  ];
  if (f.input.sellerKnewDefect === true) out.push(punitive(f));
  return out;
}

function punitive(f: Facts): Conclusion {
  const base = { id: 'product-injury-punitive', kind: 'amount' as const, title: '明知缺陷：惩罚性赔偿', titleEn: 'Known defect: punitive damages' };
  const leadZh = '明知产品有缺陷仍然生产、销售，造成死亡或者健康严重损害的，除赔偿损失外，还可以要求惩罚性赔偿';
  const leadEn =
    'Where the producer or seller knew of the defect and still made or sold the product, and it caused death or serious damage to health, you can claim punitive damages on top of compensation';
  // Only 消保法 第五十五条第二款 sets the measure (up to twice the loss); 民法典 第一千二百零七条 says "相应的".
  if (!f.consumerLaw) {
    return { ...base, text: `${leadZh}。`, textEn: `${leadEn}.`, citations: cite('civil', '第一千二百零七条') };
  }
  const loss = f.input.lossFen;
  const cap = loss === undefined ? undefined : loss * PUNITIVE_LOSS_MULTIPLIER;
  const [capZh, capEn] =
    cap === undefined || loss === undefined
      ? ['', '']
      : [`按损失 ${formatFen(loss)} 计，最高 ${formatFen(cap)}。`, ` On your loss of ${formatFen(loss)}, at most ${formatFen(cap)}.`];
  return {
    ...base,
    ...(cap === undefined ? {} : { amountFen: cap }),
    text: `${leadZh}，金额为所受损失的二倍以下。${capZh}`,
    textEn: `${leadEn}, of up to twice the loss.${capEn}`,
    citations: [...cite('civil', '第一千二百零七条'), ...cite('consumer', '第五十五条')],
  };
}
