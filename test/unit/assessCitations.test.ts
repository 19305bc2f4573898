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

beforeAll(async () => {
  cal = makeCalendar(await loadHolidayCalendar(path.join(repoRoot, 'knowledge', 'holidays', 'cn.json')));
  articles = new Set((await readLawDirectory(lawsDir)).filter((a) => a.current).map((a) => `${a.lawShort}|${a.label}`));
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

  it('cites only articles that exist in the law corpus', () => {
    expect(failures((a) => a.citations.filter((c) => !articles.has(`${c.law}|${c.article}`)).map((c) => `${c.law}${c.article}`))).toEqual([]);
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
