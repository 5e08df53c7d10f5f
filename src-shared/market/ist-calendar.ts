/**
 * IST calendar-day arithmetic for the market code (partitions, sessions,
 * candles, expiries). The NSE trading day is the IST calendar day, and IST is a
 * fixed UTC+05:30 with no daylight saving, so all of this is plain integer
 * arithmetic on epoch milliseconds: it never reads the machine's time zone and
 * needs no Intl or tz database (unlike the display helpers in src-shared/time).
 *
 * Days are 'YYYY-MM-DD' strings: they sort lexicographically, print as-is in
 * SQL literals and logs, and compare with === and <.
 */

/** An IST calendar date, 'YYYY-MM-DD'. Validate with `parseIstDay` / `isIstDay`. */
export type IstDay = string;

export const IST_OFFSET_MS = 330 * 60_000;
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of 00:00 UTC on the day's date; the inverse of formatUtcDate. */
function utcMidnightOf(day: IstDay): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`"${day}" is not a YYYY-MM-DD date`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const date = Number(match[3]);
  const ms = Date.UTC(year, month - 1, date);
  // Date.UTC rolls 2026-02-30 over to March; a round trip catches it.
  if (month < 1 || month > 12 || date < 1 || formatUtcDate(ms) !== day) {
    throw new RangeError(`"${day}" is not a calendar date`);
  }
  return ms;
}

function formatUtcDate(ms: number): IstDay {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} is outside 0000-9999`);
  const month = d.getUTCMonth() + 1;
  const date = d.getUTCDate();
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

function assertEpochMs(epochMs: number): void {
  if (!Number.isFinite(epochMs)) throw new RangeError(`${epochMs} is not an instant`);
}

/** True when `value` is a real 'YYYY-MM-DD' calendar date. */
export function isIstDay(value: unknown): value is IstDay {
  if (typeof value !== 'string') return false;
  try {
    utcMidnightOf(value);
    return true;
  } catch {
    return false;
  }
}

/** Returns the day unchanged, or throws RangeError when it is not a calendar date. */
export function parseIstDay(value: string): IstDay {
  utcMidnightOf(value);
  return value;
}

/** The IST calendar day an instant falls on. */
export function istDayOf(epochMs: number): IstDay {
  assertEpochMs(epochMs);
  return formatUtcDate(epochMs + IST_OFFSET_MS);
}

/** Epoch ms of 00:00:00.000 IST on `day` (= 18:30 UTC on the previous date). */
export function istDayStartUtc(day: IstDay): number {
  return utcMidnightOf(day) - IST_OFFSET_MS;
}

/** Epoch ms of 00:00 IST on the day after `day`: the exclusive end of `day`. */
export function istDayEndUtc(day: IstDay): number {
  return istDayStartUtc(day) + DAY_MS;
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: IstDay, n: number): IstDay {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${n} is not a whole number of days`);
  return formatUtcDate(utcMidnightOf(day) + n * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IstDay, to: IstDay): number {
  return Math.round((utcMidnightOf(to) - utcMidnightOf(from)) / DAY_MS);
}

/** Milliseconds since 00:00 IST of the instant's IST day, 0 … 86,399,999. */
export function istMsOfDay(epochMs: number): number {
  assertEpochMs(epochMs);
  const shifted = epochMs + IST_OFFSET_MS;
  return ((shifted % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Whole minutes since 00:00 IST, 0 … 1439 (09:15 IST → 555). */
export function istTimeOfDay(epochMs: number): number {
  return Math.floor(istMsOfDay(epochMs) / MINUTE_MS);
}

/** Day of week of an IST day: 0 Sunday … 6 Saturday. */
export function istWeekday(day: IstDay): number {
  return new Date(utcMidnightOf(day)).getUTCDay();
}

export function isWeekend(day: IstDay): boolean {
  const weekday = istWeekday(day);
  return weekday === 0 || weekday === 6;
}

/** 'HH:MM' (24 h) → minutes since midnight; throws on anything else. */
export function parseClock(clock: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (!match) throw new RangeError(`"${clock}" is not an HH:MM time`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Epoch ms of `minutes` after 00:00 IST on `day` (09:15 → 555). */
export function istInstant(day: IstDay, minutes: number): number {
  return istDayStartUtc(day) + minutes * MINUTE_MS;
}

/** The last day of the day's month, e.g. '2026-02-28'. */
export function lastDayOfMonth(day: IstDay): IstDay {
  const [year, month] = day.split('-').map(Number) as [number, number];
  utcMidnightOf(day);
  return formatUtcDate(Date.UTC(year, month, 0));
}

/** The first day of the month after the day's month. */
export function firstDayOfNextMonth(day: IstDay): IstDay {
  return addDays(lastDayOfMonth(day), 1);
}
