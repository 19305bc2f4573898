import { describe, expect, it } from 'vitest';
import { formatFen, formatYuanNumber } from '../../dialogs/money.js';

describe('formatFen: the one money formatter', () => {
  it.each([
    [0, '¥0'],
    [1, '¥0.01'],
    [50, '¥0.50'],
    [100, '¥1'],
    [99_999, '¥999.99'],
    [100_000, '¥1,000'],
    [179_700, '¥1,797'],
    [179_750, '¥1,797.50'],
    [179_705, '¥1,797.05'],
    [1_234_567_890, '¥12,345,678.90'],
    [-5_000, '-¥50'],
    [-179_750, '-¥1,797.50'],
    [100.4, '¥1'],
    [100.6, '¥1.01'],
  ])('%d fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it.each([
    [299_900, '2,999'],
    [299_950, '2,999.50'],
    [5, '0.05'],
    [-100, '-1'],
  ])('the number alone: %d fen → %s', (fen, text) => {
    expect(formatYuanNumber(fen)).toBe(text);
  });
});
