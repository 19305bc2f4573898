import { type CivilDate, formatIso, isAfter } from './civilDate.js';
import type { DateMention } from './findDates.js';
import type { MoneyMention } from './findMoney.js';
import { parseNumeral } from '../common/chineseNumeral.js';
import { clauseAt, splitClauses } from './splitClauses.js';
import type { Slots } from './types.js';

type CaseFacts = Pick<Partial<Slots>, 'shopClosed' | 'offline' | 'minorAge' | 'breachBy' | 'returnShippedDate' | 'returnReceivedDate'>;

/** The shop or business is gone or no longer serves: 倒闭, 跑路, 关门了, closed down. */
const SHOP_CLOSED =
  /倒闭|跑路|关门了|关门大吉|停业|闭店|关店了?|歇业|人去楼空|卷款|卷钱跑|搬走了|店没了|店不开了|不营业了|(?:closed|shut) down|went (?:out of business|bust)|\b(?:gym|shop|store|salon|studio|school) (?:has )?closed\b/;
const NOT_CLOSED = /没(?:有)?(?:倒闭|跑路|关门)|不是(?:倒闭|跑路)/;
/** Bought in a physical shop: 实体店买的, 超市买的, 在店里办的, in the store. */
const OFFLINE =
  /(?:实体店|线下|商场|超市|门店|店里|菜市场|便利店|药店|柜台|营业厅)(?:里|的|上)?.{0,3}(?:买|办|充|购|消费|吃|拿)|在(?:实体店|商场|超市|门店|线下|店里|便利店)|\b(?:in (?:a|the) (?:physical )?(?:store|shop|mall|supermarket)|in person|offline)\b/;
/** 12岁 said of a child who paid: minorAge (民法典 第十九、二十条). */
const CHILD_AGE =
  /(?:孩子|儿子|女儿|小孩|孙子|孙女|外孙女?|侄子|侄女|弟弟|妹妹|学生|娃|他|她)(?:今年|才|只有|刚|还不到|不到)?(?:满)?(\d{1,2}|[一二三四五六七八九十]{1,3})(?:周)?岁|(\d{1,2}|[一二三四五六七八九十]{1,3})岁(?:的)?(?:孩子|儿子|女儿|小孩|孙子|孙女|学生|娃)|\b(\d{1,2})[- ]year[- ]old\b|\b(?:son|daughter|kid|child|boy|girl|he|she)\b[^.]{0,30}?\b(?:is|was|aged?) (\d{1,2})\b/;
const CHILD_PAYMENT = /充值|充了|打赏|刷礼物|礼物|游戏|皮肤|花了|消费|买了|扣了|付了|spent|paid|top(?:ped)? up|charged|bought|game/;
const EARNEST = /定金|订金|earnest|deposit/;
const SELLER_BREACH =
  /(?:商家|卖家|店家|对方|公司|他们|4s店|厂家|老板|婚庆|装修公司|酒店|商场)[^，。,.]{0,8}(?:违约|毁约|不做了|不干了|交不了货|交不出|不卖了|反悔|跑路|倒闭|档期满|没货|不履行|做不了|不给做|涨价|不发货)|(?:公司|店|商家)(?:已经)?倒闭|seller (?:broke|cancel+ed|backed out)/;
const BUYER_BREACH = /我(?:自己)?(?:不想|不要|反悔|违约|不买了|取消了|退订|毁约|改主意|后悔|不打算)|\bi (?:changed my mind|backed out|cancel+ed|don't want)/;
/** The shopper sent the goods back; the seller received the return. */
const RETURN_SHIPPED = /寄回|退回去|寄出去|寄还|退货寄|把货退了|发回去|sent (?:it )?back|returned (?:it|the)/;
const RETURN_RECEIVED = /(?:商家|卖家|店家|对方|他们|仓库)[^，。,.]{0,8}(?:签收|收到|收货)|(?:seller|shop|they) (?:received|signed for)/;
const RETURN_CONTEXT = /退货|寄回|退回|return/;

/**
 * The facts the new dispute types need (issue 12): a closed shop, an offline purchase, a minor's age, who broke a
 * 定金 agreement, and the dates a return was sent back and received. Only what the words say; nothing guessed.
 */
export function findCaseFacts(
  text: string,
  _money: readonly MoneyMention[],
  dates: readonly DateMention[],
  today: CivilDate,
): CaseFacts & { returnDates: Set<DateMention> } {
  const facts: CaseFacts = {};
  if (SHOP_CLOSED.test(text) && !NOT_CLOSED.test(text)) facts.shopClosed = true;
  if (OFFLINE.test(text)) facts.offline = true;
  const age = CHILD_AGE.exec(text);
  if (age && CHILD_PAYMENT.test(text)) {
    const n = parseNumeral(age[1] ?? age[2] ?? age[3] ?? age[4] ?? '');
    if (n !== undefined && n >= 1 && n < 18) facts.minorAge = n;
  }
  if (EARNEST.test(text)) {
    if (SELLER_BREACH.test(text)) facts.breachBy = 'seller';
    else if (BUYER_BREACH.test(text)) facts.breachBy = 'buyer';
  }
  const returnDates = new Set<DateMention>();
  if (RETURN_CONTEXT.test(text)) {
    const clauses = splitClauses(text);
    for (const date of dates) {
      if (!date.date || isAfter(date.date, today)) continue;
      const clause = clauseAt(clauses, date.start);
      const words = clause ? text.slice(clause.start, clause.end) : '';
      if (RETURN_RECEIVED.test(words) && !facts.returnReceivedDate) {
        facts.returnReceivedDate = formatIso(date.date);
        returnDates.add(date);
      } else if (RETURN_SHIPPED.test(words) && !facts.returnShippedDate) {
        facts.returnShippedDate = formatIso(date.date);
        returnDates.add(date);
      }
    }
  }
  return { ...facts, returnDates };
}
