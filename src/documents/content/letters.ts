import type { Block, CaseFile, DocumentContent, DocumentKind, DocumentLocale } from '../model.js';
import { SUPERSEDED } from '../supersessions.js';
import { basisText, caseFacts } from './caseFacts.js';
import { fill, formatDate } from './format.js';
import { categoryLabel } from './labels.js';

/** What every builder gets: the case, the language and the date the document is made on (Asia/Shanghai). */
export type BuildInput = { file: CaseFile; locale: DocumentLocale; today: string };

export const footerOf = (file: CaseFile, locale: DocumentLocale): string =>
  locale === 'zh'
    ? `案件编号 ${file.caseNo} · 维权助手根据案件记录生成 · 本文件提供法律信息，不构成律师意见`
    : `Case ${file.caseNo} · made by Weiquan from the case record · legal information, not a lawyer's advice`;

const doc = (kind: DocumentKind, { file, locale }: BuildInput, title: string, blocks: Block[]): DocumentContent => ({
  kind,
  locale,
  title,
  caseNo: file.caseNo,
  blocks,
  footer: footerOf(file, locale),
});

function signature(input: BuildInput, who: { zh: string; en: string }, name: string): Block {
  const zh = input.locale === 'zh';
  return {
    type: 'closing',
    lines: [zh ? `${who.zh}：${name}（签名）` : `${who.en}: ${name} (signature)`, zh ? formatDate(input.today, 'zh') : formatDate(input.today, 'en')],
  };
}

export function sellerLetter(input: BuildInput): DocumentContent {
  const { file, locale } = input;
  const f = caseFacts(file, locale);
  const zh = locale === 'zh';
  const basis = f.basis.length ? (zh ? `依据${basisText(f.basis.slice(0, 4), locale)}的规定，` : `Under ${basisText(f.basis.slice(0, 4), locale)}, `) : '';
  const platform = file.record.parties.platform;
  return doc('seller-letter', input, zh ? '致商家的协商函' : 'Letter to the seller', [
    { type: 'paragraph', text: zh ? `${file.record.parties.shopName ?? '商家'}：` : `To ${file.record.parties.shopName ?? 'the seller'}:` },
    { type: 'paragraph', text: f.factsText() },
    { type: 'paragraph', text: zh ? `${basis}我要求：${f.requestText()}。` : `${basis}I ask for: ${f.requestText()}.` },
    {
      type: 'paragraph',
      text: zh
        ? `请在收到本函后 3 日内给出处理方案。逾期未处理的，我将${platform ? '申请平台介入，并' : ''}向市场监督管理部门（12315）投诉。`
        : `Please answer with a solution within 3 days of receiving this letter. Otherwise I will ${platform ? 'ask the platform to intervene and ' : ''}complain to the market regulator (12315).`,
    },
    {
      type: 'fields',
      rows: [
        { label: zh ? '联系电话' : 'Phone', value: f.complainant.phone },
        { label: zh ? '案件编号' : 'Case number', value: file.caseNo },
      ],
    },
    signature(input, { zh: '消费者', en: 'Consumer' }, f.complainant.name),
  ]);
}

export function platformRequest(input: BuildInput): DocumentContent {
  const { file, locale } = input;
  const f = caseFacts(file, locale);
  const zh = locale === 'zh';
  const platform = file.record.parties.platform ?? fill('平台名称', 'platform', locale);
  const basis = f.basis.length ? (zh ? `依据${basisText(f.basis.slice(0, 4), locale)}的规定，` : `Under ${basisText(f.basis.slice(0, 4), locale)}, `) : '';
  return doc('platform-request', input, zh ? '平台介入申请' : 'Request for platform intervention', [
    { type: 'paragraph', text: zh ? `${platform}平台客服：` : `To ${platform} customer service:` },
    { type: 'paragraph', text: f.factsText() },
    { type: 'paragraph', text: f.historyText() || (zh ? '我已就此与商家协商，未能解决。' : 'I raised it with the seller without result.') },
    {
      type: 'paragraph',
      text: zh
        ? `${basis}我要求：${f.requestText()}。请平台依照《电子商务法》第六十一条积极协助处理，并依照《消费者权益保护法》第四十四条提供商家的真实名称、地址和有效联系方式。`
        : `${basis}I ask for: ${f.requestText()}. Please help me under 电子商务法 第六十一条 and give me the seller's real name, address and contact details under 消费者权益保护法 第四十四条.`,
    },
    { type: 'paragraph', text: zh ? '请在 3 个工作日内答复处理结果。' : 'Please reply with the result within 3 working days.' },
    { type: 'heading', text: zh ? '证据' : 'Evidence' },
    {
      type: 'list',
      items: f.evidence.length ? f.evidence : [fill('证据（订单截图、聊天记录、问题照片等）', 'evidence (order screenshot, chat records, photos)', locale)],
    },
    {
      type: 'fields',
      rows: [
        { label: zh ? '订单号' : 'Order number', value: file.record.order.orderNumber || fill('订单号', 'order number', locale) },
        { label: zh ? '联系电话' : 'Phone', value: f.complainant.phone },
        { label: zh ? '案件编号' : 'Case number', value: file.caseNo },
      ],
    },
    signature(input, { zh: '申请人', en: 'Applicant' }, f.complainant.name),
  ]);
}

/** The 12315 complaint: every item 暂行办法 第九条 requires, in its order, then the rest of the case. */
export function complaint12315(input: BuildInput): DocumentContent {
  const { file, locale } = input;
  const f = caseFacts(file, locale);
  const zh = locale === 'zh';
  const superseded = SUPERSEDED['市场监督管理投诉举报处理暂行办法'];
  return doc('complaint-12315', input, zh ? '消费投诉书（12315）' : 'Consumer complaint (12315)', [
    { type: 'paragraph', text: zh ? '致：市场监督管理部门' : 'To: the market regulation department (市场监督管理部门)' },
    { type: 'heading', text: zh ? '一、投诉人' : '1. Complainant (投诉人)' },
    {
      type: 'fields',
      rows: [
        { label: zh ? '姓名' : 'Name', value: f.complainant.name },
        { label: zh ? '联系电话' : 'Phone', value: f.complainant.phone },
        { label: zh ? '通信地址' : 'Mailing address', value: f.complainant.address },
      ],
    },
    { type: 'heading', text: zh ? '二、被投诉人' : '2. Respondent (被投诉人)' },
    {
      type: 'fields',
      rows: [
        { label: zh ? '名称' : 'Name', value: f.respondent.name },
        { label: zh ? '地址' : 'Address', value: f.respondent.address },
      ],
    },
    { type: 'heading', text: zh ? '三、投诉请求' : '3. Request (投诉请求)' },
    { type: 'list', items: f.requestItems() },
    { type: 'heading', text: zh ? '四、事实与理由' : '4. Facts and reasons (事实与理由)' },
    { type: 'paragraph', text: `${f.factsText()}${f.historyText() ? (zh ? '' : ' ') + f.historyText() : ''}` },
    ...(f.basis.length
      ? [{ type: 'paragraph', text: zh ? `法律依据：${basisText(f.basis, locale)}。` : `Legal basis: ${basisText(f.basis, locale)}.` } as Block]
      : []),
    { type: 'heading', text: zh ? '五、消费信息' : '5. Purchase' },
    {
      type: 'fields',
      rows: [
        { label: zh ? '纠纷类型' : 'Dispute type', value: categoryLabel(file.record.category, locale) },
        { label: zh ? '商品或服务' : 'Goods or service', value: f.product },
        { label: zh ? '购买平台' : 'Platform', value: file.record.parties.platform || fill('购买渠道', 'where it was bought', locale) },
        { label: zh ? '订单号' : 'Order number', value: file.record.order.orderNumber || fill('订单号', 'order number', locale) },
        {
          label: zh ? '购买时间' : 'Bought on',
          value: file.record.order.orderDate ? formatDate(file.record.order.orderDate, locale) : fill('购买日期', 'date of purchase', locale),
        },
        { label: zh ? '金额' : 'Amount', value: f.amount ?? fill('金额', 'amount', locale) },
      ],
    },
    { type: 'heading', text: zh ? '六、证据材料' : '6. Evidence (附件)' },
    {
      type: 'list',
      items: f.evidence.length
        ? f.evidence
        : [fill('证据（订单截图、付款记录、聊天记录、问题照片等）', 'evidence (order screenshot, payment record, chat records, photos)', locale)],
    },
    { type: 'paragraph', text: zh ? `案件编号：${file.caseNo}` : `Case number: ${file.caseNo}` },
    signature(input, { zh: '投诉人', en: 'Complainant' }, f.complainant.name),
    {
      type: 'note',
      text: zh
        ? `本投诉书按《市场监督管理投诉举报处理暂行办法》（2022年修正）第九条要求的事项制作：投诉人的姓名、电话、通信地址，被投诉人的名称、地址，具体的投诉请求以及消费者权益争议事实。${superseded ? `该办法已于${formatDate(superseded.on, 'zh')}被${superseded.by.zh}取代，提交前请以 12315 平台的现行要求为准。` : ''}`
        : `This complaint follows the items 市场监督管理投诉举报处理暂行办法 (2022) 第九条 requires: the complainant's name, phone and mailing address; the respondent's name and address; the request and the facts of the dispute.${superseded ? ` That rule was replaced on ${formatDate(superseded.on, 'en')} by ${superseded.by.en}; check the 12315 platform's current requirements before filing.` : ''}`,
    },
  ]);
}

export function mediationRequest(input: BuildInput): DocumentContent {
  const { file, locale } = input;
  const f = caseFacts(file, locale);
  const zh = locale === 'zh';
  return doc('mediation-request', input, zh ? '消费纠纷调解申请书' : 'Request for mediation of a consumer dispute', [
    {
      type: 'paragraph',
      text: zh
        ? `致：${fill('消费者协会名称（被申请人所在地或消费者所在地的消费者协会）', 'consumer association', locale)}`
        : `To: ${fill('消费者协会名称（被申请人所在地或消费者所在地的消费者协会）', 'the consumer association (消费者协会)', locale)}`,
    },
    { type: 'heading', text: zh ? '申请人' : 'Applicant (申请人)' },
    {
      type: 'fields',
      rows: [
        { label: zh ? '姓名' : 'Name', value: f.complainant.name },
        { label: zh ? '联系电话' : 'Phone', value: f.complainant.phone },
        { label: zh ? '通信地址' : 'Mailing address', value: f.complainant.address },
      ],
    },
    { type: 'heading', text: zh ? '被申请人' : 'Respondent (被申请人)' },
    {
      type: 'fields',
      rows: [
        { label: zh ? '名称' : 'Name', value: f.respondent.name },
        { label: zh ? '地址' : 'Address', value: f.respondent.address },
      ],
    },
    { type: 'heading', text: zh ? '请求事项' : 'Requests (请求事项)' },
    { type: 'list', items: f.requestItems() },
    { type: 'heading', text: zh ? '事实与理由' : 'Facts and reasons (事实与理由)' },
    { type: 'paragraph', text: `${f.factsText()}${f.historyText() ? (zh ? '' : ' ') + f.historyText() : ''}` },
    {
      type: 'paragraph',
      text: zh
        ? `依据《消费者权益保护法》第三十七条第（五）项、第三十九条第（二）项，特向贵会申请调解${f.basis.length ? `；相关规定：${basisText(f.basis, locale)}` : ''}。`
        : `Under 消费者权益保护法 第三十七条 item (5) and 第三十九条 item (2), I ask the association to mediate${f.basis.length ? `; the rules that apply: ${basisText(f.basis, locale)}` : ''}.`,
    },
    { type: 'heading', text: zh ? '证据材料' : 'Evidence' },
    { type: 'list', items: f.evidence.length ? f.evidence : [fill('证据（订单截图、付款记录、聊天记录、问题照片等）', 'evidence', locale)] },
    { type: 'paragraph', text: zh ? `案件编号：${file.caseNo}` : `Case number: ${file.caseNo}` },
    signature(input, { zh: '申请人', en: 'Applicant' }, f.complainant.name),
  ]);
}

/** A report (举报) gives the regulator a lead on a violation; it is not a request to settle one's own dispute. */
export function report(input: BuildInput): DocumentContent {
  const { file, locale } = input;
  const f = caseFacts(file, locale);
  const zh = locale === 'zh';
  return doc('report', input, zh ? '举报信' : 'Report to the market regulator (举报)', [
    { type: 'paragraph', text: zh ? '致：市场监督管理部门' : 'To: the market regulation department (市场监督管理部门)' },
    { type: 'heading', text: zh ? '举报人' : 'Reporter (举报人)' },
    {
      type: 'fields',
      rows: [
        { label: zh ? '姓名' : 'Name', value: f.complainant.name },
        { label: zh ? '联系电话' : 'Phone', value: f.complainant.phone },
        { label: zh ? '通信地址' : 'Mailing address', value: f.complainant.address },
      ],
    },
    { type: 'heading', text: zh ? '被举报人' : 'Reported trader (被举报人)' },
    {
      type: 'fields',
      rows: [
        { label: zh ? '名称' : 'Name', value: f.respondent.name },
        { label: zh ? '地址' : 'Address', value: f.respondent.address },
        { label: zh ? '经营平台' : 'Platform', value: file.record.parties.platform || fill('经营平台或网址', 'platform or website', locale) },
      ],
    },
    { type: 'heading', text: zh ? '举报事项' : 'What is reported' },
    {
      type: 'paragraph',
      text: zh
        ? `被举报人涉嫌存在以下违法行为：${categoryLabel(file.record.category, 'zh')}。${f.basis.length ? `涉及的规定：${basisText(f.basis, locale)}。` : ''}`
        : `The trader is suspected of: ${categoryLabel(file.record.category, 'en')}.${f.basis.length ? ` Rules concerned: ${basisText(f.basis, locale)}.` : ''}`,
    },
    { type: 'heading', text: zh ? '事实经过' : 'Facts' },
    { type: 'paragraph', text: `${f.factsText()}${f.historyText() ? (zh ? '' : ' ') + f.historyText() : ''}` },
    { type: 'heading', text: zh ? '证据材料' : 'Evidence' },
    { type: 'list', items: f.evidence.length ? f.evidence : [fill('证据（订单截图、商品页面截图、问题照片等）', 'evidence', locale)] },
    {
      type: 'paragraph',
      text: zh ? '请依法调查处理，并将是否立案的决定告知举报人。' : 'Please investigate under the law and tell the reporter whether a case is opened.',
    },
    { type: 'paragraph', text: zh ? `案件编号：${file.caseNo}` : `Case number: ${file.caseNo}` },
    signature(input, { zh: '举报人', en: 'Reporter' }, f.complainant.name),
    {
      type: 'note',
      text: zh
        ? '举报只向监管部门提供违法线索，不处理您个人的赔偿请求；要求退款、赔偿请另行投诉。投诉和举报可以同时提出，分别处理。'
        : 'A report only gives the regulator a lead on a violation; it does not settle your own claim. For a refund or compensation, file a complaint as well: the two are handled separately.',
    },
  ]);
}

/** 民事起诉状, in the structure of the courts' model complaint (示范文本): parties, claims, facts and reasons, evidence, court, date. */
export function civilComplaint(input: BuildInput): DocumentContent {
  const { file, locale } = input;
  const f = caseFacts(file, locale);
  const zh = locale === 'zh';
  const claims = [
    ...f.requestItems().map((item) => (zh ? `判令被告${item}` : `Order the defendant: ${item}`)),
    zh ? '本案诉讼费用由被告承担' : 'Order the defendant to bear the costs of the suit',
  ];
  return doc('civil-complaint', input, zh ? '民事起诉状' : 'Civil complaint (民事起诉状)', [
    { type: 'heading', text: zh ? '当事人信息' : 'Parties (当事人信息)' },
    {
      type: 'fields',
      rows: [
        { label: zh ? '原告' : 'Plaintiff (原告)', value: f.complainant.name },
        { label: zh ? '性别、出生日期、民族' : 'Sex, date of birth, ethnicity', value: fill('性别、出生日期、民族', 'sex, date of birth, ethnicity', locale) },
        { label: zh ? '公民身份号码' : 'ID number', value: fill('身份证号码', 'ID number', locale) },
        { label: zh ? '住所地' : 'Domicile', value: f.complainant.address },
        { label: zh ? '联系电话' : 'Phone', value: f.complainant.phone },
      ],
    },
    {
      type: 'fields',
      rows: [
        { label: zh ? '被告' : 'Defendant (被告)', value: f.respondent.name },
        { label: zh ? '住所地' : 'Domicile', value: f.respondent.address },
        { label: zh ? '法定代表人' : 'Legal representative', value: fill('法定代表人或负责人', 'legal representative', locale) },
        {
          label: zh ? '统一社会信用代码' : 'Unified social credit code',
          value: fill('统一社会信用代码（店铺资质页可查）', 'unified social credit code', locale),
        },
      ],
    },
    { type: 'heading', text: zh ? '诉讼请求' : 'Claims (诉讼请求)' },
    { type: 'list', items: claims },
    { type: 'heading', text: zh ? '事实和理由' : 'Facts and reasons (事实和理由)' },
    { type: 'paragraph', text: `${f.factsText()}${f.historyText() ? (zh ? '' : ' ') + f.historyText() : ''}` },
    {
      type: 'paragraph',
      text: f.basis.length
        ? zh
          ? `原告认为，依据${basisText(f.basis, locale)}的规定，被告应当承担相应责任。为维护原告的合法权益，特诉至贵院，请求判如所请。`
          : `Under ${basisText(f.basis, locale)}, the defendant is liable. The plaintiff brings this suit to protect their lawful rights and asks the court to grant the claims.`
        : zh
          ? `原告认为，被告应当承担相应责任，${fill('法律依据', 'legal basis', locale)}。为维护原告的合法权益，特诉至贵院，请求判如所请。`
          : `The defendant is liable (${fill('法律依据', 'legal basis', locale)}). The plaintiff asks the court to grant the claims.`,
    },
    { type: 'heading', text: zh ? '证据和证据来源' : 'Evidence and its source (证据和证据来源)' },
    {
      type: 'list',
      items: f.evidence.length
        ? f.evidence.map((e) => (zh ? `${e}（原告提供）` : `${e} (provided by the plaintiff)`))
        : [fill('证据名称及来源', 'evidence and source', locale)],
    },
    {
      type: 'closing',
      lines: [
        zh ? '此致' : 'To',
        fill(
          '受诉人民法院（被告住所地或收货地的基层人民法院，或有管辖权的互联网法院）',
          "the court (basic court of the defendant's domicile or the delivery address, or an internet court with jurisdiction)",
          locale,
        ),
        zh ? `具状人：${f.complainant.name}（签名）` : `Plaintiff: ${f.complainant.name} (signature)`,
        formatDate(input.today, locale),
      ],
    },
    {
      type: 'paragraph',
      text: zh
        ? `附：本诉状副本 ${fill('份数（按被告人数）', 'copies (one per defendant)', locale)} 份；证据材料 ${f.evidence.length || fill('份数', 'number', locale)} 份。`
        : `Enclosed: ${fill('份数（按被告人数）', 'copies (one per defendant)', locale)} copies of this complaint; ${f.evidence.length || fill('份数', 'number', locale)} items of evidence.`,
    },
    { type: 'paragraph', text: zh ? `案件编号：${file.caseNo}` : `Case number: ${file.caseNo}` },
  ]);
}
