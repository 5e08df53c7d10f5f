/**
 * Exact decimal text → scaled integer, for broker files that write prices as text
 * ("0.05", "22350.0", "5.000000"). Going through a float would turn 0.0025 into
 * something that merely looks right; here a value either converts exactly or is
 * refused (null), and the caller says why the row was skipped.
 */

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

/**
 * `text` × 10^decimals as an integer, or null when the text is not a plain decimal,
 * has significant digits below the scale ("0.0025" at 2 decimals), or is too large
 * for a safe integer. Trailing zeros beyond the scale are fine ("0.0500" → 5).
 */
export function parseScaledDecimal(text: string, decimals: number): number | null {
  const match = DECIMAL_RE.exec(text.trim());
  if (!match) return null;
  const sign = match[1] ?? match[4] ?? '';
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? match[5] ?? '';
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > decimals) return null;
  const value = Number(whole) * 10 ** decimals + Number(significant.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' && value !== 0 ? -value : value;
}

/** Rupee text → paise, exactly (null when it has sub-paise digits or is not a number). */
export function rupeeTextToPaise(text: string): number | null {
  return parseScaledDecimal(text, 2);
}

/** A plain integer in text ("65", "65.0"); null otherwise. */
export function parseIntegerText(text: string): number | null {
  return parseScaledDecimal(text, 0);
}
