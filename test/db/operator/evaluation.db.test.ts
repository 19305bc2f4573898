import { beforeAll, describe, expect, it } from 'vitest';
import { evaluationTable, makeEvaluation, tableCsv } from '../../../src/operator/evaluation.js';
import { useTestDatabase } from '../../helpers/testDatabase.js';
import { insertEvaluationFixture } from './evaluationFixture.js';

const t = useTestDatabase();
const november = { sites: ['s_alpha'], from: '2026-11-01', to: '2026-11-30' };

beforeAll(async () => {
  await insertEvaluationFixture(t.db);
});

describe('evaluation aggregates (hand-computed from the fixture)', () => {
  it('counts the site’s cases of the period by China day, dispute type, platform, merchant and product', async () => {
    const e = await makeEvaluation({ db: t.db }).evaluate(november);
    expect(e.cases).toBe(3);
    expect(e.casesByDay).toEqual([
      { day: '2026-11-02', key: 'quality_defect', count: 1 },
      { day: '2026-11-03', key: 'quality_defect', count: 1 },
      { day: '2026-11-10', key: 'counterfeit', count: 1 },
    ]);
    expect(e.byCategory).toEqual([
      { key: 'quality_defect', count: 2 },
      { key: 'counterfeit', count: 1 },
    ]);
    expect(e.byPlatform).toEqual([
      { key: '京东', count: 2 },
      { key: '淘宝', count: 1 },
    ]);
    expect(e.byMerchant).toEqual([
      { key: '甲店', count: 2 },
      { key: '乙店', count: 1 },
    ]);
    expect(e.byProduct).toEqual([
      { key: '手机', count: 2 },
      { key: '耳机', count: 1 },
    ]);
  });

  it('gives the furthest step reached, each step’s outcomes and the time to resolution', async () => {
    const e = await makeEvaluation({ db: t.db }).evaluate(november);
    expect(e.stepReached).toEqual([
      { key: 'negotiating', count: 1 },
      { key: 'platform', count: 1 },
      { key: 'external', count: 1 },
    ]);
    expect(e.stepOutcomes).toEqual([
      { step: 'negotiate', outcome: 'refused', count: 3 },
      { step: 'platform', outcome: 'refused', count: 1 },
    ]);
    // 10 h and 30 h: median 20 h, p90 10 h + 0.9 × 20 h.
    expect(e.resolution).toEqual({ count: 2, medianSeconds: 72_000, p90Seconds: 100_800 });
  });

  it('gives the handoff rate and the queue wait', async () => {
    const e = await makeEvaluation({ db: t.db }).evaluate(november);
    expect(e.conversations).toBe(5);
    expect(e.handoffs).toBe(4);
    expect(e.handoffRate).toBeCloseTo(0.8);
    // Taken after 120 s and 600 s; one went back to the bot unanswered, one still waits.
    expect(e.queueWait).toEqual({ count: 2, medianSeconds: 360, p90Seconds: 552, timedOut: 1, waiting: 1 });
  });

  it('counts the letters and groups the questions not covered or answered without a citation, without identifiers', async () => {
    const e = await makeEvaluation({ db: t.db }).evaluate(november);
    expect(e.letters).toEqual([
      { key: 'negotiate', count: 3 },
      { key: 'platform', count: 2 },
      { key: 'external', count: 1 },
    ]);
    expect(e.questions).toEqual({ answered: 4, notCovered: 2, lowConfidence: 1 });
    expect(e.questionGroups).toEqual([
      { kind: 'notCovered', text: '能不能退运费 [已隐去:电话 phone]', hash: null, count: 2 },
      { kind: 'lowConfidence', text: null, hash: 'abc123abc123abc1', count: 1 },
    ]);
    expect(JSON.stringify(e)).not.toMatch(/13812345678|13900001111/);
  });

  it('keeps sites apart and an empty period empty', async () => {
    const beta = await makeEvaluation({ db: t.db }).evaluate({ ...november, sites: ['s_beta'] });
    expect(beta.cases).toBe(1);
    expect(beta.byPlatform).toEqual([{ key: '拼多多', count: 1 }]);
    expect(beta.questionGroups.map((g) => g.text)).toEqual(['别的站点的问题']);
    const none = await makeEvaluation({ db: t.db }).evaluate({ ...november, from: '2025-01-01', to: '2025-01-31' });
    expect(none).toMatchObject({ cases: 0, conversations: 0, handoffRate: null, casesByDay: [], letters: [], resolution: { count: 0, medianSeconds: null } });
  });

  it('exports each chart’s data as CSV', async () => {
    const e = await makeEvaluation({ db: t.db }).evaluate(november);
    const csv = tableCsv(evaluationTable(e, 'byMerchant'));
    expect(csv).toBe('\uFEFF店铺 merchant,数量 count\r\n甲店,2\r\n乙店,1\r\n');
    expect(tableCsv({ columns: ['a'], rows: [['=SUM(A1)'], ['x,"y"']] })).toBe('\uFEFFa\r\n\'=SUM(A1)\r\n"x,""y"""\r\n');
  });
});
