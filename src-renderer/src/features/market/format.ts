/**
 * Numbers as a trader on NSE reads them: rupees from integer paise with two
 * decimals and Indian digit grouping (1,23,456.50), volume in lakh and crore
 * once it is long. Display only: nothing here feeds a sum.
 */

/** "1234567" → "12,34,567": the last three digits, then pairs. */
export function groupIndian(digits: string): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  const rest = digits.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${rest},${last3}`;
}

/** Paise → "2,450.05" (no currency sign: the column says it). */
export function formatPrice(paise: number): string {
  const abs = Math.abs(Math.trunc(paise));
  const text = `${groupIndian(String(Math.trunc(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`;
  return paise < 0 ? `-${text}` : text;
}

/** Paise → "+12.30" / "-12.30" / "0.00". */
export function formatChange(paise: number): string {
  if (paise === 0) return '0.00';
  return paise > 0 ? `+${formatPrice(paise)}` : formatPrice(paise);
}

/** A percentage → "+0.52%" / "-1.07%" / "0.00%". */
export function formatPct(pct: number): string {
  if (!Number.isFinite(pct)) return '—';
  const text = Math.abs(pct).toFixed(2);
  if (text === '0.00') return '0.00%';
  return `${pct > 0 ? '+' : '-'}${text}%`;
}

/** Units → "12,345", "12.35 L", "1.23 Cr". */
export function formatVolume(units: number): string {
  if (units < 100_000) return groupIndian(String(Math.trunc(units)));
  // Hundredths rounded half up as integers: toFixed on 1.525 (really 1.52499…) rounded
  // 1,52,500 down to "1.52 L" while 1,37,500 went up to "1.38 L".
  if (units < 10_000_000) return `${hundredths(Math.round(units / 1_000), false)} L`;
  return `${hundredths(Math.round(units / 100_000), true)} Cr`;
}

function hundredths(n: number, grouped: boolean): string {
  const whole = String(Math.trunc(n / 100));
  return `${grouped ? groupIndian(whole) : whole}.${String(n % 100).padStart(2, '0')}`;
}

export type Direction = 'up' | 'down' | 'flat';

export function directionOf(change: number): Direction {
  return change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
}
