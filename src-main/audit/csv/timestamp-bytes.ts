/**
 * Both timestamp columns of the export from ONE field: PostgreSQL's own
 * timestamptz output with TimeZone = UTC and DateStyle = ISO
 * ("2026-03-02 04:00:00.123456+00", the fraction trimmed or absent), which is
 * several times cheaper for the server than to_char() twice per row.
 *   UTC: "2026-03-02T04:00:00.123456Z"
 *   IST: "2026-03-02 09:30:00.123456" (+05:30 fixed: IST has no daylight saving)
 * Anything else (infinity, BC, a 5-digit year) returns false and the caller
 * writes the value as plain text.
 */

const DIGIT0 = 0x30;

function digit(src: Uint8Array, i: number): number {
  const d = (src[i] as number) - DIGIT0;
  return d >= 0 && d <= 9 ? d : -1;
}

function number2(src: Uint8Array, i: number): number {
  const a = digit(src, i);
  const b = digit(src, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

export interface ParsedUtc {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Start of "SS" in the source, and the fraction's digits (0 to 6 of them). */
  secondAt: number;
  fractionAt: number;
  fractionLength: number;
}

/** Parses src[start, end) as "YYYY-MM-DD HH:MM:SS[.f{1,6}]+00"; null if it is not exactly that. */
export function parseUtcTimestamp(src: Uint8Array, start: number, end: number): ParsedUtc | null {
  if (end - start < 22 || src[start + 4] !== 0x2d || src[start + 7] !== 0x2d || src[start + 10] !== 0x20) return null;
  if (src[start + 13] !== 0x3a || src[start + 16] !== 0x3a) return null;
  if (src[end - 3] !== 0x2b || src[end - 2] !== DIGIT0 || src[end - 1] !== DIGIT0) return null;
  const y1 = number2(src, start);
  const y2 = number2(src, start + 2);
  const month = number2(src, start + 5);
  const day = number2(src, start + 8);
  const hour = number2(src, start + 11);
  const minute = number2(src, start + 14);
  if (y1 < 0 || y2 < 0 || month < 1 || day < 1 || hour < 0 || minute < 0 || number2(src, start + 17) < 0) return null;
  let fractionAt = start + 19;
  let fractionLength = 0;
  if (fractionAt < end - 3) {
    if (src[fractionAt] !== 0x2e) return null;
    fractionAt += 1;
    fractionLength = end - 3 - fractionAt;
    if (fractionLength < 1 || fractionLength > 6) return null;
    for (let i = 0; i < fractionLength; i += 1) if (digit(src, fractionAt + i) < 0) return null;
  }
  return { year: y1 * 100 + y2, month, day, hour, minute, secondAt: start + 17, fractionAt, fractionLength };
}

const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

function put2(out: Uint8Array, pos: number, value: number): void {
  out[pos] = DIGIT0 + Math.floor(value / 10);
  out[pos + 1] = DIGIT0 + (value % 10);
}

/** Writes "YYYY-MM-DD<sep>HH:MM:SS.ffffff" at pos; returns the new position (26 bytes on). */
function writeStamp(out: Uint8Array, pos: number, src: Uint8Array, t: ParsedUtc, fields: [number, number, number, number, number], sep: number): number {
  const [year, month, day, hour, minute] = fields;
  put2(out, pos, Math.floor(year / 100));
  put2(out, pos + 2, year % 100);
  out[pos + 4] = 0x2d;
  put2(out, pos + 5, month);
  out[pos + 7] = 0x2d;
  put2(out, pos + 8, day);
  out[pos + 10] = sep;
  put2(out, pos + 11, hour);
  out[pos + 13] = 0x3a;
  put2(out, pos + 14, minute);
  out[pos + 16] = 0x3a;
  out[pos + 17] = src[t.secondAt] as number;
  out[pos + 18] = src[t.secondAt + 1] as number;
  out[pos + 19] = 0x2e;
  for (let i = 0; i < 6; i += 1) out[pos + 20 + i] = i < t.fractionLength ? (src[t.fractionAt + i] as number) : DIGIT0;
  return pos + 26;
}

/** ISO 8601 UTC with microseconds and Z: 27 bytes. */
export function writeUtcIso(out: Uint8Array, pos: number, src: Uint8Array, t: ParsedUtc): number {
  const next = writeStamp(out, pos, src, t, [t.year, t.month, t.day, t.hour, t.minute], 0x54);
  out[next] = 0x5a;
  return next + 1;
}

/** IST wall clock with microseconds: 26 bytes. */
export function writeIst(out: Uint8Array, pos: number, src: Uint8Array, t: ParsedUtc): number {
  let { year, month, day } = t;
  let minutes = t.hour * 60 + t.minute + 330;
  if (minutes >= 1440) {
    minutes -= 1440;
    day += 1;
    if (day > daysIn(year, month)) {
      day = 1;
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
  }
  if (year > 9999) return -1;
  return writeStamp(out, pos, src, t, [year, month, day, Math.floor(minutes / 60), minutes % 60], 0x20);
}
