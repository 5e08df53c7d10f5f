import { describe, expect, it } from 'vitest';
import { istInstant, parseClock } from './ist-calendar';
import { NSE_SESSION_HOURS, hoursFor, type SessionHoursEntry } from './nse-hours';
import { createNseCalendar, isTradingDay, nextTradingDay, previousTradingDay, sessionAt } from './nse-session';

// 2026-11-23 is a Monday; 2026-11-21/22 a weekend.
const MONDAY = '2026-11-23';
const at = (day: string, clock: string, seconds = 0) => istInstant(day, parseClock(clock)) + seconds * 1000;
const calendar = createNseCalendar({ holidays: ['2026-11-24'] });

describe('sessionAt (equity)', () => {
  it.each([
    ['08:59', 59, 'closed'],
    ['09:00', 0, 'pre-open'],
    ['09:07', 59, 'pre-open'],
    ['09:08', 0, 'pre-open-matching'],
    ['09:12', 0, 'pre-open-buffer'],
    ['09:14', 59, 'pre-open-buffer'],
    ['09:15', 0, 'open'],
    ['15:29', 59, 'open'],
    ['15:30', 0, 'closed'],
    ['15:39', 59, 'closed'],
    ['15:40', 0, 'closing-session'],
    ['15:59', 59, 'closing-session'],
    ['16:00', 0, 'closed'],
  ] as const)('%s:%s IST is %s', (clock, seconds, phase) => {
    expect(sessionAt(at(MONDAY, clock, seconds), calendar).phase).toBe(phase);
  });

  it('says when the state ends', () => {
    const open = sessionAt(at(MONDAY, '10:00'), calendar);
    expect(open).toMatchObject({ phase: 'open', day: MONDAY, tradingDay: true, closedReason: null });
    expect(open.until).toBe(at(MONDAY, '15:30'));
    const gap = sessionAt(at(MONDAY, '15:35'), calendar);
    expect(gap).toMatchObject({ phase: 'closed', closedReason: 'outside-hours', until: at(MONDAY, '15:40') });
    const night = sessionAt(at(MONDAY, '20:00'), calendar);
    expect(night.until).toBe(at('2026-11-24', '00:00'));
  });

  it('is closed on weekends and holidays, all day', () => {
    expect(sessionAt(at('2026-11-21', '10:00'), calendar)).toMatchObject({
      phase: 'closed',
      tradingDay: false,
      closedReason: 'weekend',
    });
    expect(sessionAt(at('2026-11-24', '10:00'), calendar)).toMatchObject({
      phase: 'closed',
      tradingDay: false,
      closedReason: 'holiday',
    });
  });

  it('decides the day in IST: 03:45 UTC Monday is 09:15 IST, 18:30 UTC Friday is Saturday', () => {
    expect(sessionAt(Date.parse('2026-11-23T03:45:00Z'), calendar).phase).toBe('open');
    expect(sessionAt(Date.parse('2026-11-20T18:30:00Z'), calendar).closedReason).toBe('weekend');
  });

  it('runs a special session on a weekend (Muhurat trading)', () => {
    const muhurat = createNseCalendar({
      specialSessions: [{ day: '2026-11-08', windows: [{ phase: 'open', from: '18:00', to: '19:00' }] }],
    });
    expect(sessionAt(at('2026-11-08', '18:30'), muhurat).phase).toBe('open');
    expect(sessionAt(at('2026-11-08', '10:00'), muhurat).phase).toBe('closed');
    expect(isTradingDay('2026-11-08', muhurat)).toBe(true);
  });
});

describe('F&O hours', () => {
  it('has a pre-open only from 8 Dec 2025', () => {
    expect(sessionAt(at('2025-12-05', '09:05'), calendar, 'fo').phase).toBe('closed');
    expect(sessionAt(at('2025-12-08', '09:05'), calendar, 'fo').phase).toBe('pre-open');
    expect(sessionAt(at(MONDAY, '15:45'), calendar, 'fo').phase).toBe('closed');
  });

  it('picks the newest row on or before the day', () => {
    expect(hoursFor('2025-12-07', 'fo').effectiveFrom).toBe('2010-10-18');
    expect(hoursFor('2025-12-08', 'fo').effectiveFrom).toBe('2025-12-08');
    expect(hoursFor('2001-01-01', 'equity').effectiveFrom).toBe('2010-10-18');
  });
});

describe('calendar', () => {
  it('steps over weekends and holidays', () => {
    expect(nextTradingDay('2026-11-20', calendar)).toBe(MONDAY);
    expect(nextTradingDay(MONDAY, calendar)).toBe('2026-11-25');
    expect(previousTradingDay('2026-11-25', calendar)).toBe(MONDAY);
  });

  it('refuses malformed data', () => {
    expect(() => createNseCalendar({ holidays: ['2026-11-31'] })).toThrow(RangeError);
    const overlapping: SessionHoursEntry[] = [
      {
        ...(NSE_SESSION_HOURS[0] as SessionHoursEntry),
        windows: [
          { phase: 'open', from: '09:15', to: '15:30' },
          { phase: 'closing-session', from: '15:00', to: '16:00' },
        ],
      },
    ];
    expect(() => createNseCalendar({ hours: overlapping })).toThrow(/overlaps/);
  });
});
