/**
 * Time on the chart. lightweight-charts works in UTC seconds and would label
 * the axis in UTC; every label here goes through src-shared/time (IST), so
 * 09:15 on the axis is 09:15 at the exchange whatever the machine's zone.
 */
import { TickMarkType, type Time } from 'lightweight-charts';
import type { Timeframe } from '../../../../src-shared/market/timeframe';
import { istParts } from '../../../../src-shared/time/ist';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The chart's time of a bucket: UTC seconds (what the library wants). */
export function toChartTime(bucketMs: number): number {
  return Math.floor(bucketMs / 1000);
}

/** The epoch ms of a chart time: we only ever hand it UTC-second numbers. */
export function chartTimeToMs(time: Time): number | null {
  return typeof time === 'number' ? time * 1000 : null;
}

function monthName(month: string): string {
  return MONTHS[Number(month) - 1] ?? month;
}

/** Axis tick labels in IST: a year, a month, a day, or a time of day, as the library's tick weight asks. */
export function istTickMark(time: Time, type: TickMarkType): string | null {
  const ms = chartTimeToMs(time);
  if (ms === null) return null;
  const p = istParts(ms);
  switch (type) {
    case TickMarkType.Year:
      return p.year;
    case TickMarkType.Month:
      return `${monthName(p.month)} ${p.year.slice(2)}`;
    case TickMarkType.DayOfMonth:
      return `${Number(p.day)} ${monthName(p.month)}`;
    case TickMarkType.Time:
      return `${p.hour}:${p.minute}`;
    case TickMarkType.TimeWithSeconds:
      return `${p.hour}:${p.minute}:${p.second}`;
    default:
      return null;
  }
}

/** The crosshair and legend time in IST, as precise as the timeframe: "20 Nov 2026 09:15 IST". */
export function istBarTime(bucketMs: number, timeframe: Timeframe): string {
  const p = istParts(bucketMs);
  const day = `${Number(p.day)} ${monthName(p.month)} ${p.year}`;
  if (timeframe === '1d') return day;
  const clock = timeframe === '1s' ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${day} ${clock} IST`;
}
