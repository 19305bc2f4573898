import { parseDate } from '../../src/engineDeps.js';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DialogEvent } from '../../dialogs/rights/events.js';
import { shanghaiDate } from '../../src/engine/runTurn.js';
import { initialStep, transition, type MachineSnapshot } from '../../src/engine/machine.js';
import { nextTurnSnapshot, parseSnapshot, toStored } from '../../src/engine/snapshot.js';
import { toAssessmentInput, toAssessmentSummary } from '../../src/engine/toAssessment.js';
import { assess } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar, type Calendar } from '../../src/rules/calendar/index.js';
import { repoRoot } from '../helpers/paths.js';

let calendar: Calendar;
beforeAll(async () => {
  calendar = makeCalendar(await loadHolidayCalendar(path.join(repoRoot, 'knowledge', 'holidays', 'cn.json')));
});

/** What the next turn would start from after writing `s` and reading it back. */
const reread = (s: MachineSnapshot) => parseSnapshot(JSON.parse(JSON.stringify(toStored(s))), s.context.locale);

describe('the state a process keeps for the next turn', () => {
  it('is the state a read of the stored snapshot gives, at every step of a dialog with a corrected assessment', () => {
    const states: MachineSnapshot[] = [];
    let s = initialStep('zh').snapshot;
    const feed = (event: DialogEvent) => {
      s = transition(s, event).snapshot;
      states.push(s);
    };
    const assessed = () => ({
      type: 'ASSESSED' as const,
      assessment: toAssessmentSummary(assess(toAssessmentInput(s.context, '2026-11-28', parseDate), calendar), 'zh'),
    });
    feed({ type: 'CONSENT', given: true });
    feed({
      type: 'FACTS',
      correction: false,
      category: { best: 'seven_day_return', confident: true, alternatives: [] },
      slots: {
        platform: '京东',
        product: '手机',
        amountFen: 299_900,
        orderDate: '2026-10-30',
        receivedDate: '2026-11-03',
        problem: '屏幕有亮点',
        openedPackage: true,
      },
    });
    feed({ type: 'ROUTE_COLLECT' });
    feed({ type: 'ROUTE_ASSESS' });
    feed(assessed());
    feed({ type: 'CASE_FILED', caseNo: 'WQ-20261128-7K3P' });
    feed({ type: 'FACTS', correction: true, slots: { receivedDate: '2026-11-04' } });
    feed(assessed());
    feed({ type: 'EVIDENCE', items: ['order', 'chat'] });
    feed({ type: 'OUTCOME', outcome: 'refused', slots: { sellerResponse: '拆封不退' } });
    feed({ type: 'URGENT', kinds: ['threat'] });
    feed({ type: 'WITHDRAW_CONSENT' });
    feed({ type: 'NEED_CONSENT', reason: 'case' });

    expect(states.some((x) => x.context.assessment?.changed !== undefined)).toBe(true);
    for (const [i, state] of states.entries()) {
      const read = reread(state);
      expect(read.reset, `step ${i + 1}`).toBe(false);
      const kept = nextTurnSnapshot(state);
      expect(JSON.parse(JSON.stringify(kept)), `step ${i + 1}`).toEqual(read.snapshot);
      // The dialog compares these as JSON text (sameAssessment, changed slots): their key order must match too.
      expect(JSON.stringify(kept.context.assessment), `step ${i + 1} assessment`).toBe(JSON.stringify(read.snapshot.context.assessment));
      for (const [slot, value] of Object.entries(kept.context.slots))
        expect(JSON.stringify(value), `step ${i + 1} ${slot}`).toBe(JSON.stringify(read.snapshot.context.slots[slot as keyof typeof kept.context.slots]));
    }
  });

  it('carries a version-1 state on: the questions-only stage becomes triage waiting for the story, a pending consent question gives way to the story', () => {
    const v1 = (value: string, context: Record<string, unknown>) => ({
      machine: 'rights',
      version: 1,
      value,
      context: { consent: 'unknown', locale: 'zh', slots: {}, evidence: [], outcomes: [], failures: 0, history: [], ...context },
    });
    const declined = parseSnapshot(v1('questionsOnly', { consent: 'declined', history: ['questionsOnly'] }), 'zh');
    expect(declined).toMatchObject({
      reset: false,
      snapshot: { value: 'triage', context: { consent: 'declined', history: ['triage'], awaiting: { slot: 'description' } } },
    });
    const welcome = parseSnapshot(v1('welcome', { awaiting: { slot: 'consent', kind: 'confirm', choices: ['yes', 'no'] } }), 'zh');
    expect(welcome).toMatchObject({ reset: false, snapshot: { value: 'welcome', context: { awaiting: { slot: 'description' } } } });
    const evidence = parseSnapshot(v1('evidence', { consent: 'given', category: 'non_delivery', awaiting: { slot: 'evidence', kind: 'choice' } }), 'zh');
    expect(evidence).toMatchObject({ reset: false, snapshot: { value: 'evidence', context: { consent: 'given', category: 'non_delivery' } } });
    expect(parseSnapshot({ machine: 'rights', version: 3, value: 'welcome', context: {} }, 'zh')).toMatchObject({
      reset: true,
      reason: 'unknown snapshot version 3',
    });
  });

  it('dates the turn in Asia/Shanghai, around midnight on both sides', () => {
    expect(shanghaiDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(shanghaiDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(shanghaiDate(new Date('2026-12-31T23:30:00+08:00'))).toBe('2026-12-31');
  });
});
