/**
 * Dates with a month name, as Angel One and ICICI Breeze write them, → ISO days and
 * instants. Both brokers are Indian, so a wall-clock time is IST:
 *   "25FEB2021"              Angel's scrip-master expiry (DDMMMYYYY)
 *   "27-Feb-2025"            Breeze's expiry and trade dates (DD-Mon-YYYY)
 *   "20-Oct-2020 13:10:59"   Angel's order times; Breeze's "05-Feb-2025 09:26"
 * Month names are matched case-insensitively. Anything else, or a date that does not
 * exist (31-Feb), is null: a misread date must be refused, never rolled over.
 */
import { parseIstDate, parseIstDateTime } from '../../../src-shared/time/ist';

const MONTHS: Readonly<Record<string, string>> = {
  JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06',
  JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12',
};

function isoDay(day: string, month: string, year: string): string | null {
  const mm = MONTHS[month.toUpperCase()];
  if (mm === undefined) return null;
  const iso = `${year}-${mm}-${day.padStart(2, '0')}`;
  return parseIstDate(iso) === null ? null : iso;
}

/** "25FEB2021" → "2021-02-25". */
export function parseCompactMonDate(text: string): string | null {
  const m = /^(\d{2})([A-Za-z]{3})(\d{4})$/.exec(text.trim());
  return m ? isoDay(m[1] as string, m[2] as string, m[3] as string) : null;
}

/** "27-Feb-2025" → "2025-02-27". */
export function parseDashedMonDate(text: string): string | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text.trim());
  return m ? isoDay(m[1] as string, m[2] as string, m[3] as string) : null;
}

/** "20-Oct-2020 13:10:59" or "05-Feb-2025 09:26" (IST) → epoch ms. */
export function parseDashedMonDateTimeIst(text: string): number | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const day = isoDay(m[1] as string, m[2] as string, m[3] as string);
  if (day === null) return null;
  return parseIstDateTime(`${day} ${m[4]}:${m[5]}:${m[6] ?? '00'}`)?.getTime() ?? null;
}

/** "13:27:53" (IST) on an IST day "YYYY-MM-DD" → epoch ms; Angel's trade book gives only the time. */
export function istTimeOnDay(day: string, time: string): number | null {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(time.trim());
  if (!m) return null;
  return parseIstDateTime(`${day} ${m[1]}:${m[2]}:${m[3]}`)?.getTime() ?? null;
}
