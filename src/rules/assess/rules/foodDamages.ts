import { formatFen } from '../../../../dialogs/money.js';
import { cite, citeAt, versionInForce } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';
import { fraudAward } from './fraudDamages.js';

/** 食品安全法 第一百四十八条第二款: ten times the price or three times the loss, at least ¥1,000. */
const PRICE_MULTIPLIER = 10;
const LOSS_MULTIPLIER = 3;
const FOOD_MINIMUM_FEN = 1_000_00;

/**
 * Food below safety standards. The award is the larger of 10× the price actually paid (法释〔2024〕9号
 * 第一条) and 3× the loss, with the ¥1,000 floor. Where the seller knew, its conduct is also fraud, but the
 * buyer *chooses* between this and 消保法 第五十五条 (same interpretation, 第九条); we show the food award as
 * primary, which is never smaller (10× ≥ 3×, ¥1,000 ≥ ¥500), and never add the two.
 */
export function foodDamages(f: Facts): Conclusion[] {
  const out = [foodAward(f), firstClaim(f), reasonableConsumption];
  if (f.input.sellerKnewDefect === true) out.push(notCumulative(f));
  return out;
}

/** The food award in fen, or undefined when neither price nor loss is known. */
function foodAwardFen(priceFen: number | undefined, lossFen: number | undefined): number | undefined {
  if (priceFen === undefined && lossFen === undefined) return undefined;
  return Math.max((priceFen ?? 0) * PRICE_MULTIPLIER, (lossFen ?? 0) * LOSS_MULTIPLIER, FOOD_MINIMUM_FEN);
}

function foodAward(f: Facts): Conclusion {
  const { amountFen: price, lossFen: loss, sellerKnewDefect } = f.input;
  const award = foodAwardFen(price, loss);
  const zh: string[] = ['食品不符合食品安全标准的，除赔偿损失外，还可以要求支付价款十倍或者损失三倍的赔偿金，不足 1,000 元的按 1,000 元计。'];
  const en: string[] = ['For food below safety standards you can claim, besides compensation, ten times the price or three times the loss, at least ¥1,000.'];
  if (price !== undefined) {
    zh.push(`按实付价款 ${formatFen(price)}，十倍为 ${formatFen(price * PRICE_MULTIPLIER)}。`);
    en.push(`On the ${formatFen(price)} you paid, ten times is ${formatFen(price * PRICE_MULTIPLIER)}.`);
  }
  if (loss !== undefined) {
    zh.push(`按损失 ${formatFen(loss)}，三倍为 ${formatFen(loss * LOSS_MULTIPLIER)}。`);
    en.push(`On your loss of ${formatFen(loss)}, three times is ${formatFen(loss * LOSS_MULTIPLIER)}.`);
  }
  if (award !== undefined) {
    const floor = award === FOOD_MINIMUM_FEN && Math.max((price ?? 0) * PRICE_MULTIPLIER, (loss ?? 0) * LOSS_MULTIPLIER) < FOOD_MINIMUM_FEN;
    zh.push(floor ? `不足 1,000 元，按 ${formatFen(award)} 计。` : `取较高者，可主张 ${formatFen(award)}。`);
    en.push(floor ? `That is below the minimum, so ${formatFen(award)}.` : `Take the higher: ${formatFen(award)}.`);
  } else {
    zh.push('告诉我实付金额或损失，即可算出金额。');
    en.push('Tell me the price paid or the loss and I can work out the amount.');
  }
  if (sellerKnewDefect !== true) {
    zh.push('条件是：食品生产时就不符合食品安全标准，或者卖家明知不符合仍然销售。');
    en.push('The condition is that the food was produced below the safety standard, or that the seller sold it knowing it was below standard.');
  }
  zh.push('仅是不影响食品安全、也不会误导消费者的标签或说明书瑕疵的除外。');
  en.push('Flaws in the label or instructions that neither affect safety nor mislead are excepted.');
  const version = versionInForce('food', f.lawDate);
  if (version) {
    zh.push(`（依据购买时施行的食品安全法，即 ${version.slice(0, 4)} 年修正文本。）`);
    en.push(`(Under the Food Safety Law as in force at purchase, the ${version.slice(0, 4)} amended text.)`);
  }
  return {
    id: 'food-punitive',
    kind: 'amount',
    title: '食品十倍赔偿',
    titleEn: 'Tenfold damages for unsafe food',
    ...(award === undefined ? {} : { amountFen: award }),
    text: zh.join(''),
    textEn: en.join(' '),
    citations: [...citeAt(f.lawDate, 'food', '第一百四十八条'), ...cite('foodPunitive', '第一条')],
  };
}

const firstClaim = (f: Facts): Conclusion => ({
  id: 'food-first-claim',
  kind: 'liability',
  title: '先接到索赔的一方先行赔付',
  titleEn: 'Whoever is asked first pays first',
  text: '可以向卖家要求赔偿，也可以向生产者要求赔偿；先接到你赔偿要求的一方应当先行赔付，不得推诿。',
  textEn: 'You can claim from the seller or from the producer; whichever you ask first must pay first and may not pass you on to the other.',
  citations: citeAt(f.lawDate, 'food', '第一百四十八条'),
});

const reasonableConsumption: Conclusion = {
  id: 'food-reasonable-consumption',
  kind: 'warning',
  title: '明知购买：以合理生活消费为限',
  titleEn: 'Knowing purchases: capped at reasonable consumption',
  text: '如果明知食品不符合安全标准仍然购买，十倍赔偿只在合理生活消费需要的数量内支持；短时间内多次购买的，按购买总数认定。主张你“明知”的一方，需要举证。',
  textEn:
    'If you bought knowing the food was below standard, the tenfold award is limited to a quantity within reasonable personal consumption; repeated purchases in a short time are counted together. Whoever says you knew must prove it.',
  citations: cite('foodPunitive', '第十二条', '第十三条'),
};

function notCumulative(f: Facts): Conclusion {
  const award = foodAwardFen(f.input.amountFen, f.input.lossFen);
  const price = f.input.amountFen;
  const compareZh = award !== undefined && price !== undefined ? `（本案十倍一方为 ${formatFen(award)}，三倍只有 ${formatFen(fraudAward(price))}）` : '';
  const compareEn = award !== undefined && price !== undefined ? ` (here ${formatFen(award)} against ${formatFen(fraudAward(price))} for the triple)` : '';
  return {
    id: 'food-fraud-not-cumulative',
    kind: 'warning',
    title: '十倍与三倍只能选一种',
    titleEn: 'Tenfold or triple, not both',
    text: `商家明知食品不符合安全标准仍然销售，也构成欺诈；但食品安全法的十倍赔偿和消保法第五十五条的三倍赔偿只能选择一种主张，不能相加。这里以食品安全法的十倍赔偿为主${compareZh}。`,
    textEn: `A seller who knowingly sold unsafe food also committed fraud, but you must choose between the food-safety tenfold award and the Consumer Protection Law’s triple award; they cannot be added together. The tenfold award is the one shown${compareEn}.`,
    citations: [...cite('foodPunitive', '第九条'), ...citeAt(f.lawDate, 'food', '第一百四十八条'), ...cite('consumer', '第五十五条')],
  };
}
