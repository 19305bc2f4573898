import type { CaseCitation } from '../../cases/caseRecord.js';
import type { CaseFile, DocumentLocale } from '../model.js';
import { DEMAND_LABELS, EVIDENCE_LABELS, OUTCOME_LABELS, USUAL_DEMANDS, label } from './labels.js';
import { citeText, fill, formatDate } from './format.js';
import { formatFen } from '../../../dialogs/money.js';

type Citation = CaseCitation;

/**
 * The facts every document states, worded once from the case record. A fact we do not hold becomes a
 * 【请填写…】 mark; an amount, a date or an article is only ever the record's own.
 */
export function caseFacts(file: CaseFile, locale: DocumentLocale) {
  const r = file.record;
  const zh = locale === 'zh';
  const t = (zhText: string, enText: string) => (zh ? zhText : enText);
  const platform = r.parties.platform;
  const shop = r.parties.shopName;

  const complainant = {
    name: r.contact.name || fill('姓名', 'your name', locale),
    phone: r.contact.phone || fill('联系电话', 'phone number', locale),
    address: r.contact.address || fill('通信地址', 'mailing address', locale),
  };
  const respondent = {
    name: shop
      ? platform
        ? t(`${shop}（${platform}平台店铺）`, `${shop} (shop on ${platform})`)
        : shop
      : fill('商家名称（店铺资质页上的经营者名称）', "the seller's registered name", locale),
    address: r.parties.shopAddress || fill('商家地址（可在店铺资质页查看）', "the seller's address (on the shop's licence page)", locale),
  };

  const amount = r.order.amountFen !== undefined ? formatFen(r.order.amountFen) : undefined;
  const product = r.order.product || fill('商品或服务名称', 'goods or service', locale);
  const where = platform
    ? shop
      ? t(`在${platform}「${shop}」`, `on ${platform} from the shop "${shop}"`)
      : t(`在${platform}`, `on ${platform}`)
    : shop
      ? t(`在「${shop}」`, `from "${shop}"`)
      : t(`在${fill('平台或商家', 'platform or shop', locale)}`, `on ${fill('平台或商家', 'platform or shop', locale)}`);

  function factsText(): string {
    const parts = zh
      ? [
          r.order.orderDate ? `我于${formatDate(r.order.orderDate, 'zh')}` : '我',
          `${where}购买了${product}`,
          r.order.orderNumber ? `（订单号 ${r.order.orderNumber}）` : '',
          amount ? `，实付${amount}` : `，实付${fill('金额', 'amount', locale)}`,
          r.order.receivedDate ? `，于${formatDate(r.order.receivedDate, 'zh')}签收` : '',
          '。',
          r.facts.problem ? `问题是：${r.facts.problem}。` : `问题是：${fill('具体问题', 'the problem', locale)}。`,
          r.facts.injured ? '该商品造成了人身伤害。' : '',
          r.facts.sellerResponse ? `商家答复：${r.facts.sellerResponse}。` : '',
        ]
      : [
          r.order.orderDate ? `On ${formatDate(r.order.orderDate, 'en')} I bought` : 'I bought',
          ` ${product} ${where}`,
          r.order.orderNumber ? ` (order number ${r.order.orderNumber})` : '',
          amount ? `, paying ${amount}` : `, paying ${fill('金额', 'amount', locale)}`,
          r.order.receivedDate ? `, received on ${formatDate(r.order.receivedDate, 'en')}` : '',
          '. ',
          r.facts.problem ? `The problem: ${r.facts.problem}. ` : `The problem: ${fill('具体问题', 'the problem', locale)}. `,
          r.facts.injured ? 'The product caused a personal injury. ' : '',
          r.facts.sellerResponse ? `The seller replied: ${r.facts.sellerResponse}.` : '',
        ];
    return parts.join('').trim();
  }

  /** What was tried on the ladder before, from the recorded outcomes. */
  function historyText(): string {
    const last = (step: string) => r.outcomes.filter((o) => o.step === step).at(-1)?.outcome;
    const seller = last('seller');
    const plat = last('platform');
    const parts = [
      seller
        ? t(
            `已与商家协商，商家${seller === 'no_reply' ? '一直未回复' : seller === 'agreed' ? '同意处理但未履行' : '拒绝处理'}`,
            `I raised it with the seller, who ${seller === 'no_reply' ? 'never replied' : seller === 'agreed' ? 'agreed but did not follow through' : 'refused'}`,
          )
        : '',
      plat
        ? t(
            `已申请${platform ?? ''}平台介入，平台${plat === 'no_reply' ? '未予答复' : '未能解决'}`,
            `I asked ${platform ?? 'the platform'} to intervene, and it ${plat === 'no_reply' ? 'did not answer' : 'did not solve it'}`,
          )
        : '',
    ].filter(Boolean);
    return parts.length ? `${parts.join(t('；', '; '))}${t('。', '.')}` : '';
  }

  const demandIds = r.demands.length ? r.demands : (USUAL_DEMANDS[r.category as keyof typeof USUAL_DEMANDS] ?? ['refund']);
  const amounts = r.remedies.filter((k) => k.kind === 'amount' && k.amountFen !== undefined);

  /** The request, item by item: each demand, with the amount the rules module computed where there is one. */
  function requestItems(): string[] {
    const items: string[] = [];
    for (const id of demandIds) {
      const what = label(DEMAND_LABELS, id, locale);
      if ((id === 'return' || id === 'refund') && amount) items.push(t(`${what}：退还货款${amount}`, `${what}: repay the price of ${amount}`));
      else if (id === 'punitive') {
        if (amounts.length)
          for (const a of amounts) items.push(t(`${what}：${a.title}${formatFen(a.amountFen ?? 0)}`, `${what}: ${a.title}, ${formatFen(a.amountFen ?? 0)}`));
        else items.push(`${what}${t('：', ': ')}${fill('金额', 'amount', locale)}`);
      } else if (id === 'compensation')
        items.push(
          `${what}${t('：', ': ')}${amounts.length && !demandIds.includes('punitive') ? amounts.map((a) => `${a.title} ${formatFen(a.amountFen ?? 0)}`).join(t('；', '; ')) : fill('损失金额及计算方式', 'the loss and how it is computed', locale)}`,
        );
      else items.push(what);
    }
    return items;
  }

  const requestText = (): string => requestItems().join(t('；', '; '));

  return {
    complainant,
    respondent,
    factsText,
    historyText,
    requestItems,
    requestText,
    basis: basisCitations(file),
    evidence: evidenceItems(file, locale),
    demandIds,
    amount,
    product,
  };
}

// Articles on counting periods support dates, not the demand itself.
const PERIOD_RULES = new Set(['民法典|第二百零一条', '民法典|第二百零二条', '民法典|第二百零三条', '电子商务法|第五十一条']);

/** The articles a demand rests on: the record's remedies' citations, arithmetic rules left out. */
export function basisCitations(file: CaseFile): Citation[] {
  const seen = new Set<string>();
  return file.record.remedies
    .filter((k) => k.kind === 'remedy' || k.kind === 'amount')
    .flatMap((k) => k.citations)
    .filter((c) => {
      const key = `${c.law}|${c.article}`;
      if (PERIOD_RULES.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Every article the case cites anywhere (remedies, deadlines, the assessment), once, in order of first use. */
export function allCitations(file: CaseFile): Citation[] {
  const r = file.record;
  const seen = new Set<string>();
  return [...r.remedies.flatMap((k) => k.citations), ...r.deadlines.flatMap((d) => d.citations), ...r.citations].filter((c) => {
    const key = `${c.law}|${c.article}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** The evidence: kinds the consumer said they hold, then each uploaded file. */
export function evidenceItems(file: CaseFile, locale: DocumentLocale): string[] {
  const kinds = file.record.evidence.map((id) => label(EVIDENCE_LABELS, id, locale));
  const files = file.evidenceFiles.map((f) =>
    locale === 'zh' ? `上传文件「${f.name}」（SHA-256 ${f.sha256.slice(0, 16)}…）` : `Uploaded file "${f.name}" (SHA-256 ${f.sha256.slice(0, 16)}…)`,
  );
  return [...kinds, ...files];
}

export const basisText = (cites: Citation[], locale: DocumentLocale): string => cites.map((c) => citeText(c, locale)).join(locale === 'zh' ? '、' : ', ');

export { OUTCOME_LABELS };
