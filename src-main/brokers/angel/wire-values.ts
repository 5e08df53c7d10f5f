/**
 * Angel One's REST values as they arrive: the docs write every number as a string
 * ("194.00", "0.0000", "1"), the individual-order API and the holdings sample use
 * JSON numbers (111.87, an orderid of 201020000000080), the positions sample writes a
 * negative as "- 2235.80", and absent values are null or "". Each helper takes
 * whatever came and returns an exact integer or text, or null; none throws.
 *
 * A JSON number goes through its shortest decimal form (String(111.87) === "111.87"),
 * so rupees become paise without float arithmetic (see kite/text-messages.ts).
 */
import { parseScaledDecimal } from '../kite/decimal';

/** The decimal text of a value, trimmed, with "- 12" read as "-12"; null when absent or not a number. */
export function decimalText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/^([+-])\s+/, '$1');
  return text === '' ? null : text;
}

/** Rupees → paise, exactly; null when absent, not a number, or finer than a paisa. */
export function moneyToPaise(value: unknown): number | null {
  const text = decimalText(value);
  return text === null ? null : parseScaledDecimal(text, 2);
}

/** A whole number ("65", "65.0", 65); null otherwise. */
export function wholeNumber(value: unknown): number | null {
  const text = decimalText(value);
  return text === null ? null : parseScaledDecimal(text, 0);
}

/** An identifier sent as text or as a bare (safe) integer; null when absent or empty. */
export function idText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/** Free text; null for absent, null or "". */
export function optionalText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/**
 * Paise → the rupee text Angel's samples send: "194.50", "3060.00", and "0" for
 * none (the docs' MARKET samples send "0").
 */
export function angelRupees(paise: number): string {
  if (paise === 0) return '0';
  const sign = paise < 0 ? '-' : '';
  const abs = Math.abs(paise);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
