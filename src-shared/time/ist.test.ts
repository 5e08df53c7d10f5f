import { describe, expect, it } from 'vitest';
import {
  addIstDays,
  formatIstDateTime,
  formatIstTime,
  istDateOf,
  istDayRange,
  parseIstDate,
  parseIstDateTime,
} from './ist';

const at = (iso: string) => new Date(iso);

describe('IST formatting', () => {
  it('shows UTC instants in IST (+05:30)', () => {
    expect(formatIstTime(at('2026-03-02T03:45:00Z'))).toBe('09:15:00');
    expect(formatIstDateTime(at('2026-03-02T10:00:05Z'))).toBe('2026-03-02 15:30:05 IST');
  });

  it('puts the last second before IST midnight on the old day', () => {
    const t = at('2026-11-20T18:29:59Z');
    expect(formatIstDateTime(t)).toBe('2026-11-20 23:59:59 IST');
    expect(istDateOf(t)).toBe('2026-11-20');
  });

  it('puts 18:30:00 UTC on the next IST day, at 00 not 24', () => {
    const t = at('2026-11-20T18:30:00Z');
    expect(formatIstDateTime(t)).toBe('2026-11-21 00:00:00 IST');
    expect(formatIstTime(t)).toBe('00:00:00');
    expect(istDateOf(t)).toBe('2026-11-21');
  });

  it('crosses month and year ends at IST midnight', () => {
    expect(istDateOf(at('2026-12-31T18:29:59.999Z'))).toBe('2026-12-31');
    expect(istDateOf(at('2026-12-31T18:30:00Z'))).toBe('2027-01-01');
    expect(istDateOf(at('2028-02-28T18:30:00Z'))).toBe('2028-02-29');
  });

  it('accepts epoch milliseconds', () => {
    expect(formatIstTime(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe('05:30:00');
  });

  it('refuses an invalid date instead of printing NaN', () => {
    expect(() => formatIstTime(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('IST parsing', () => {
  it('reads a day as its 00:00 IST instant', () => {
    expect(parseIstDate('2026-11-21')?.toISOString()).toBe('2026-11-20T18:30:00.000Z');
  });

  it('reads wall-clock times, with or without seconds and suffix', () => {
    expect(parseIstDateTime('2026-11-20 23:59:59')?.toISOString()).toBe('2026-11-20T18:29:59.000Z');
    expect(parseIstDateTime('2026-11-21T00:00')?.toISOString()).toBe('2026-11-20T18:30:00.000Z');
    expect(parseIstDateTime('2026-03-02 09:15:00 IST')?.toISOString()).toBe('2026-03-02T03:45:00.000Z');
  });

  it('round-trips with formatIstDateTime', () => {
    const t = at('2026-07-15T04:05:06Z');
    expect(parseIstDateTime(formatIstDateTime(t))?.getTime()).toBe(t.getTime());
  });

  it('rejects impossible or malformed dates', () => {
    expect(parseIstDate('2026-02-30')).toBeNull();
    expect(parseIstDate('2026-13-01')).toBeNull();
    expect(parseIstDate('20261121')).toBeNull();
    expect(parseIstDateTime('2026-11-21 24:00:00')).toBeNull();
    expect(parseIstDateTime('2026-11-21 10:60')).toBeNull();
    expect(parseIstDateTime('yesterday')).toBeNull();
  });
});

describe('IST days', () => {
  it('gives a half-open day range with no gap at 23:59:59', () => {
    const { start, end } = istDayRange('2026-11-20');
    expect(start.toISOString()).toBe('2026-11-19T18:30:00.000Z');
    expect(end.toISOString()).toBe('2026-11-20T18:30:00.000Z');
    expect(istDayRange('2026-11-21').start.getTime()).toBe(end.getTime());
  });

  it('steps days across month and leap-year ends', () => {
    expect(addIstDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addIstDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addIstDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('throws on a malformed day', () => {
    expect(() => istDayRange('2026-1-1')).toThrow(RangeError);
  });
});
