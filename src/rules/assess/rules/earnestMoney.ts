import { formatFen } from '../../../../dialogs/money.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 民法典 第五百八十六条第二款: 定金 may not exceed 20 % of the contract; the excess has no effect as 定金. */
const CAP_DIVISOR = 5;

/** The part of a 定金 that counts as 定金, and the excess that is only an advance payment, in fen. */
export function earnestSplit(paidFen: number, contractTotalFen: number | undefined): { effective: number; excess: number; capFen?: number } {
  if (contractTotalFen === undefined) return { effective: paidFen, excess: 0 };
  // Rounded down so the effective 定金 never exceeds 20 % by a fraction of a fen.
  const capFen = Math.floor(contractTotalFen / CAP_DIVISOR);
  const effective = Math.min(paidFen, capFen);
  return { effective, excess: paidFen - effective, capFen };
}

/**
 * 定金 (民法典 第五百八十六条至第五百八十八条): capped at 20 % of the contract; the party who gave it and
 * defaults so that the purpose fails loses it; the party who took it and defaults so returns double; the
 * other side may choose 定金 or 违约金 and claim a loss beyond the 定金. Amounts: `amountFen` is the 定金 paid,
 * `contractTotalFen` the contract price, `breachBy` who defaulted.
 */
export function earnestMoney(f: Facts): Conclusion[] {
  const paid = f.input.amountFen;
  const total = f.input.contractTotalFen;
  const out: Conclusion[] = [];
  if (paid === undefined) {
    out.push({
      id: 'earnest-rules',
      kind: 'remedy',
      title: '定金罚则',
      titleEn: 'The earnest-money rule',
      text: '定金不得超过合同总价的 20%，超过部分不算定金。商家违约致使合同目的不能实现的，应当双倍返还定金；你违约致使合同目的不能实现的，无权要回定金；合同正常履行的，定金抵作价款或者退回。告诉我交了多少定金、合同总价多少、谁违约，就能算出金额。',
      textEn:
        'Earnest money (定金) may not exceed 20% of the contract price; any excess is not 定金. If the seller defaults so that the purpose of the contract fails, it returns double; if you default that way, you lose it; if the contract is performed, it counts toward the price or comes back. Tell me the 定金, the contract price and who defaulted, and I can work out the amounts.',
      citations: cite('civil', '第五百八十六条', '第五百八十七条'),
    });
  } else {
    const split = earnestSplit(paid, total);
    if (split.capFen !== undefined && total !== undefined) out.push(capConclusion(paid, total, split));
    out.push(outcome(f, paid, split));
  }
  out.push(choice, naming);
  return out;
}

function capConclusion(paid: number, total: number, split: ReturnType<typeof earnestSplit>): Conclusion {
  const cap = split.capFen ?? 0;
  const within = split.excess === 0;
  return {
    id: 'earnest-cap',
    // Not an `amount`: letters take the first amount as the claim, and the cap is not what is claimed.
    kind: 'remedy',
    title: '定金上限：合同总价的 20%',
    titleEn: 'Cap: 20% of the contract price',
    amountFen: split.effective,
    text: within
      ? `合同总价 ${formatFen(total)}，定金上限为 20% 即 ${formatFen(cap)}；你交的 ${formatFen(paid)} 在上限内，全部按定金处理。`
      : `合同总价 ${formatFen(total)}，定金上限为 20% 即 ${formatFen(cap)}；你交的 ${formatFen(paid)} 中只有 ${formatFen(split.effective)} 是定金，超出的 ${formatFen(split.excess)} 不产生定金效力，按预付款处理，无论谁违约都应退还或抵作价款。`,
    textEn: within
      ? `The contract price is ${formatFen(total)}, so the 定金 cap is 20%, ${formatFen(cap)}; the ${formatFen(paid)} you paid is within it and is all 定金.`
      : `The contract price is ${formatFen(total)}, so the 定金 cap is 20%, ${formatFen(cap)}; of the ${formatFen(paid)} you paid only ${formatFen(split.effective)} is 定金, and the excess of ${formatFen(split.excess)} has no effect as 定金: it is an advance payment, to be returned or counted toward the price whoever defaults.`,
    citations: cite('civil', '第五百八十六条'),
  };
}

function outcome(f: Facts, paid: number, split: ReturnType<typeof earnestSplit>): Conclusion {
  const base = {
    id: 'earnest-outcome',
    kind: 'amount' as const,
    title: '定金怎么处理',
    titleEn: 'What happens to the 定金',
    citations: cite('civil', '第五百八十七条'),
  };
  const { effective, excess } = split;
  const [excessZh, excessEn] =
    excess > 0 ? [`（另加超出上限、应当退还的 ${formatFen(excess)}）`, ` (plus the ${formatFen(excess)} above the cap, which is returned)`] : ['', ''];
  const condition = '前提是违约致使合同目的不能实现；是否达到这个程度，有争议时由法院认定。';
  const conditionEn = ' This applies where the default defeats the purpose of the contract; if that is disputed, a court decides.';
  switch (f.input.breachBy) {
    case 'seller': {
      const back = effective * 2 + excess;
      return {
        ...base,
        amountFen: back,
        text: `商家违约的，应当双倍返还定金：${formatFen(effective)} × 2 = ${formatFen(effective * 2)}${excessZh}，合计可要求返还 ${formatFen(back)}。${condition}`,
        textEn: `Because the seller defaulted it must return double the 定金: ${formatFen(effective)} × 2 = ${formatFen(effective * 2)}${excessEn}, ${formatFen(back)} in all.${conditionEn}`,
      };
    }
    case 'buyer':
      return {
        ...base,
        amountFen: excess,
        text: `你违约的，无权要求返还定金 ${formatFen(effective)}。${excess > 0 ? `超出上限的 ${formatFen(excess)} 不是定金，仍应退还给你。` : ''}${condition}`,
        textEn: `Because you defaulted you cannot get the 定金 of ${formatFen(effective)} back.${excess > 0 ? ` The ${formatFen(excess)} above the cap is not 定金 and must still be returned to you.` : ''}${conditionEn}`,
      };
    default:
      return {
        ...base,
        text: `你交了 ${formatFen(paid)}。商家违约的，双倍返还定金，可要求 ${formatFen(effective * 2 + excess)}；你违约的，定金 ${formatFen(effective)} 不退${excess > 0 ? `，超出上限的 ${formatFen(excess)} 仍应退还` : ''}；合同履行完毕的，定金抵作价款或者退回。告诉我是哪一方没有履行，就能确定。${condition}`,
        textEn: `You paid ${formatFen(paid)}. If the seller defaulted it returns double: ${formatFen(effective * 2 + excess)}; if you defaulted, the 定金 of ${formatFen(effective)} is lost${excess > 0 ? `, though the ${formatFen(excess)} above the cap still comes back` : ''}; if the contract is performed, it counts toward the price or comes back. Tell me which side failed to perform and I can say which.${conditionEn}`,
      };
  }
}

const choice: Conclusion = {
  id: 'earnest-or-penalty',
  kind: 'remedy',
  title: '定金与违约金只能选一种',
  titleEn: '定金 or liquidated damages, not both',
  text: '合同既约定了违约金又约定了定金的，对方违约时你可以选择适用违约金或者定金条款；定金不足以弥补损失的，还可以要求赔偿超过定金数额的损失。',
  textEn:
    'Where the contract provides both liquidated damages and a 定金, you choose one of them when the other side defaults; if the 定金 does not cover your loss, you can claim the loss above it.',
  citations: cite('civil', '第五百八十八条'),
};

const naming: Conclusion = {
  id: 'earnest-naming',
  kind: 'warning',
  title: '写的是“订金”“押金”：不适用定金罚则',
  titleEn: 'Called 订金 or 押金: no earnest-money penalty',
  text: '收据或合同上写的是“订金”“押金”“意向金”“保证金”等，又没有约定定金性质的，不适用双倍返还或不予返还的定金罚则，只能要求退还并赔偿损失。',
  textEn:
    'If the receipt or contract says 订金, 押金, 意向金 or 保证金 and nothing makes it 定金, the double-return or forfeiture rule does not apply: the money is refunded and any loss compensated.',
  citations: cite('contractInterpretation', '第六十七条'),
};
