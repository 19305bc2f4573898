import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLawDirectory } from '../../src/retrieval/ingest/readLawDirectory.js';
import { DisputeType } from '../../src/retrieval/knowledgeFiles.js';
import { assess, type Assessment, type AssessmentInput } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar, parseIsoDate, type Calendar } from '../../src/rules/calendar/index.js';

// Properties over a matrix of inputs: every citation exists in the law corpus, and every assessment is well formed.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lawsDir = path.resolve(repoRoot, process.env.LAWS_DIR ?? '../shared/laws');
const d = parseIsoDate;

let cal: Calendar;
/** `${lawShort}|${label}` of every current article in the corpus. */
let articles: Set<string>;
/** `${lawShort}|${label}|${versionDate}` of every article of every version. */
let versioned: Set<string>;
/** `${lawShort}|${label}` → the distinct texts of that article across the versions the corpus holds. */
let textsAcrossVersions: Map<string, Set<string>>;

/** Rules the corpus holds that have been replaced by a text it does not hold: never cited as current. */
const SUPERSEDED = new Map([['市场监督管理投诉举报处理暂行办法', '2026-04-15']]);
/** 食品安全法: the 2025-09-12 amendment took effect 2025-12-01 (corpus README); before that, the 2021 text. */
const foodVersionOn = (date: string) => (date >= '2025-12-01' ? '2025-09-12' : '2021-04-29');

beforeAll(async () => {
  cal = makeCalendar(await loadHolidayCalendar(path.join(repoRoot, 'knowledge', 'holidays', 'cn.json')));
  const all = await readLawDirectory(lawsDir);
  articles = new Set(all.filter((a) => a.current).map((a) => `${a.lawShort}|${a.label}`));
  versioned = new Set(all.map((a) => `${a.lawShort}|${a.label}|${a.versionDate ?? ''}`));
  textsAcrossVersions = new Map();
  for (const a of all) {
    const key = `${a.lawShort}|${a.label}`;
    const texts = textsAcrossVersions.get(key) ?? new Set<string>();
    texts.add(a.text.replace(/\s+/g, ''));
    textsAcrossVersions.set(key, texts);
  }
}, 60_000);

const SELLERS: AssessmentInput['sellerType'][] = [undefined, 'third_party', 'platform_self_operated', 'live_stream', 'individual_second_hand'];

/** Sparse facts, and facts with every flag and date set, so each optional branch runs somewhere. */
const VARIANTS: Omit<AssessmentInput, 'category' | 'sellerType'>[] = [
  { today: d('2026-11-28') },
  {
    today: d('2026-11-28'),
    platform: '淘宝',
    amountFen: 599_00,
    lossFen: 2_000_00,
    orderDate: d('2026-10-30'),
    receivedDate: d('2026-11-03'),
    openedPackage: true,
    isDurableGood: true,
    defectFoundDate: d('2026-11-05'),
    injured: true,
    sellerKnewDefect: true,
    sellerRespondedBy: d('2026-11-30'),
    returnRequestedDate: d('2026-11-06'),
    returnReceivedBySellerDate: d('2026-11-12'),
    complaintFiledDate: d('2026-11-20'),
    sellerIdentifiable: false,
    platformKnew: true,
    sellerIsTrader: true,
    confirmedNonReturnable: false,
  },
  { today: d('2026-11-05'), receivedDate: d('2026-11-03'), customMade: true, perishable: true, digitalUnsealed: true, confirmedNonReturnable: true, sellerIsTrader: false },
  // Asked years later: every clock has run out, and each must say what is left.
  { today: d('2030-06-03'), amountFen: 599_00, orderDate: d('2026-10-30'), receivedDate: d('2026-11-03'), defectFoundDate: d('2026-11-05'), injured: true, returnRequestedDate: d('2026-11-06'), returnReceivedBySellerDate: d('2026-11-12'), sellerIsTrader: true },
  // The facts the new dispute types read, a purchase before the 2025 food-law amendment took effect, and a
  // complaint filed while the 2022 12315 rule was still in force.
  {
    today: d('2026-03-02'),
    amountFen: 5_000_00,
    contractTotalFen: 20_000_00,
    breachBy: 'seller',
    minorAge: 9,
    shopClosed: true,
    offline: true,
    sellerName: 'XX数码旗舰店',
    refurbishedAsNew: true,
    comparisonPriceFen: 4_200_00,
    renewalDate: d('2026-02-20'),
    orderDate: d('2025-08-01'),
    receivedDate: d('2025-08-03'),
    returnShippedDate: d('2025-08-05'),
    returnReceivedBySellerDate: d('2025-08-08'),
    complaintFiledDate: d('2026-02-02'),
    confirmedNonReturnable: true,
  },
  { today: d('2026-11-28'), amountFen: 80_00, contractTotalFen: 200_00, breachBy: 'buyer', minorAge: 16, sellerName: '张三的闲置', orderDate: d('2024-05-01'), shopClosed: false, offline: false },
  { today: d('2026-11-28'), minorAge: 19, orderDate: d('2026-11-20'), renewalDate: d('2026-12-10') },
];

const CASES = DisputeType.options.flatMap((category) => SELLERS.flatMap((sellerType) => VARIANTS.map((v) => ({ ...v, category, sellerType }))));
const label = (i: AssessmentInput) => `${i.category}/${i.sellerType ?? '-'}/${Object.keys(i).length}`;

/** Runs `check` on every case's assessment and returns the failures, labelled, so one test reports them all. */
function failures(check: (a: Assessment) => string[]): string[] {
  return CASES.flatMap((input) => check(assess(input, cal)).map((problem) => `${label(input)}: ${problem}`));
}

describe(`assessments over ${CASES.length} inputs (every dispute type × seller type × sparse/full/excluded facts)`, () => {
  it('checks citations against a corpus that does contain the articles we rely on, and not others', () => {
    expect(articles.has('消费者权益保护法|第二十五条')).toBe(true);
    expect(articles.has('民法典|第六百二十一条')).toBe(true);
    expect(articles.has('消费者权益保护法|第九十九条')).toBe(false);
  });

  it('cites only articles that exist in the law corpus: the current text, or the version named', () => {
    expect(
      failures((a) =>
        a.citations
          .filter((c) => (c.version ? !versioned.has(`${c.law}|${c.article}|${c.version}`) : !articles.has(`${c.law}|${c.article}`)))
          .map((c) => `${c.law}${c.article}${c.version ? `(${c.version})` : ''}`),
      ),
    ).toEqual([]);
  });

  it('never cites a replaced rule as current: each such citation is marked, with the date and what it is cited for', () => {
    expect(
      failures((a) =>
        a.citations
          .filter((c) => SUPERSEDED.has(c.law))
          .filter((c) => c.superseded?.on !== SUPERSEDED.get(c.law) || !c.superseded?.asZh || !c.superseded.asEn)
          .map((c) => `${c.law}${c.article} is not marked as replaced`),
      ),
    ).toEqual([]);
  });

  it('cites 食品安全法 in the version in force on the purchase date (today when there is none)', () => {
    const problems = CASES.flatMap((input) => {
      const date = input.orderDate ?? input.receivedDate ?? input.today;
      return assess(input, cal)
        .citations.filter((c) => c.law === '食品安全法' && c.version !== foodVersionOn(date))
        .map((c) => `${label(input)}: ${c.article} cited as ${c.version ?? 'unversioned'} for ${date}`);
    });
    expect(problems).toEqual([]);
  });

  it('cites a law held in several versions without a version only where the article reads the same in every version', () => {
    expect(failures((a) => a.citations.filter((c) => !c.version && (textsAcrossVersions.get(`${c.law}|${c.article}`)?.size ?? 0) > 1).map((c) => `${c.law}${c.article} differs between versions`))).toEqual([]);
  });

  it('runs over every dispute type in the vocabulary, each with rules of its own', () => {
    const generic = new Set(['dispute-routes']);
    const bare = DisputeType.options.filter((category) => {
      const ids = assess({ category, today: d('2026-11-28') }, cal).conclusions.map((c) => c.id);
      return ids.every((id) => generic.has(id) || /^(liability|limitation|complaint|deemed)-/.test(id));
    });
    expect(bare).toEqual(['other']);
  });

  it('gives every conclusion citations, both languages and a unique id', () => {
    expect(
      failures((a) => {
        const ids = a.conclusions.map((c) => c.id);
        return [
          ...a.conclusions.filter((c) => c.citations.length === 0).map((c) => `${c.id} has no citation`),
          ...a.conclusions.filter((c) => !c.text || !c.textEn || !c.title || !c.titleEn).map((c) => `${c.id} lacks a text`),
          ...(new Set(ids).size === ids.length ? [] : [`duplicate ids ${ids.join(',')}`]),
        ];
      }),
    ).toEqual([]);
  });

  it('lists the union of the conclusions’ citations once each, in order of first use', () => {
    expect(
      failures((a) => {
        const keys = [...new Set(a.conclusions.flatMap((c) => c.citations.map((x) => `${x.law}|${x.article}`)))];
        const union = a.citations.map((x) => `${x.law}|${x.article}`);
        return JSON.stringify(keys) === JSON.stringify(union) ? [] : ['citations are not the ordered union'];
      }),
    ).toEqual([]);
  });

  it('keeps money in integer fen, and dated deadlines complete and honest about the calendar', () => {
    expect(
      failures((a) => [
        ...a.conclusions.flatMap((c) => [
          ...(c.amountFen !== undefined && !Number.isSafeInteger(c.amountFen) ? [`${c.id} amount ${c.amountFen}`] : []),
          ...(c.due !== undefined && (c.status === undefined || c.daysLeft === undefined) ? [`${c.id} has a due date but no status`] : []),
          ...(c.unverified && !c.text.includes('节假日待核') ? [`${c.id} is unverified but its date is not marked`] : []),
        ]),
        // The missing holiday notice is explained once per assessment, not in every conclusion.
        ...(a.conclusions.filter((c) => c.text.includes('尚未载入')).length !== (a.conclusions.some((c) => c.unverified) ? 1 : 0) ? ['the missing-calendar note is not said exactly once'] : []),
      ]),
    ).toEqual([]);
  });

  it('tells what still applies once a deadline has passed, never only that it has', () => {
    const stillApplies = /仍|不受这一期限限制|可以|请求|投诉|起诉/;
    expect(
      failures((a) =>
        a.conclusions
          .filter((c) => c.status === 'passed')
          .flatMap((c) => (stillApplies.test(c.text.slice(c.text.indexOf('已过'))) ? [] : [`${c.id} passed without saying what still applies`])),
      ),
    ).toEqual([]);
  });

  it('says what the consumer can do, not only when', () => {
    expect(failures((a) => (a.conclusions.some((c) => c.kind !== 'deadline') ? [] : ['deadlines only']))).toEqual([]);
  });

  it('never gives two punitive amounts on the same price', () => {
    expect(failures((a) => (a.conclusions.filter((c) => c.id === 'fraud-triple' || c.id === 'food-punitive').length > 1 ? ['3× and 10× together'] : []))).toEqual([]);
  });

  it('applies consumer law unless the seller is a private second-hand seller not shown to be trading', () => {
    expect(
      failures((a) => {
        const scam = a.conclusions.some((c) => c.id === 'scam-act-now');
        return a.appliesConsumerLaw === !(scam || a.conclusions.some((c) => c.id === 'second-hand-not-consumer-law')) ? [] : ['appliesConsumerLaw disagrees with the conclusions'];
      }),
    ).toEqual([]);
  });
});
