/**
 * Money is integer paise everywhere in TypeScript (NUMERIC rupees in SQL).
 * A float never takes part in a sum: parsing goes through the decimal string,
 * and percentages are applied with bigint arithmetic and explicit rounding.
 */
import { groupIndian } from './indian-grouping';

export type Paise = number;

export const PAISE_PER_RUPEE = 100;

export function assertPaise(value: number, what = 'amount'): Paise {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number of paise, got ${value}`);
  return value;
}

/** "1234.5" | "-0.05" | "12" → paise. Refuses more than two decimals rather than rounding silently. */
export function rupeesToPaise(rupees: string | number): Paise {
  const text = typeof rupees === 'number' ? numberToPlainString(rupees) : rupees.trim();
  const match = /^([+-])?(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) throw new RangeError(`"${text}" is not an amount in rupees with at most two decimals`);
  const [, sign, whole = '0', fraction = ''] = match;
  const paise = Number(whole) * PAISE_PER_RUPEE + Number(fraction.padEnd(2, '0'));
  return assertPaise(sign === '-' ? -paise : paise, 'amount');
}

/** Paise → "1234.50" (for SQL NUMERIC and CSV; no grouping, no symbol). */
export function paiseToRupeesString(paise: Paise): string {
  assertPaise(paise);
  const negative = paise < 0;
  const abs = Math.abs(paise);
  const text = `${Math.trunc(abs / PAISE_PER_RUPEE)}.${String(abs % PAISE_PER_RUPEE).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Paise → "₹1,23,456.50" with Indian digit grouping, for the screen. */
export function formatInr(paise: Paise): string {
  const [whole = '0', fraction = '00'] = paiseToRupeesString(Math.abs(paise)).split('.');
  return `${paise < 0 ? '-' : ''}₹${groupIndian(whole)}.${fraction}`;
}

export type Rounding = 'half-up' | 'floor' | 'ceil';

/**
 * amount × rate, where rate is a decimal string such as "0.00307" (percent
 * NOT included: pass "0.0000307" for 0.00307 %), rounded to whole paise.
 */
export function applyRate(amount: Paise, rate: string, rounding: Rounding = 'half-up'): Paise {
  const { numerator, denominator } = decimalToFraction(rate);
  return assertPaise(Number(divideRounded(BigInt(amount) * numerator, denominator, rounding)));
}

/** Rounds paise to whole rupees (STT: paise ≥ 50 round up). */
export function roundToRupee(amount: Paise): Paise {
  return Number(divideRounded(BigInt(amount), 100n, 'half-up')) * 100;
}

function decimalToFraction(rate: string): { numerator: bigint; denominator: bigint } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!match) throw new RangeError(`"${rate}" is not a non-negative decimal rate`);
  const fraction = match[2] ?? '';
  return { numerator: BigInt(`${match[1]}${fraction}`), denominator: 10n ** BigInt(fraction.length) };
}

function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const remainder = n % d;
  if (remainder !== 0n) {
    const up =
      rounding === 'half-up' ? remainder * 2n >= d : rounding === 'ceil' ? !negative : negative;
    if (up) quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not an amount`);
  // toFixed(2) would round silently; toString keeps what the caller gave so the regex can refuse it.
  return value.toString();
}
