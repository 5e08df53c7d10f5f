/**
 * Times and dates on screen: always India Standard Time, dates in the Indian
 * order dd-mm-yyyy (20-11-2026), clocks on 24 hours. The instant arithmetic
 * lives in src-shared/time/ist; this file only decides how it reads.
 */
import { formatIstTime, istParts } from '../../../src-shared/time/ist';
import { dash } from './dash';

/** "HH:MM:SS" in IST. */
export { formatIstTime };

/** "20-11-2026": the IST calendar day of an instant. */
export function formatIstDate(value: Date | number): string {
  const p = istParts(value);
  return `${p.day}-${p.month}-${p.year}`;
}

/** "20-11-2026 09:15:00", for columns whose header already says IST. */
export function formatIstStamp(value: Date | number): string {
  const p = istParts(value);
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** "20-11-2026 09:15:00 IST". */
export function formatIstDateTime(value: Date | number): string {
  return `${formatIstStamp(value)} IST`;
}

/** An ISO time from the core (UTC) in IST; a dash for none, the text itself if it is not a time. */
export function formatIsoAsIst(isoTime: string | null | undefined): string {
  if (!isoTime) return dash;
  const date = new Date(isoTime);
  return Number.isNaN(date.getTime()) ? isoTime : formatIstDateTime(date);
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as the contract carries it ("2026-12-29": an expiry, a filter's From) → "29-12-2026". */
export function formatIstDay(day: string): string {
  const m = DAY_RE.exec(day);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : day;
}
