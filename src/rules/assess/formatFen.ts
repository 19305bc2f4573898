/**
 * Money as the user reads it: `¥1,797`, `¥1,797.50`. Integer fen in, integer arithmetic only, so no
 * floating-point rounding can creep into an amount the user may put in a claim.
 */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${sign}¥${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`;
}
