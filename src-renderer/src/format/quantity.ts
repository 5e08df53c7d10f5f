/**
 * Quantities (shares, units, lots) and counts (rows, events, files) in the
 * Indian grouping the trader reads every day: 1,755 units, 12,34,567 rows.
 */
import { groupIndian } from '../../../src-shared/indian-grouping';
import { dash } from './dash';

/** A whole number, sign kept: -1755 → "-1,755". Fractions round half away from zero. */
export function formatQuantity(value: number): string {
  if (!Number.isFinite(value)) return dash;
  const whole = Math.round(Math.abs(value));
  return `${value < 0 && whole !== 0 ? '-' : ''}${groupIndian(String(whole))}`;
}

/** A count that may be missing: 1234567 → "12,34,567", null → a dash. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? dash : formatQuantity(value);
}

/** A rate that only needs its size at a glance: 950, "1.2k", "12k". */
export function formatCompactCount(value: number): string {
  if (value >= 10_000) return `${(value / 1000).toFixed(0)}k`;
  if (value >= 1_000) return `${(value / 1000).toFixed(1)}k`;
  return String(Math.round(value));
}
