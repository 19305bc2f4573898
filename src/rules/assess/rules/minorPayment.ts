import { formatFen } from '../../../../dialogs/money.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Citation, Conclusion } from '../types.js';

/** 民法典 第十七、十九、二十条: adult at 18; 8 and over limited capacity; under 8 no capacity. */
const ADULT_AGE = 18;
const LIMITED_CAPACITY_AGE = 8;

/**
 * Payments by minors (充值, 打赏, 游戏). Under 8 the child has no civil capacity and the payment is void
 * (民法典 第二十条, 第一百四十四条); from 8 to 17 a payment beyond what suits the child's age and intellect is
 * effective only with the guardian's consent or ratification (第十九条, 第一百四十五条); either way the money
 * comes back (第一百五十七条). Games, live streams and the like must have spending controls for minors
 * (未成年人保护法 第七十四条, 实施条例 第十六条 for games).
 */
export function minorPayment(f: Facts): Conclusion[] {
  return [capacity(f), platformDuty];
}

function capacity(f: Facts): Conclusion {
  const age = f.input.minorAge;
  const paid = f.input.amountFen;
  const [refundZh, refundEn] = paid === undefined ? ['已付的钱', 'the money paid'] : [`已付的 ${formatFen(paid)}`, `the ${formatFen(paid)} paid`];
  const restitution: Citation[] = cite('civil', '第一百五十七条');
  if (age !== undefined && age >= ADULT_AGE) {
    return {
      id: 'minor-not-minor',
      kind: 'warning',
      title: '付款人已成年',
      titleEn: 'The payer is an adult',
      text: `付款人已满 ${ADULT_AGE} 周岁，是完全民事行为能力人，不能以未成年为由要求退款；如果是被诱导或被骗付款，可以按欺诈、格式条款等其他规则主张。`,
      textEn: `The payer is ${ADULT_AGE} or older and has full civil capacity, so a refund cannot rest on being a minor; if the payment was induced or a fraud, other rules (fraud, unfair terms) may apply.`,
      citations: cite('civil', '第十七条', '第十八条'),
    };
  }
  if (age !== undefined && age < LIMITED_CAPACITY_AGE) {
    return {
      id: 'minor-no-capacity',
      kind: 'amount',
      title: '不满八周岁：付款无效，全额退还',
      titleEn: 'Under 8: the payment is void and comes back in full',
      ...(paid === undefined ? {} : { amountFen: paid }),
      text: `孩子 ${age} 岁，不满八周岁，是无民事行为能力人，自己实施的充值、打赏、购买等行为无效，商家应当返还${refundZh}。需要证明是孩子本人操作的：保存付款记录、设备和登录记录、操作时间等。`,
      textEn: `The child is ${age}, under 8, and has no civil capacity: top-ups, tips or purchases the child made are void and the business must return ${refundEn}. You will need to show the child made them: keep the payment records, device and login records and the times.`,
      citations: [...cite('civil', '第二十条', '第一百四十四条'), ...restitution],
    };
  }
  const [ageZh, ageEn] = age === undefined ? ['八周岁以上、不满十八周岁的孩子', 'A child aged 8 to 17'] : [`孩子 ${age} 岁，`, `The child is ${age}:`];
  const under8 = age === undefined ? '不满八周岁的孩子实施的付款行为一律无效，全额退还。' : '';
  const under8En = age === undefined ? ' A payment by a child under 8 is void in every case and comes back in full.' : '';
  const earner = age === undefined || age >= 16 ? '（十六周岁以上、以自己的劳动收入为主要生活来源的，视为完全民事行为能力人，不适用这一规则。）' : '';
  const earnerEn =
    age === undefined || age >= 16
      ? ' (A 16- or 17-year-old living mainly on their own earned income counts as having full capacity, and this rule does not apply.)'
      : '';
  return {
    id: 'minor-limited-capacity',
    kind: 'remedy',
    title: '限制民事行为能力：与年龄不相适应的付款需监护人追认',
    titleEn: 'Limited capacity: payments beyond the child’s age need the guardian’s ratification',
    text: `${ageZh}是限制民事行为能力人：与其年龄、智力相适应的小额消费有效；超出的充值、打赏等，须经监护人同意或追认才有效。你作为监护人不追认的，该行为不发生效力，商家应当返还${refundZh}。商家催告你追认的，你 30 日内不表态视为拒绝追认。${under8}${earner}金额与年龄是否相适应，有争议时由法院认定。`,
    textEn: `${ageEn} a child of that age has limited capacity: small purchases suited to the child’s age and intellect are valid; top-ups, tips and the like beyond that are valid only with the guardian’s consent or ratification. If you, as guardian, do not ratify, the payment has no effect and the business must return ${refundEn}. If the business asks you to ratify, silence for 30 days counts as refusal.${under8En}${earnerEn} Whether an amount suits the child’s age is for a court to decide if disputed.`,
    citations: [
      ...cite('civil', '第十九条', '第一百四十五条'),
      ...(age === undefined ? cite('civil', '第二十条', '第一百四十四条') : []),
      ...(age === undefined || age >= 16 ? cite('civil', '第十八条') : []),
      ...restitution,
    ],
  };
}

const platformDuty: Conclusion = {
  id: 'minor-platform-duty',
  kind: 'remedy',
  title: '平台须为未成年人设消费管理',
  titleEn: 'Platforms must have spending controls for minors',
  text: '网络游戏、网络直播、网络音视频、网络社交等服务，应当针对未成年人设置时间管理、权限管理、消费管理等功能，网络游戏还应当在注册、登录时严格核验用户身份。请向平台客服提出“未成年人消费退款”申请，附上监护人身份、孩子年龄和付款记录；平台拒绝的，可以向 12315 投诉或起诉。',
  textEn:
    'Online games, live streams, audio-video and social services must have time, permission and spending controls for minors, and games must verify users strictly at sign-up and login. Ask the platform’s customer service for a "minor’s payment refund", with proof of guardianship, the child’s age and the payment records; if it refuses, complain to 12315 or sue.',
  citations: [...cite('minors', '第七十四条'), ...cite('consumerRegulations', '第十六条')],
};
