import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';

describe('retention settings', () => {
  it('defaults to 180 days after a case closes, 30 without consent, hourly', () => {
    const r = parseConfig({});
    expect(r.ok && r.config.retention).toEqual({ closedCaseDays: 180, unconsentedDays: 30, intervalMinutes: 60 });
  });
  it('never keeps longer than the consent wording promises', () => {
    const r = parseConfig({ RETENTION_DAYS: '181' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.join('\n')).toMatch(/RETENTION_DAYS/);
    const shorter = parseConfig({ RETENTION_DAYS: '90', RETENTION_UNCONSENTED_DAYS: '7', RETENTION_INTERVAL_MINUTES: '0' });
    expect(shorter.ok && shorter.config.retention).toEqual({ closedCaseDays: 90, unconsentedDays: 7, intervalMinutes: 0 });
  });
});
