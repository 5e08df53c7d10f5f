/**
 * NSE session hours as dated data, not constants in code: the exchange changes
 * them by circular, so each row says from when it applies. The `market_sessions`
 * table can supply newer rows in the same shape; the newest row whose
 * `effectiveFrom` is on or before a day wins. Source: MARKET-FACTS.md.
 */
import type { IstDay } from './ist-calendar';

export type SessionSegment = 'equity' | 'fo';

/** Phases in which the exchange accepts or matches orders; anything else is 'closed'. */
export type OpenPhase =
  | 'pre-open' // order entry, modification, cancellation (random close in the last minute)
  | 'pre-open-matching' // order matching, equilibrium price
  | 'pre-open-buffer' // transition to the normal market
  | 'open' // normal market
  | 'closing-session'; // equity closing session, trades at the closing price

export type SessionPhase = OpenPhase | 'closed';

/** A half-open window [from, to) of IST wall-clock times 'HH:MM'. */
export interface PhaseWindow {
  phase: OpenPhase;
  from: string;
  to: string;
}

export interface SessionHoursEntry {
  segment: SessionSegment;
  /** First IST day on which these hours apply. */
  effectiveFrom: IstDay;
  /** Sorted, non-overlapping; gaps between windows are 'closed'. */
  windows: readonly PhaseWindow[];
  source: string;
}

const EQUITY_WINDOWS: readonly PhaseWindow[] = [
  { phase: 'pre-open', from: '09:00', to: '09:08' },
  { phase: 'pre-open-matching', from: '09:08', to: '09:12' },
  { phase: 'pre-open-buffer', from: '09:12', to: '09:15' },
  { phase: 'open', from: '09:15', to: '15:30' },
  // 15:30–15:40 the closing price is computed: no trading, so 'closed'.
  { phase: 'closing-session', from: '15:40', to: '16:00' },
];

export const NSE_SESSION_HOURS: readonly SessionHoursEntry[] = [
  {
    segment: 'equity',
    // Earliest row we model; days before it use it too (history is not modelled).
    effectiveFrom: '2010-10-18',
    windows: EQUITY_WINDOWS,
    source: 'MARKET-FACTS.md, NSE session (IST)',
  },
  {
    segment: 'fo',
    effectiveFrom: '2010-10-18',
    windows: [{ phase: 'open', from: '09:15', to: '15:30' }],
    source: 'MARKET-FACTS.md, normal market',
  },
  {
    segment: 'fo',
    // F&O pre-open (current-month futures only; no SL or IOC orders).
    effectiveFrom: '2025-12-08',
    windows: [
      { phase: 'pre-open', from: '09:00', to: '09:08' },
      { phase: 'pre-open-matching', from: '09:08', to: '09:12' },
      { phase: 'pre-open-buffer', from: '09:12', to: '09:15' },
      { phase: 'open', from: '09:15', to: '15:30' },
    ],
    source: 'MARKET-FACTS.md, F&O pre-open since 8 Dec 2025',
  },
];

/** The row in force on `day` for `segment` (the earliest row for days before all rows). */
export function hoursFor(
  day: IstDay,
  segment: SessionSegment,
  table: readonly SessionHoursEntry[] = NSE_SESSION_HOURS,
): SessionHoursEntry {
  let best: SessionHoursEntry | undefined;
  let earliest: SessionHoursEntry | undefined;
  for (const entry of table) {
    if (entry.segment !== segment) continue;
    if (!earliest || entry.effectiveFrom < earliest.effectiveFrom) earliest = entry;
    if (entry.effectiveFrom <= day && (!best || entry.effectiveFrom > best.effectiveFrom)) best = entry;
  }
  const found = best ?? earliest;
  if (!found) throw new RangeError(`no session hours for segment ${segment}`);
  return found;
}
