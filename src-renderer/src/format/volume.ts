/** Traded volume as NSE screens show it: in full up to 99,999, then lakh (L) and crore (Cr). */
import { groupIndian } from '../../../src-shared/indian-grouping';

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
