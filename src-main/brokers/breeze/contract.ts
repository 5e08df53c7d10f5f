/**
 * What Breeze needs to name a contract. Breeze orders carry no token: they name the
 * contract by ICICI's ShortName (`stock_code`: RELIANCE is RELIND, BANKNIFTY CNXBAN),
 * the exchange, and for derivatives expiry, right and strike. The security master
 * (security-master.ts) yields one of these per instrument.
 */
import type { BreezeKind } from './protected-price';

export type BreezeExchangeCode = 'NSE' | 'BSE' | 'NFO' | 'BFO';

export interface BreezeContract {
  stockCode: string;
  exchangeCode: BreezeExchangeCode;
  kind: BreezeKind;
  /** IST date "YYYY-MM-DD" for derivatives, null for cash. */
  expiry: string | null;
  /** Options only. */
  right: 'call' | 'put' | null;
  /** Paise, options only. */
  strike: number | null;
  /** Paise. */
  tickSize: number;
}

/** The order API's expiry form, "2025-02-27T06:00:00.000Z" (the SDK README's). */
export function breezeOrderExpiry(day: string): string {
  return `${day}T06:00:00.000Z`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The stream subscription's and the master's expiry form, "27-Feb-2025". */
export function breezeDashedDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}-${MONTH_NAMES[Number(month) - 1] ?? '???'}-${year}`;
}

/** Paise → rupee text without trailing zeros: 2_480_000 → "24800", 2_355_050 → "23550.5". */
export function breezeTrimmedRupees(paise: number): string {
  const whole = Math.trunc(paise / 100);
  const fraction = String(Math.abs(paise % 100)).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
