/**
 * Money as the user reads it, the one implementation for every layer (the rules' explanations, the dialog's
 * letters, the documents and the console). It lives beside the dispute-type vocabulary because `dialogs/`
 * may import nothing outside itself; like `disputeTypes.ts` it is pure and imports nothing, so every layer may
 * import it (eslintLayers.js names both files).
 *
 * Integer fen in, integer arithmetic only, so no floating-point rounding can creep into an amount the user
 * may put in a claim.
 */

/** 179700 → `1,797`; 179750 → `1,797.50`; whole yuan carry no decimals. The number alone, for labels such as 1,797元. */
export function formatYuanNumber(fen: number): string {
  // Amounts are whole fen; a fraction of a fen (never produced by the rules) is shown rounded, not as 0.5000001.
  const whole = Math.round(fen);
  const sign = whole < 0 ? '-' : '';
  const abs = Math.abs(whole);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${sign}${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`;
}

/** 179700 → `¥1,797`; 179750 → `¥1,797.50`; -5000 → `-¥50`. */
export function formatFen(fen: number): string {
  const number = formatYuanNumber(fen);
  return number.startsWith('-') ? `-¥${number.slice(1)}` : `¥${number}`;
}
