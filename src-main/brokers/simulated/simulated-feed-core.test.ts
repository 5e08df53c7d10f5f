import { describe, expect, it } from 'vitest';
import type { Tick } from '../../../src-shared/domain/tick';
import { istInstant, parseClock } from '../../../src-shared/market/ist-calendar';
import { createNseCalendar } from '../../../src-shared/market/nse-session';
import { loadBundledUniverse } from '../../market/universe';
import { createSimulatedFeedCore, type SimulatedFeedOptions } from './simulated-feed-core';

const universe = loadBundledUniverse({ day: '2026-11-23' });
const at = (day: string, clock: string) => istInstant(day, parseClock(clock));
const MONDAY_10 = at('2026-11-23', '10:00');

function feed(overrides: Partial<SimulatedFeedOptions> = {}) {
  return createSimulatedFeedCore({ seed: 7, instruments: universe.entries, startTime: MONDAY_10, ratePerSec: 1000, ...overrides });
}

function run(core: ReturnType<typeof feed>, from: number, to: number, stepMs: number): Tick[] {
  const out: Tick[] = [];
  for (let t = from + stepMs; t <= to; t += stepMs) out.push(...core.next(t));
  return out;
}

describe('simulated feed: determinism and pace', () => {
  it('gives the same ticks for the same seed, however the calls are spaced', () => {
    const a = run(feed(), MONDAY_10, MONDAY_10 + 5_000, 100);
    const b = run(feed(), MONDAY_10, MONDAY_10 + 5_000, 37);
    const tail = feed({ maxTicksPerCall: 1e6 }).next(MONDAY_10 + 5_000);
    expect(a).toHaveLength(5_000);
    expect(b.slice(0, a.length - 40)).toEqual(a.slice(0, a.length - 40));
    expect(tail).toEqual(a);
    expect(run(feed({ seed: 8 }), MONDAY_10, MONDAY_10 + 5_000, 100)).not.toEqual(a);
  });

  it('emits exactly rate × seconds ticks, stamped inside the window, in time order', () => {
    const ticks = run(feed({ ratePerSec: 50_000 }), MONDAY_10, MONDAY_10 + 1_000, 10);
    expect(ticks).toHaveLength(50_000);
    expect(ticks[0]?.ts).toBe(MONDAY_10);
    expect(ticks.at(-1)?.ts).toBe(MONDAY_10 + 999);
    for (let i = 1; i < ticks.length; i += 1) expect((ticks[i] as Tick).ts).toBeGreaterThanOrEqual((ticks[i - 1] as Tick).ts);
  });

  it('skips the oldest ticks when a call is too late, and counts them', () => {
    const core = feed({ maxTicksPerCall: 500 });
    const ticks = core.next(MONDAY_10 + 2_000);
    expect(ticks).toHaveLength(500);
    expect(ticks[0]?.ts).toBe(MONDAY_10 + 1_500);
    expect(core.stats()).toMatchObject({ generated: 500, skipped: 1_500 });
  });

  it('changes rate from the time reached', () => {
    const core = feed({ ratePerSec: 100 });
    expect(core.next(MONDAY_10 + 1_000)).toHaveLength(100);
    core.setRate(2_000);
    expect(core.next(MONDAY_10 + 2_000)).toHaveLength(2_000);
  });

  it('generates only for active tokens when restricted', () => {
    const core = feed();
    const reliance = universe.entries.find((e) => e.instrument.tradingsymbol === 'RELIANCE')?.instrument.token ?? 0;
    core.setActiveTokens([reliance, 123]);
    const ticks = core.next(MONDAY_10 + 500);
    expect(ticks).toHaveLength(500);
    expect(new Set(ticks.map((t) => t.token))).toEqual(new Set([reliance]));
  });
});

describe('simulated feed: session rules', () => {
  it('is silent before 09:15 and after 15:30, and on weekends and holidays', () => {
    const core = feed({ startTime: at('2026-11-23', '09:14'), maxTicksPerCall: 1e6 });
    const ticks = core.next(at('2026-11-23', '09:16'));
    expect(ticks).toHaveLength(60_000);
    expect(ticks[0]?.ts).toBe(at('2026-11-23', '09:15'));
    expect(core.stats().closed).toBe(60_000);

    const late = feed({ startTime: at('2026-11-23', '15:29'), maxTicksPerCall: 1e6 });
    expect(late.next(at('2026-11-23', '15:31'))).toHaveLength(60_000);

    expect(feed({ startTime: at('2026-11-21', '10:00') }).next(at('2026-11-21', '10:01'))).toHaveLength(0);
    const holiday = createNseCalendar({ holidays: ['2026-11-23'] });
    expect(feed({ calendar: holiday }).next(MONDAY_10 + 1_000)).toHaveLength(0);
  });

  it('runs around the clock when asked to, resetting day volume at IST midnight', () => {
    const saturday = at('2026-11-21', '23:59');
    const core = feed({ startTime: saturday, simulateOutsideHours: true, ratePerSec: 200, maxTicksPerCall: 1e6 });
    const ticks = core.next(saturday + 120_000);
    expect(ticks).toHaveLength(24_000);
    const stock = ticks.filter((t) => t.token === ticks.find((x) => x.volume > 0)?.token);
    const midnight = at('2026-11-22', '00:00');
    const before = stock.filter((t) => t.ts < midnight);
    const after = stock.filter((t) => t.ts >= midnight);
    expect(after[0]?.volume).toBe(after[0]?.lastQty);
    expect((before.at(-1)?.volume ?? 0)).toBeGreaterThan(after[0]?.volume ?? 0);
  });
});

describe('simulated feed: prices and quantities', () => {
  const ticks = run(feed({ ratePerSec: 20_000 }), MONDAY_10, MONDAY_10 + 10_000, 250);
  const byToken = universe.byToken;

  it('keeps every price on its tick grid with a real bid/ask', () => {
    const problems: string[] = [];
    for (const t of ticks) {
      const instrument = byToken.get(t.token)?.instrument;
      if (!instrument) throw new Error(`unknown token ${t.token}`);
      const tick = instrument.tickSize;
      if (t.ltp <= 0 || t.ltp % tick !== 0) problems.push(`ltp ${t.ltp} of ${instrument.tradingsymbol}`);
      if (instrument.instrumentType === 'INDEX') {
        if (t.bid !== null || t.ask !== null || t.volume !== 0 || t.lastQty !== 0) problems.push(`index quote ${JSON.stringify(t)}`);
        continue;
      }
      const { bid, ask } = t;
      if (bid === null || ask === null || bid % tick !== 0 || ask - bid < tick || bid > t.ltp || ask < t.ltp || bid <= 0) {
        problems.push(`quote ${JSON.stringify(t)}`);
      }
    }
    expect(ticks.length).toBe(200_000);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('trades F&O in whole lots with cumulative volume and open interest', () => {
    const lastVolume = new Map<number, number>();
    const problems: string[] = [];
    for (const t of ticks) {
      const instrument = byToken.get(t.token)?.instrument;
      if (!instrument || instrument.instrumentType === 'INDEX') continue;
      const lot = instrument.lotSize;
      if (t.lastQty <= 0 || t.lastQty % lot !== 0) problems.push(`lastQty ${t.lastQty} of ${instrument.tradingsymbol}`);
      if (t.volume !== (lastVolume.get(t.token) ?? 0) + t.lastQty) problems.push(`volume ${t.volume} of ${instrument.tradingsymbol}`);
      lastVolume.set(t.token, t.volume);
      const oiOk = instrument.instrumentType === 'EQ' ? t.oi === 0 : t.oi > 0 && t.oi % lot === 0;
      if (!oiOk) problems.push(`oi ${t.oi} of ${instrument.tradingsymbol}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('prices derivatives consistently with the underlying', () => {
    const sym = (s: string) => universe.entries.find((e) => e.instrument.tradingsymbol === s)?.instrument.token;
    const last = (token: number | undefined) => ticks.filter((t) => t.token === token).at(-1)?.ltp ?? 0;
    const spot = last(sym('NIFTY 50'));
    const fut = last(sym('NIFTY26NOVFUT'));
    expect(Math.abs(fut - spot) / spot).toBeLessThan(0.005);
    const deepCall = last(sym('NIFTY26NOV25500CE'));
    expect(deepCall).toBeGreaterThan(spot - 2_550_000 - 5_000);
    expect(last(sym('NIFTY26NOV26500PE'))).toBeGreaterThan(2_650_000 - spot - 5_000);
    // Far out of the money but alive: at least one tick.
    expect(last(sym('NIFTY26NOV26500CE'))).toBeGreaterThanOrEqual(5);
    expect(Math.abs(spot - 2_600_000) / 2_600_000).toBeLessThan(0.05);
  });
});
