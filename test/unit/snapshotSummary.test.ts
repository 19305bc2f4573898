import { describe, expect, it } from 'vitest';
import { initialSnapshot } from '../../src/engine/machine.js';
import { toStored } from '../../src/engine/snapshot.js';
import { summarizeSnapshot } from '../../src/engine/snapshotSummary.js';

describe('what the engine tells others of a stored snapshot', () => {
  it('the stage, the dispute type and the amount paid', () => {
    const start = initialSnapshot('zh');
    const stored = JSON.parse(
      JSON.stringify(toStored({ ...start, value: 'triage', context: { ...start.context, category: 'quality_defect', slots: { amountFen: 299_900 } } })),
    );
    expect(summarizeSnapshot(stored)).toEqual({ stage: 'triage', category: 'quality_defect', amountFen: 299_900 });
  });

  it('a fresh conversation: its stage and nothing else', () => {
    expect(summarizeSnapshot(toStored(initialSnapshot('en')))).toEqual({ stage: initialSnapshot('en').value, category: null, amountFen: null });
  });

  it.each([null, 'garbage', { machine: 'rights', version: 99 }, { value: 'triage', context: { category: 'x' } }])(
    'nothing from a snapshot the engine cannot read (%j)',
    (stored) => {
      expect(summarizeSnapshot(stored)).toEqual({ stage: null, category: null, amountFen: null });
    },
  );
});
