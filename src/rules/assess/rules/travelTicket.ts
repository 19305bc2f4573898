import { formatFen } from '../../../../dialogs/money.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 旅游法 第七十条第一款: one to three times the tour price when the agency refuses to perform with serious consequences. */
const TOUR_MIN_MULTIPLIER = 1;
const TOUR_MAX_MULTIPLIER = 3;

/**
 * 旅游 / 机票 / 酒店 / 演出票. Carriers: a delay or cancellation gives rebooking or a refund at the passenger's
 * choice and damages unless not the carrier's fault (民法典 第八百二十条); a passenger who cannot travel must
 * refund or change within the agreed period (第八百一十六条). Package tours: the agency answers for breach
 * (旅游法 第七十条, also for its local partners 第七十一条), refunds the balance less necessary costs when the
 * tourist ends the contract (第六十五条), and force majeure is shared (第六十七条).
 */
export function travelTicket(f: Facts): Conclusion[] {
  const price = f.input.amountFen;
  const [rangeZh, rangeEn] =
    price === undefined
      ? ['旅游费用一倍以上三倍以下的赔偿金', 'damages of one to three times the tour price']
      : [
          `旅游费用一倍以上三倍以下的赔偿金，按 ${formatFen(price)} 计为 ${formatFen(price * TOUR_MIN_MULTIPLIER)} 至 ${formatFen(price * TOUR_MAX_MULTIPLIER)}`,
          `damages of one to three times the tour price: on ${formatFen(price)}, ${formatFen(price * TOUR_MIN_MULTIPLIER)} to ${formatFen(price * TOUR_MAX_MULTIPLIER)}`,
        ];
  return [
    {
      id: 'travel-carrier',
      kind: 'remedy',
      title: '航班、车次延误或取消：改签或退票，并可索赔',
      titleEn: 'Flight or train delayed or cancelled: rebook or refund, and claim your loss',
      text: '承运人应当按客票记载的时间、班次和座位运输；迟延或不能正常运输的，应当及时告知、安置，并按你的要求安排改乘其他班次或者退票，给你造成损失的应当赔偿（不可归责于承运人的除外）。因你自己的原因不能按时乘坐的，应在约定期限内办理退票或变更，逾期的可能不予退款。',
      textEn:
        'A carrier must carry you at the time, on the service and in the seat on the ticket; if it is late or cannot carry you normally it must tell you promptly, look after you, and rebook you or refund the ticket as you choose, compensating your loss unless it was not at fault. If you cannot travel for your own reasons, refund or change the ticket within the agreed period; after it, the fare may be lost.',
      citations: cite('civil', '第八百二十条', '第八百一十六条'),
    },
    {
      id: 'travel-package-tour',
      kind: 'remedy',
      title: '跟团游：旅行社违约要担责',
      titleEn: 'Package tours: the travel agency answers for breach',
      text: `旅行社不履行包价旅游合同或履行不符合约定的（擅自改行程、降低标准等），应当继续履行、采取补救措施或者赔偿损失；地接社、履行辅助人造成的违约，也由组团社先承担。旅行社有条件履行却经要求仍拒绝履行，造成人身损害、滞留等严重后果的，你还可以要求${rangeZh}，具体倍数由法院酌定。行程结束前你解除合同的，组团社扣除必要费用后退还余款；因不可抗力等影响行程的，扣除已付且不可退的费用后退还余款。`,
      textEn: `A travel agency that does not perform a package-tour contract or performs it badly (changing the itinerary, lowering standards) must perform, remedy or pay damages, and the organising agency answers first for its local partners. If it could perform but refused when asked, causing injury, stranding or other serious consequences, you can also claim ${rangeEn}, the multiple being for the court. If you end the contract before the tour is over, the agency refunds the balance less necessary costs; where force majeure disrupts the tour, the balance less non-refundable sums already paid out.`,
      citations: cite('tourism', '第七十条', '第七十一条', '第六十五条', '第六十七条'),
    },
    {
      id: 'travel-routes',
      kind: 'remedy',
      title: '解决途径',
      titleEn: 'Where to turn',
      text: '可以与经营者协商，向消费者协会、旅游投诉受理机构或调解组织申请调解，有仲裁协议的申请仲裁，或者向法院起诉。机票、酒店通过平台预订的，同时向平台投诉。',
      textEn:
        'You can negotiate, ask the consumer association, the tourism complaints office or a mediation body to mediate, arbitrate if there is an arbitration agreement, or sue. For flights or hotels booked through a platform, complain to the platform too.',
      citations: cite('tourism', '第九十二条'),
    },
  ];
}
