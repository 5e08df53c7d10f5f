import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  firstDayOfNextMonth,
  isIstDay,
  istDayEndUtc,
  istDayOf,
  istDayStartUtc,
  istInstant,
  istMsOfDay,
  istTimeOfDay,
  istWeekday,
  lastDayOfMonth,
  parseClock,
  parseIstDay,
} from './ist-calendar';

const utc = (iso: string) => Date.parse(iso);

describe('istDayOf', () => {
  it('flips at 18:30 UTC, not at UTC midnight', () => {
    expect(istDayOf(utc('2026-11-20T18:29:59.999Z'))).toBe('2026-11-20');
    expect(istDayOf(utc('2026-11-20T18:30:00.000Z'))).toBe('2026-11-21');
    expect(istDayOf(utc('2026-11-21T00:00:00.000Z'))).toBe('2026-11-21');
  });

  it('handles month and year ends', () => {
    expect(istDayOf(utc('2026-12-31T18:29:59.999Z'))).toBe('2026-12-31');
    expect(istDayOf(utc('2026-12-31T18:30:00.000Z'))).toBe('2027-01-01');
    expect(istDayOf(utc('2028-02-28T18:30:00.000Z'))).toBe('2028-02-29');
    expect(istDayOf(utc('2026-02-28T18:30:00.000Z'))).toBe('2026-03-01');
  });

  it('refuses NaN', () => {
    expect(() => istDayOf(Number.NaN)).toThrow(RangeError);
  });
});

describe('istDayStartUtc / istDayEndUtc', () => {
  it('is 18:30 UTC on the previous date', () => {
    expect(istDayStartUtc('2026-11-21')).toBe(utc('2026-11-20T18:30:00.000Z'));
    expect(istDayStartUtc('2027-01-01')).toBe(utc('2026-12-31T18:30:00.000Z'));
    expect(istDayEndUtc('2026-12-31')).toBe(istDayStartUtc('2027-01-01'));
  });

  it('round-trips with istDayOf at both edges of the day', () => {
    for (const day of ['2026-01-01', '2026-03-01', '2028-02-29', '2026-12-31']) {
      expect(istDayOf(istDayStartUtc(day))).toBe(day);
      expect(istDayOf(istDayEndUtc(day) - 1)).toBe(day);
    }
  });

  it('refuses dates that do not exist', () => {
    expect(() => istDayStartUtc('2026-02-29')).toThrow(RangeError);
    expect(() => istDayStartUtc('2026-13-01')).toThrow(RangeError);
    expect(() => istDayStartUtc('2026-1-01')).toThrow(RangeError);
    expect(() => parseIstDay("2026-01-01'; DROP TABLE x")).toThrow(RangeError);
    expect(isIstDay('2028-02-29')).toBe(true);
    expect(isIstDay('2026-00-10')).toBe(false);
    expect(isIstDay(20261121)).toBe(false);
  });
});

describe('addDays / daysBetween', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-30', 2)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-21', -40)).toBe('2026-10-12');
    expect(daysBetween('2026-10-12', '2026-11-21')).toBe(40);
    expect(daysBetween('2026-11-21', '2026-10-12')).toBe(-40);
  });

  it('refuses fractional day counts', () => {
    expect(() => addDays('2026-11-21', 0.5)).toThrow(RangeError);
  });
});

describe('time of day', () => {
  it('counts minutes since IST midnight', () => {
    expect(istTimeOfDay(utc('2026-11-20T18:30:00.000Z'))).toBe(0);
    expect(istTimeOfDay(utc('2026-11-20T18:29:59.999Z'))).toBe(1439);
    expect(istTimeOfDay(utc('2026-11-23T03:45:00.000Z'))).toBe(9 * 60 + 15);
    expect(istMsOfDay(utc('2026-11-20T18:29:59.999Z'))).toBe(86_399_999);
  });

  it('works before 1970 too', () => {
    expect(istMsOfDay(-1)).toBe((330 * 60_000 - 1) % 86_400_000);
  });

  it('parses clocks and builds instants', () => {
    expect(parseClock('09:15')).toBe(555);
    expect(() => parseClock('9:15')).toThrow(RangeError);
    expect(() => parseClock('24:00')).toThrow(RangeError);
    expect(istInstant('2026-11-23', 555)).toBe(utc('2026-11-23T03:45:00.000Z'));
  });
});

describe('calendar helpers', () => {
  it('knows weekdays and month ends', () => {
    expect(istWeekday('2026-11-21')).toBe(6); // Saturday
    expect(istWeekday('2026-11-24')).toBe(2); // Tuesday
    expect(lastDayOfMonth('2026-02-10')).toBe('2026-02-28');
    expect(lastDayOfMonth('2028-02-10')).toBe('2028-02-29');
    expect(lastDayOfMonth('2026-12-05')).toBe('2026-12-31');
    expect(firstDayOfNextMonth('2026-12-05')).toBe('2027-01-01');
  });
});
