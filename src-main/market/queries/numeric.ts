/**
 * NUMERIC rupees (as pg hands them back: exact decimal strings) → integer
 * paise, at the edge where rows leave the database. No float on the way: the
 * digits are split as text, so '2450.0500' is 245005 paise exactly.
 */
import { assertPaise, type Paise } from '../../../src-shared/money';

const NUMERIC_RE = /^(-)?(\d+)(?:\.(\d*))?$/;

/**
 * Prices and tick sizes must be whole paise: digits past the second decimal
 * have to be zero ('0.0500' is fine, '0.0025' throws rather than round a
 * tick size). Averages (VWAP, NUMERIC(18,4)) pass `'half-up'`.
 */
export function numericToPaise(text: string, rounding: 'exact' | 'half-up' = 'exact'): Paise {
  const match = NUMERIC_RE.exec(text.trim());
  if (!match) throw new RangeError(`"${text}" is not a NUMERIC value`);
  const [, sign, whole = '0', fraction = ''] = match;
  const kept = fraction.slice(0, 2).padEnd(2, '0');
  const rest = fraction.slice(2);
  let paise = Number(whole) * 100 + Number(kept);
  if (/[1-9]/.test(rest)) {
    if (rounding === 'exact') throw new RangeError(`"${text}" is not a whole number of paise`);
    // Half-up on the magnitude: the first dropped digit decides.
    if (Number(rest[0]) >= 5) paise += 1;
  }
  return assertPaise(sign === '-' && paise !== 0 ? -paise : paise, 'NUMERIC');
}

/** int8 (read as a decimal string) → number, refusing what a double cannot hold exactly. */
export function int8ToNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 "${text}" does not fit a safe integer`);
  return value;
}
