import { describe, expect, it } from 'vitest';
import bundled from '../../resources/instruments/nse-universe.json';
import { createNseCalendar } from '../../src-shared/market/nse-session';
import { buildUniverse, loadBundledUniverse, parseUniverseFile } from './universe';
import { SYNTHETIC_TOKEN_MAX, SYNTHETIC_TOKEN_MIN } from './universe-tokens';

const DAY = '2026-11-21';

describe('bundled NSE universe', () => {
  const universe = loadBundledUniverse({ day: DAY });
  const of = (type: string) => universe.entries.filter((e) => e.instrument.instrumentType === type);
  const bySymbol = (symbol: string) => universe.entries.find((e) => e.instrument.tradingsymbol === symbol);

  it('has the NIFTY 50 stocks and both indices', () => {
    expect(of('EQ')).toHaveLength(50);
    expect(of('INDEX').map((e) => e.instrument.tradingsymbol)).toEqual(['NIFTY 50', 'NIFTY BANK']);
    const reliance = bySymbol('RELIANCE')?.instrument;
    expect(reliance).toMatchObject({ exchange: 'NSE', segment: 'NSE', lotSize: 1, tickSize: 5, freezeQty: null });
    for (const entry of of('EQ')) expect((entry.refPrice ?? 0) % entry.instrument.tickSize).toBe(0);
  });

  it('generates current-month futures with MARKET-FACTS lot sizes and freeze quantities', () => {
    expect(bySymbol('NIFTY26NOVFUT')?.instrument).toMatchObject({ lotSize: 65, freezeQty: 1800, expiry: '2026-11-24', exchange: 'NFO', segment: 'NFO-FUT' });
    expect(bySymbol('BANKNIFTY26NOVFUT')?.instrument).toMatchObject({ lotSize: 30, freezeQty: 600, expiry: '2026-11-24' });
    const nifty = bySymbol('NIFTY 50')?.instrument.token;
    expect(bySymbol('NIFTY26NOVFUT')?.underlyingToken).toBe(nifty);
  });

  it('generates ±10 strikes, CE and PE, around the reference, on a Tuesday expiry', () => {
    const niftyOptions = universe.entries.filter((e) => e.instrument.name === 'NIFTY' && e.instrument.segment === 'NFO-OPT');
    // weekly and monthly coincide on 2026-11-24: one chain of 21 strikes × 2
    expect(niftyOptions).toHaveLength(42);
    const strikes = [...new Set(niftyOptions.map((e) => e.instrument.strike))].sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(strikes[0]).toBe(2_550_000);
    expect(strikes.at(-1)).toBe(2_650_000);
    expect(bySymbol('NIFTY26NOV26000CE')?.instrument).toMatchObject({ strike: 2_600_000, instrumentType: 'CE', lotSize: 65 });
    expect(bySymbol('BANKNIFTY26NOV58000PE')?.instrument).toMatchObject({ strike: 5_800_000, lotSize: 30, freezeQty: 600 });
  });

  it('derives expiries from the day, so the data does not go stale', () => {
    const later = loadBundledUniverse({ day: '2026-11-26' });
    expect(later.entries.find((e) => e.instrument.instrumentType === 'FUT')?.instrument.expiry).toBe('2026-12-29');
    const weekly = later.entries.filter((e) => e.instrument.name === 'NIFTY' && e.instrument.segment === 'NFO-OPT');
    expect(new Set(weekly.map((e) => e.instrument.expiry))).toEqual(new Set(['2026-12-01', '2026-12-29']));
    expect(weekly.some((e) => e.instrument.tradingsymbol === 'NIFTY26D0126000CE')).toBe(true);
    const holiday = loadBundledUniverse({ day: DAY, calendar: createNseCalendar({ holidays: ['2026-11-24'] }) });
    expect(holiday.entries.find((e) => e.instrument.instrumentType === 'FUT')?.instrument.expiry).toBe('2026-11-23');
  });

  it('uses unique synthetic tokens that stay stable for the same contract', () => {
    const tokens = universe.entries.map((e) => e.instrument.token);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      expect(token).toBeGreaterThanOrEqual(SYNTHETIC_TOKEN_MIN);
      expect(token).toBeLessThanOrEqual(SYNTHETIC_TOKEN_MAX);
    }
    const tomorrow = loadBundledUniverse({ day: '2026-11-23' });
    expect(tomorrow.entries.find((e) => e.instrument.tradingsymbol === 'NIFTY26NOV26000CE')?.instrument.token).toBe(
      bySymbol('NIFTY26NOV26000CE')?.instrument.token,
    );
  });
});

describe('validation', () => {
  const clone = () => structuredClone(bundled) as Record<string, unknown> & { stocks: { tradingsymbol: string; refPrice: string }[] };

  it('rejects malformed files', () => {
    const badPrice = clone();
    (badPrice.stocks[0] as { refPrice: string }).refPrice = '12.345';
    expect(() => parseUniverseFile(badPrice)).toThrow();
    const duplicate = clone();
    duplicate.stocks.push({ ...(duplicate.stocks[0] as { tradingsymbol: string; refPrice: string }) });
    expect(() => parseUniverseFile(duplicate)).toThrow(/duplicate/);
    expect(() => parseUniverseFile({ ...clone(), asOf: '2026-02-30' })).toThrow();
  });

  it('rejects a price off the tick grid', () => {
    const off = clone();
    (off.stocks[0] as { refPrice: string }).refPrice = '100.03';
    expect(() => buildUniverse(parseUniverseFile(off), { day: DAY })).toThrow(/tick/);
  });
});
