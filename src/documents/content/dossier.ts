import type { CaseCitation } from '../../cases/caseRecord.js';
import type { Block, CaseEventEntry, DocumentContent, DocumentLocale } from '../model.js';
import { SUPERSEDED } from '../supersessions.js';
import { allCitations, caseFacts } from './caseFacts.js';
import { citeText, fill, formatDate, formatMoment } from './format.js';
import { formatFen } from '../../../dialogs/money.js';
import { DEADLINE_STATUS_LABELS, EVIDENCE_LABELS, OUTCOME_LABELS, SELLER_TYPE_LABELS, STATUS_LABELS, STEP_LABELS, categoryLabel, label } from './labels.js';
import { footerOf, type BuildInput } from './letters.js';

const ACTORS: Record<string, { zh: string; en: string }> = {
  bot: { zh: '助手', en: 'assistant' },
  consumer: { zh: '消费者', en: 'consumer' },
  system: { zh: '系统', en: 'system' },
};

function eventText(e: CaseEventEntry, locale: DocumentLocale): string {
  const zh = locale === 'zh';
  const p = (e.payload ?? {}) as Record<string, unknown>;
  const status = typeof p.status === 'string' ? label(STATUS_LABELS, p.status, locale) : undefined;
  const from = typeof p.from === 'string' ? label(STATUS_LABELS, p.from, locale) : undefined;
  switch (e.type) {
    case 'filed':
      return zh ? `立案${status ? `（${status}）` : ''}` : `Case filed${status ? ` (${status})` : ''}`;
    case 'status_changed':
      return zh ? `状态变更：${from ?? '—'} → ${status ?? '—'}` : `Status: ${from ?? '—'} → ${status ?? '—'}`;
    case 'note':
      return zh ? `备注：${String(p.text ?? '')}` : `Note: ${String(p.text ?? '')}`;
    case 'resumed':
      return zh ? '消费者凭案件编号继续办理' : 'The consumer resumed the case';
    case 'updated':
      return zh ? '案件信息更新' : 'Case details updated';
    case 'no_agent_available':
      return zh ? '暂无人工客服接待' : 'No agent was available';
    default:
      return e.type.replaceAll('_', ' ');
  }
}

/** The case dossier: summary, timeline, remedies and deadlines with citations, evidence with hashes, the cited articles in full. */
export function dossier(input: BuildInput): DocumentContent {
  const { file, locale } = input;
  const zh = locale === 'zh';
  const r = file.record;
  const f = caseFacts(file, locale);
  const t = (a: string, b: string) => (zh ? a : b);
  const cites = (cs: CaseCitation[]) => cs.map((c) => citeText(c, locale)).join(t('、', ', ')) || '—';

  const blocks: Block[] = [
    { type: 'heading', text: t('一、案件概要', '1. Case summary') },
    {
      type: 'fields',
      rows: [
        { label: t('案件编号', 'Case number'), value: file.caseNo },
        { label: t('立案日期', 'Filed on'), value: formatDate(file.filedOn, locale) },
        { label: t('当前状态', 'Status'), value: label(STATUS_LABELS, file.status, locale) },
        { label: t('纠纷类型', 'Dispute type'), value: categoryLabel(r.category, locale) },
        { label: t('消费者', 'Consumer'), value: `${f.complainant.name}；${f.complainant.phone}；${f.complainant.address}` },
        { label: t('平台', 'Platform'), value: r.parties.platform || fill('平台', 'platform', locale) },
        {
          label: t('商家', 'Seller'),
          value: `${f.respondent.name}${r.parties.sellerType ? `（${label(SELLER_TYPE_LABELS, r.parties.sellerType, locale)}）` : ''}`,
        },
        { label: t('商家地址', 'Seller address'), value: f.respondent.address },
        { label: t('商品或服务', 'Goods or service'), value: f.product },
        { label: t('订单号', 'Order number'), value: r.order.orderNumber || fill('订单号', 'order number', locale) },
        { label: t('金额', 'Amount'), value: f.amount ?? fill('金额', 'amount', locale) },
        { label: t('下单日期', 'Ordered on'), value: r.order.orderDate ? formatDate(r.order.orderDate, locale) : fill('下单日期', 'order date', locale) },
        {
          label: t('签收日期', 'Received on'),
          value: r.order.receivedDate ? formatDate(r.order.receivedDate, locale) : fill('签收日期', 'date received', locale),
        },
        { label: t('诉求', 'Requests'), value: f.requestText() },
      ],
    },
    { type: 'paragraph', text: `${f.factsText()}${f.historyText() ? (zh ? '' : ' ') + f.historyText() : ''}` },
    { type: 'heading', text: t('二、办理经过', '2. Timeline') },
    {
      type: 'table',
      head: [t('时间', 'When'), t('经过', 'What happened'), t('操作方', 'By')],
      widths: [0.22, 0.58, 0.2],
      rows: file.events.map((e) => [formatMoment(e.at), eventText(e, locale), ACTORS[e.actor]?.[locale] ?? e.actor]),
    },
    ...(r.outcomes.length
      ? [
          {
            type: 'table',
            head: [t('维权步骤', 'Step'), t('结果', 'Outcome')],
            widths: [0.5, 0.5],
            rows: r.outcomes.map((o) => [label(STEP_LABELS, o.step, locale), label(OUTCOME_LABELS, o.outcome, locale)]),
          } as Block,
        ]
      : []),
    { type: 'heading', text: t('三、可主张的权利与金额', '3. Remedies and amounts') },
    r.remedies.length
      ? {
          type: 'table',
          head: [t('结论', 'Conclusion'), t('说明', 'Explanation'), t('金额', 'Amount'), t('依据', 'Basis')],
          widths: [0.2, 0.44, 0.12, 0.24],
          rows: r.remedies.map((k) => [k.title, k.text, k.amountFen !== undefined ? formatFen(k.amountFen) : '—', cites(k.citations)]),
        }
      : { type: 'paragraph', text: t('案件记录中没有计算出的权利或金额。', 'The case record holds no computed remedy or amount.') },
    { type: 'heading', text: t('四、期限', '4. Deadlines') },
    r.deadlines.length
      ? {
          type: 'table',
          head: [t('期限', 'Deadline'), t('截止日期', 'Due'), t('状态', 'Status'), t('依据', 'Basis')],
          widths: [0.34, 0.18, 0.14, 0.34],
          rows: r.deadlines.map((d) => [
            d.title,
            formatDate(d.due, locale),
            d.status ? label(DEADLINE_STATUS_LABELS, d.status, locale) : '—',
            cites(d.citations),
          ]),
        }
      : { type: 'paragraph', text: t('案件记录中没有计算出的期限。', 'The case record holds no computed deadline.') },
    { type: 'heading', text: t('五、证据清单', '5. Evidence') },
    ...(r.evidence.length
      ? [
          {
            type: 'list',
            items: r.evidence.map((id) => `${label(EVIDENCE_LABELS, id, locale)}${t('（消费者自述持有）', ' (held by the consumer, as stated)')}`),
          } as Block,
        ]
      : []),
    file.evidenceFiles.length
      ? {
          type: 'table',
          head: [t('上传文件', 'Uploaded file'), t('类型与大小', 'Type and size'), t('上传时间', 'Uploaded'), 'SHA-256'],
          widths: [0.22, 0.17, 0.17, 0.44],
          rows: file.evidenceFiles.map((e) => [e.name, `${e.contentType}, ${e.size.toLocaleString('en-US')} B`, formatMoment(e.at), e.sha256]),
        }
      : { type: 'paragraph', text: t('本案没有上传的证据文件。', 'No evidence file was uploaded to this case.') },
    { type: 'heading', text: t('六、引用法条全文', '6. Cited articles in full') },
  ];
  for (const c of allCitations(file)) {
    const held = file.articles.get(`${c.law}|${c.article}`);
    const superseded = SUPERSEDED[c.law];
    if (!held) {
      blocks.push({ type: 'article', title: citeText(c, 'zh'), meta: t('本库未收录该条文本', 'Text not held'), text: '' });
      continue;
    }
    const version = held.versionDate
      ? t(`${formatDate(held.versionDate, 'zh')}版本`, `version of ${held.versionDate}`)
      : t('版本日期未注明', 'version date not given');
    const replaced = held.supersededBy ?? (superseded ? { law: superseded.law, order: superseded.order, on: superseded.on } : undefined);
    const flags = [
      held.inForce ? t(`自${formatDate(held.inForce, 'zh')}起施行`, `in force from ${held.inForce}`) : '',
      t(`适用于${formatDate(file.lawsOn, 'zh')}`, `as applied on ${file.lawsOn}`),
      replaced
        ? t(
            `已于${formatDate(replaced.on, 'zh')}被《${replaced.law}》${replaced.order ? `（${replaced.order}）` : ''}取代，取代后的文本本库未收录`,
            `replaced on ${replaced.on} by ${replaced.law}${replaced.order ? ` (${replaced.order})` : ''}, whose text we do not hold`,
          )
        : '',
    ].filter(Boolean);
    blocks.push({ type: 'article', title: citeText(c, 'zh'), meta: [version, ...flags].join(t('；', '; ')), text: held.text });
  }
  blocks.push({
    type: 'note',
    text: t(
      '金额与期限由规则模块根据案件记录计算；法条为本库收录的文本。本文件提供法律信息，不构成律师意见。',
      "Amounts and deadlines were computed by the rules module from the case record; articles are the texts we hold. Legal information, not a lawyer's advice.",
    ),
  });
  return {
    kind: 'dossier',
    locale,
    title: t(`案件卷宗 ${file.caseNo}`, `Case dossier ${file.caseNo}`),
    caseNo: file.caseNo,
    blocks,
    footer: footerOf(file, locale),
  };
}
