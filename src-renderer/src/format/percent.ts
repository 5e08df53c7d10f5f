/** Percentages: signed day changes, and shares of a whole (cache hits, progress). */
import { dash } from './dash';

/** A change in percent → "+0.52%" / "-1.07%" / "0.00%" (never "-0.00%"). */
export function formatSignedPct(pct: number): string {
  if (!Number.isFinite(pct)) return dash;
  const text = Math.abs(pct).toFixed(2);
  if (text === '0.00') return '0.00%';
  return `${pct > 0 ? '+' : '-'}${text}%`;
}

/** A ratio 0…1 → "50.0%"; just under 100 % gets a second decimal, so 99.95 % never reads as 100.0 %. */
export function formatRatioPct(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return dash;
  return `${(ratio * 100).toFixed(ratio >= 0.999 && ratio < 1 ? 2 : 1)}%`;
}
