/**
 * Derivative expiry dates, derived from a reference day instead of being
 * stored, so the shipped universe never goes stale. NSE index and stock
 * derivatives expire on Tuesday since Sep 2025 (MARKET-FACTS.md); the weekday
 * is a parameter so a future circular is a data change. When the expiry day is
 * not a trading day, the contract expires on the previous trading day.
 */
import { addDays, istWeekday, lastDayOfMonth, firstDayOfNextMonth, type IstDay } from './ist-calendar';
import { isTradingDay, previousTradingDay, type NseCalendar } from './nse-session';

/** 0 Sunday … 6 Saturday. */
export const NSE_EXPIRY_WEEKDAY = 2;

/** The last `weekday` of the day's month. */
export function lastWeekdayOfMonth(day: IstDay, weekday: number): IstDay {
  const last = lastDayOfMonth(day);
  return addDays(last, -((istWeekday(last) - weekday + 7) % 7));
}

function adjustForHolidays(day: IstDay, calendar: NseCalendar | undefined): IstDay {
  if (!calendar || isTradingDay(day, calendar, 'fo')) return day;
  return previousTradingDay(day, calendar, 'fo');
}

/**
 * The current monthly expiry on `day`: the last expiry weekday of the month,
 * or next month's once this month's has passed. On expiry day itself the
 * contract is still the current one (it trades until the close).
 */
export function monthlyExpiry(day: IstDay, calendar?: NseCalendar, weekday = NSE_EXPIRY_WEEKDAY): IstDay {
  const thisMonth = adjustForHolidays(lastWeekdayOfMonth(day, weekday), calendar);
  if (thisMonth >= day) return thisMonth;
  return adjustForHolidays(lastWeekdayOfMonth(firstDayOfNextMonth(day), weekday), calendar);
}

/** The nearest weekly expiry on or after `day`. */
export function weeklyExpiry(day: IstDay, calendar?: NseCalendar, weekday = NSE_EXPIRY_WEEKDAY): IstDay {
  const nominal = addDays(day, (weekday - istWeekday(day) + 7) % 7);
  const adjusted = adjustForHolidays(nominal, calendar);
  // A holiday can pull this week's expiry before `day`; then next week's is current.
  return adjusted >= day ? adjusted : adjustForHolidays(addDays(nominal, 7), calendar);
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const WEEKLY_MONTH_CODES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'O', 'N', 'D'] as const;

/** Kite-style expiry code: monthly '26NOV', weekly '26N24' (YY, month code 1-9/O/N/D, DD). */
export function expiryCode(expiry: IstDay, monthly: boolean): string {
  const [year, month, date] = expiry.split('-') as [string, string, string];
  const monthIndex = Number(month) - 1;
  const yy = year.slice(2);
  return monthly ? `${yy}${MONTHS[monthIndex] ?? ''}` : `${yy}${WEEKLY_MONTH_CODES[monthIndex] ?? ''}${date}`;
}
