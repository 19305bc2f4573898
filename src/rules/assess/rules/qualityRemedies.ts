import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * The seller's duty to repair, replace or take back non-conforming goods and pay the loss (产品质量法 第四十条),
 * and the buyer's contract remedies for non-conforming performance (民法典 第六百一十七条 → 第五百八十二条).
 */
export function qualityRemedies(_f: Facts): Conclusion[] {
  return [
    {
      id: 'quality-remedies',
      kind: 'remedy',
      title: '修理、更换、退货并赔偿损失',
      titleEn: 'Repair, replacement, return and compensation',
      text: '商品不具备应有的使用性能而事先未说明、不符合标明的产品标准、或与说明和样品表明的质量不符的，销售者应负责修理、更换、退货，给你造成损失的还应赔偿；你也可以根据问题性质和损失大小，合理选择修理、重作、更换、退货或减少价款。',
      textEn:
        'Where the goods lack the performance they should have without prior disclosure, or do not match the stated standard, description or sample, the seller must repair, replace or take them back and compensate your loss; you may also reasonably choose repair, redoing, replacement, return or a price reduction according to the nature of the problem and the size of the loss.',
      citations: [...cite('product', '第四十条'), ...cite('civil', '第六百一十七条', '第五百八十二条')],
    },
  ];
}
