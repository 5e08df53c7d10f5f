/**
 * India Standard Time helpers. Timestamps are stored in UTC and shown in IST,
 * and the NSE trading day is the IST calendar day, so every "which day is this
 * tick" question goes through here — never through the machine's own zone.
 *
 * Formatting uses Intl with the Asia/Kolkata zone. Parsing uses the fixed
 * +05:30 offset: IST has had no daylight saving since 1945, so arithmetic is
 * exact and needs no time-zone database.
 */

export const IST_TIME_ZONE = 'Asia/Kolkata';
export const IST_OFFSET_MINUTES = 330;
const IST_OFFSET_MS = IST_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** 'h23' rather than hour12:false: some engines print midnight as "24" with the latter. */
const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: IST_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface IstParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function toValidDate(value: Date | number): Date {
  const date = typeof value === 'number' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError('IST: invalid date');
  return date;
}

/** The IST wall-clock fields of an instant, zero-padded. */
export function istParts(value: Date | number): IstParts {
  const parts: Partial<Record<keyof IstParts, string>> = {};
  for (const part of partsFormatter.formatToParts(toValidDate(value))) {
    if (
      part.type === 'year' ||
      part.type === 'month' ||
      part.type === 'day' ||
      part.type === 'hour' ||
      part.type === 'minute' ||
      part.type === 'second'
    ) {
      parts[part.type] = part.value;
    }
  }
  const { year, month, day, hour, minute, second } = parts;
  if (!year || !month || !day || !hour || !minute || !second) {
    throw new RangeError('IST: the Intl implementation returned incomplete date parts');
  }
  return { year: year.padStart(4, '0'), month, day, hour, minute, second };
}

/** "HH:MM:SS" in IST. */
export function formatIstTime(value: Date | number): string {
  const p = istParts(value);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** "YYYY-MM-DD HH:MM:SS IST". */
export function formatIstDateTime(value: Date | number): string {
  const p = istParts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} IST`;
}

/** "YYYY-MM-DD": the IST calendar day, i.e. the NSE trading day the instant belongs to. */
export function istDateOf(value: Date | number): string {
  const p = istParts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?: IST)?$/;

function utcMsOfWallClock(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 2026-02-30 over into March; a real calendar date survives the round trip.
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return ms - IST_OFFSET_MS;
}

/** The instant of 00:00:00 IST on a "YYYY-MM-DD" day; null if the text is not a real date. */
export function parseIstDate(text: string): Date | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const ms = utcMsOfWallClock(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0);
  return ms === null ? null : new Date(ms);
}

/**
 * The instant of an IST wall-clock time: "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS",
 * optionally with a "T" separator or a trailing " IST" (so it reads back
 * formatIstDateTime's output). Null when the text is not a real date and time.
 */
export function parseIstDateTime(text: string): Date | null {
  const m = DATE_TIME_RE.exec(text.trim());
  if (!m) return null;
  const ms = utcMsOfWallClock(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    m[6] === undefined ? 0 : Number(m[6]),
  );
  return ms === null ? null : new Date(ms);
}

/**
 * The half-open range [00:00 IST, next day 00:00 IST) of an IST day: the shape
 * of a day partition, with no gap at 23:59:59.
 */
export function istDayRange(day: string): { start: Date; end: Date } {
  const start = parseIstDate(day);
  if (!start) throw new RangeError(`IST: "${day}" is not a YYYY-MM-DD date`);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** The IST day `days` after (or before, if negative) a "YYYY-MM-DD" day. */
export function addIstDays(day: string, days: number): string {
  const { start } = istDayRange(day);
  return istDateOf(start.getTime() + days * DAY_MS);
}
