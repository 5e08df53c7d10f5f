/**
 * Time to expiry in years for the option models. NSE options expire at the
 * 15:30 IST close of the expiry day (the day itself comes from the
 * instrument master). The year is 365 calendar days (ACT/365), the basis of
 * the per-day theta in black-scholes.ts; a trading-day clock would make
 * weekend decay vanish from Friday's theta and reappear as a Monday gap.
 */
import { istInstant, parseClock, type IstDay } from '../market/ist-calendar';

export const NSE_EXPIRY_CLOSE = '15:30';
const MS_PER_YEAR = 365 * 86_400_000;

/** The instant an option expiring on `expiryDay` stops trading. */
export function expiryInstant(expiryDay: IstDay, close: string = NSE_EXPIRY_CLOSE): number {
  return istInstant(expiryDay, parseClock(close));
}

/** Years from `now` (epoch ms) to the expiry instant; 0 once it has passed. */
export function yearsToExpiry(now: number, expiryDay: IstDay, close: string = NSE_EXPIRY_CLOSE): number {
  const ms = expiryInstant(expiryDay, close) - now;
  return ms > 0 ? ms / MS_PER_YEAR : 0;
}
