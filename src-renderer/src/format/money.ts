/**
 * Rupees from integer paise, as a trader on NSE reads them: two decimals and
 * Indian grouping (1,23,456.50). One implementation, src-shared's formatInr,
 * so the screen and the core's messages print an amount alike. Display only:
 * nothing here feeds a sum.
 */
import { formatInr } from '../../../src-shared/money';
import { dash } from './dash';

export { formatInr };

/** Paise → "2,450.05" (no currency sign: the column says ₹); a dash for none. */
export function formatRupees(paise: number | null): string {
  // Chart axes hand over prices scaled back from floats; whole paise is all a screen needs.
  return paise === null ? dash : formatInr(Math.trunc(paise)).replace('₹', '');
}

/** A change in paise → "+12.30" / "-12.30" / "0.00". */
export function formatChange(paise: number): string {
  return paise > 0 ? `+${formatRupees(paise)}` : formatRupees(paise);
}

/** Signed P&L → "+₹1,234.50" / "-₹12.00" / "₹0.00". */
export function formatPnl(paise: number): string {
  return paise > 0 ? `+${formatInr(paise)}` : formatInr(paise);
}
