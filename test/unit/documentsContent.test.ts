import { describe, expect, it } from 'vitest';
import { DISPUTE_TYPES } from '../../dialogs/disputeTypes.js';
import { CaseRecord } from '../../src/cases/caseRecord.js';
import { buildDocument, DOCUMENT_KINDS, type CaseFile, type DocumentLocale } from '../../src/documents/index.js';
import type { Block, DocumentContent } from '../../src/documents/model.js';
import { citeText } from '../../src/documents/content/format.js';

const sparse = (category: string): CaseRecord => ({
  category,
  parties: {},
  order: {},
  facts: {},
  contact: {},
  demands: [],
  evidence: [],
  remedies: [],
  deadlines: [],
  citations: [],
  step: 'collecting',
  outcomes: [],
  handoff: 'none',
});

const full = (category: string): CaseRecord => ({
  ...sparse(category),
  parties: { platform: '淘宝', sellerType: 'third_party', shopName: '某某旗舰店', shopAddress: '浙江省杭州市余杭区文一西路969号' },
  order: { orderNumber: '4001234567890', product: '蓝牙耳机', amountFen: 59_950, orderDate: '2026-11-01', receivedDate: '2026-11-03' },
  facts: { problem: '左耳没有声音', sellerResponse: '不给退' },
  contact: { name: '王芳', phone: '13800138000', address: '上海市浦东新区世纪大道100号' },
  demands: ['return', 'punitive'],
  evidence: ['order', 'chat'],
  remedies: [
    {
      id: 'fraud-triple',
      kind: 'amount',
      title: '欺诈三倍赔偿',
      text: '按价款三倍计算',
      citations: [{ law: '消费者权益保护法', article: '第五十五条' }],
      amountFen: 179_850,
    },
  ],
  deadlines: [
    { id: 'seven-day', title: '七日无理由退货期限', due: '2026-11-10', status: 'open', citations: [{ law: '消费者权益保护法', article: '第二十五条' }] },
  ],
  citations: [{ law: '消费者权益保护法', article: '第五十五条' }],
  step: 'external',
  outcomes: [{ step: 'seller', outcome: 'refused' }],
});

const file = (record: CaseRecord, locale: DocumentLocale = 'zh'): CaseFile => ({
  caseNo: 'WQ-20261101-ABCD',
  status: 'external',
  locale,
  filedOn: '2026-11-01',
  lawsOn: '2026-11-01',
  record,
  events: [{ seq: 1, type: 'filed', actor: 'bot', payload: { status: 'open' }, at: '2026-11-01T10:00:00.000000+08:00' }],
  evidenceFiles: [{ name: 'photo.jpg', sha256: 'a'.repeat(64), size: 1234, contentType: 'image/jpeg', at: '2026-11-01T10:05:00.000000+08:00' }],
  articles: new Map([
    [
      '消费者权益保护法|第五十五条',
      {
        law: '消费者权益保护法',
        article: '第五十五条',
        versionDate: '2013-10-25',
        inForce: '2014-03-15',
        text: '第五十五条 经营者提供商品或者服务有欺诈行为的……',
      },
    ],
  ]),
});

const textOf = (d: DocumentContent): string =>
  [
    d.title,
    d.footer,
    ...d.blocks.flatMap((b: Block) => {
      switch (b.type) {
        case 'fields':
          return b.rows.flatMap((r) => [r.label, r.value]);
        case 'list':
          return b.items;
        case 'table':
          return [...b.head, ...b.rows.flat()];
        case 'article':
          return [b.title, b.meta, b.text];
        case 'closing':
          return b.lines;
        default:
          return [b.text];
      }
    }),
  ].join('\n');

describe('document content from the case record', () => {
  for (const locale of ['zh', 'en'] as const) {
    it(`never prints a missing value as undefined, NaN or an object, for every dispute type and kind (${locale})`, () => {
      for (const category of DISPUTE_TYPES) {
        for (const record of [sparse(category), full(category)]) {
          for (const kind of DOCUMENT_KINDS) {
            const text = textOf(buildDocument(kind, { file: file(record, locale), locale, today: '2026-11-28' }));
            expect(text, `${category} ${kind}`).not.toMatch(/undefined|NaN|\[object|null/);
            expect(text).toContain('WQ-20261101-ABCD');
          }
        }
      }
    });
  }

  it('marks every 第九条 item it does not hold as 【请填写…】, inventing none', () => {
    const text = textOf(buildDocument('complaint-12315', { file: file(sparse('quality_defect')), locale: 'zh', today: '2026-11-28' }));
    for (const blank of [
      '【请填写姓名】',
      '【请填写联系电话】',
      '【请填写通信地址】',
      '【请填写商家名称',
      '【请填写商家地址',
      '【请填写金额】',
      '【请填写具体问题】',
    ])
      expect(text).toContain(blank);
  });

  it('takes names, amounts, dates and citations from the record as they are', () => {
    const text = textOf(buildDocument('complaint-12315', { file: file(full('counterfeit')), locale: 'zh', today: '2026-11-28' }));
    for (const value of [
      '王芳',
      '13800138000',
      '上海市浦东新区世纪大道100号',
      '某某旗舰店（淘宝平台店铺）',
      '浙江省杭州市余杭区文一西路969号',
      '¥599.50',
      '¥1,798.50',
      '2026年11月1日',
      '《消费者权益保护法》第五十五条',
      '4001234567890',
    ]) {
      expect(text).toContain(value);
    }
    expect(text.slice(text.indexOf('一、投诉人'), text.indexOf('五、'))).not.toContain('请填写');
  });

  it('writes English documents with the Chinese legal names kept', () => {
    const text = textOf(buildDocument('civil-complaint', { file: file(full('counterfeit'), 'en'), locale: 'en', today: '2026-11-28' }));
    expect(text).toContain('Civil complaint (民事起诉状)');
    expect(text).toContain('消费者权益保护法 第五十五条');
    expect(text).toContain('28 November 2026');
    expect(text).toContain('Order the defendant: return the goods for a refund: repay the price of ¥599.50');
    expect(text).not.toContain('判令被告');
  });

  it('the dossier lists each upload with its full SHA-256 and quotes the held article with its version', () => {
    const text = textOf(buildDocument('dossier', { file: file(full('counterfeit')), locale: 'zh', today: '2026-11-28' }));
    expect(text).toContain('a'.repeat(64));
    expect(text).toContain('经营者提供商品或者服务有欺诈行为的');
    expect(text).toContain('2013年10月25日版本');
    // An article the record cites but we do not hold is said to be missing, not quoted from memory.
    expect(text).toContain('本库未收录该条文本');
  });
  it('keeps the version and the superseded marker of each citation through the record and into the documents', () => {
    const replaced = {
      on: '2026-04-15',
      byZh: '《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号）',
      byEn: 'SAMR Order No. 121',
      asZh: '2022年规定列出的投诉材料事项',
      asEn: "the 2022 rule's list of required items",
    };
    const record = CaseRecord.parse({
      ...full('food_safety'),
      remedies: [
        {
          id: 'food-tenfold',
          kind: 'amount',
          title: '十倍赔偿',
          text: '按价款十倍计算',
          citations: [{ law: '食品安全法', article: '第一百四十八条', version: '2025-09-12' }],
          amountFen: 100_000,
        },
      ],
      citations: [
        { law: '食品安全法', article: '第一百四十八条', version: '2025-09-12' },
        { law: '市场监督管理投诉举报处理暂行办法', article: '第九条', version: '2022-03-24', superseded: replaced },
      ],
    });
    // Parsing the stored record (JSON) keeps both, so nothing downstream sees a bare {law, article}.
    expect(record.citations).toEqual([
      { law: '食品安全法', article: '第一百四十八条', version: '2025-09-12' },
      { law: '市场监督管理投诉举报处理暂行办法', article: '第九条', version: '2022-03-24', superseded: replaced },
    ]);
    const zh = textOf(buildDocument('dossier', { file: file(record), locale: 'zh', today: '2026-11-28' }));
    expect(zh).toContain('《食品安全法》（2025-09-12版）第一百四十八条');
    expect(zh).toContain(
      '《市场监督管理投诉举报处理暂行办法》（2022-03-24版）第九条（已于2026-04-15被《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号）取代）',
    );
    const letter = textOf(buildDocument('seller-letter', { file: file(record), locale: 'zh', today: '2026-11-28' }));
    expect(letter).toContain('《食品安全法》（2025-09-12版）第一百四十八条');
    const en = textOf(buildDocument('dossier', { file: file(record, 'en'), locale: 'en', today: '2026-11-28' }));
    expect(en).toContain('食品安全法 (version of 2025-09-12) 第一百四十八条');
    expect(citeText(record.citations[1]!, 'en')).toBe(
      '市场监督管理投诉举报处理暂行办法 (version of 2022-03-24) 第九条 (replaced on 2026-04-15 by SAMR Order No. 121)',
    );
  });
});
