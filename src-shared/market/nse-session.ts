/**
 * Which NSE session phase an instant is in. Hours come from the dated table in
 * nse-hours.ts, holidays and special sessions (e.g. Muhurat trading) from the
 * caller — in the app, the `market_sessions` table — so nothing here goes stale.
 */
import {
  DAY_MS,
  MINUTE_MS,
  addDays,
  isIstDay,
  isWeekend,
  istDayOf,
  istDayStartUtc,
  istMsOfDay,
  parseClock,
  type IstDay,
} from './ist-calendar';
import {
  NSE_SESSION_HOURS,
  hoursFor,
  type PhaseWindow,
  type SessionHoursEntry,
  type SessionPhase,
  type SessionSegment,
} from './nse-hours';

export interface SpecialSession {
  day: IstDay;
  /** Omitted: applies to both segments. */
  segment?: SessionSegment;
  windows: readonly PhaseWindow[];
}

export interface NseCalendarInput {
  holidays?: Iterable<IstDay>;
  specialSessions?: Iterable<SpecialSession>;
  hours?: readonly SessionHoursEntry[];
}

/** Built once (createNseCalendar) so lookups in hot loops are set/map hits. */
export interface NseCalendar {
  readonly holidays: ReadonlySet<IstDay>;
  readonly special: ReadonlyMap<string, readonly PhaseWindow[]>;
  readonly hours: readonly SessionHoursEntry[];
}

export type ClosedReason = 'weekend' | 'holiday' | 'outside-hours' | null;

export interface SessionState {
  day: IstDay;
  segment: SessionSegment;
  phase: SessionPhase;
  /** Whether the exchange trades at all on this day (weekday, not a holiday, or a special session). */
  tradingDay: boolean;
  /** Why it is closed; null while a phase is running. */
  closedReason: ClosedReason;
  /** Epoch ms at which this state may change (end of the window, start of the next one, or next IST midnight). */
  until: number;
}

interface CompiledWindow {
  phase: PhaseWindow['phase'];
  fromMs: number;
  toMs: number;
}

const compiled = new WeakMap<readonly PhaseWindow[], readonly CompiledWindow[]>();

/** Minutes → ms once per windows array; also checks the table is sorted and non-overlapping. */
function compile(windows: readonly PhaseWindow[]): readonly CompiledWindow[] {
  const cached = compiled.get(windows);
  if (cached) return cached;
  let previousEnd = 0;
  const result = windows.map((window) => {
    const fromMs = parseClock(window.from) * MINUTE_MS;
    const toMs = parseClock(window.to) * MINUTE_MS;
    if (toMs <= fromMs) throw new RangeError(`session window ${window.from}-${window.to} is empty`);
    if (fromMs < previousEnd) throw new RangeError(`session window ${window.from}-${window.to} overlaps the previous one`);
    previousEnd = toMs;
    return { phase: window.phase, fromMs, toMs };
  });
  compiled.set(windows, result);
  return result;
}

const specialKey = (day: IstDay, segment: SessionSegment) => `${day}/${segment}`;

export function createNseCalendar(input: NseCalendarInput = {}): NseCalendar {
  const holidays = new Set<IstDay>();
  for (const day of input.holidays ?? []) {
    if (!isIstDay(day)) throw new RangeError(`holiday "${String(day)}" is not a YYYY-MM-DD date`);
    holidays.add(day);
  }
  const special = new Map<string, readonly PhaseWindow[]>();
  for (const session of input.specialSessions ?? []) {
    if (!isIstDay(session.day)) throw new RangeError(`special session day "${session.day}" is not a date`);
    compile(session.windows);
    for (const segment of session.segment ? [session.segment] : (['equity', 'fo'] as const)) {
      special.set(specialKey(session.day, segment), session.windows);
    }
  }
  const hours = input.hours ?? NSE_SESSION_HOURS;
  for (const entry of hours) compile(entry.windows);
  return { holidays, special, hours };
}

/** The windows the exchange runs on `day`, or why it runs none. */
export function windowsOn(
  day: IstDay,
  calendar: NseCalendar,
  segment: SessionSegment = 'equity',
): { windows: readonly PhaseWindow[]; closedReason: ClosedReason } {
  const special = calendar.special.get(specialKey(day, segment));
  if (special) return { windows: special, closedReason: null };
  if (isWeekend(day)) return { windows: [], closedReason: 'weekend' };
  if (calendar.holidays.has(day)) return { windows: [], closedReason: 'holiday' };
  return { windows: hoursFor(day, segment, calendar.hours).windows, closedReason: null };
}

export function isTradingDay(day: IstDay, calendar: NseCalendar, segment: SessionSegment = 'equity'): boolean {
  return windowsOn(day, calendar, segment).windows.length > 0;
}

/** The session state at an instant. */
export function sessionAt(
  epochMs: number,
  calendar: NseCalendar,
  segment: SessionSegment = 'equity',
): SessionState {
  const day = istDayOf(epochMs);
  const dayStart = istDayStartUtc(day);
  const msOfDay = istMsOfDay(epochMs);
  const { windows, closedReason } = windowsOn(day, calendar, segment);
  const tradingDay = windows.length > 0;
  for (const window of compile(windows)) {
    if (msOfDay < window.fromMs) {
      return { day, segment, phase: 'closed', tradingDay, closedReason: 'outside-hours', until: dayStart + window.fromMs };
    }
    if (msOfDay < window.toMs) {
      return { day, segment, phase: window.phase, tradingDay, closedReason: null, until: dayStart + window.toMs };
    }
  }
  return {
    day,
    segment,
    phase: 'closed',
    tradingDay,
    closedReason: closedReason ?? 'outside-hours',
    until: dayStart + DAY_MS,
  };
}

/** The first trading day strictly after `day` (searches up to a year ahead). */
export function nextTradingDay(day: IstDay, calendar: NseCalendar, segment: SessionSegment = 'equity'): IstDay {
  return stepTradingDay(day, 1, calendar, segment);
}

/** The last trading day strictly before `day`. */
export function previousTradingDay(day: IstDay, calendar: NseCalendar, segment: SessionSegment = 'equity'): IstDay {
  return stepTradingDay(day, -1, calendar, segment);
}

function stepTradingDay(day: IstDay, step: 1 | -1, calendar: NseCalendar, segment: SessionSegment): IstDay {
  let candidate = day;
  for (let i = 0; i < 366; i += 1) {
    candidate = addDays(candidate, step);
    if (isTradingDay(candidate, calendar, segment)) return candidate;
  }
  throw new RangeError(`no trading day within a year of ${day}`);
}
