import { describe, expect, it } from 'vitest';
import {
  applyFill,
  applyFills,
  emptyPosition,
  markPosition,
  positionKeyString,
  rollOverBook,
  rollOverDay,
  type Position,
  type PositionFill,
  type PositionKey,
} from './positions';

const KEY: PositionKey = { token: 13_238_786, product: 'NRML', strategyId: 'manual' };
const buy = (quantity: number, price: number, key: PositionKey = KEY): PositionFill => ({ ...key, side: 'BUY', quantity, price });
const sell = (quantity: number, price: number, key: PositionKey = KEY): PositionFill => ({ ...key, side: 'SELL', quantity, price });
const run = (...fills: PositionFill[]): Position => fills.reduce(applyFill, emptyPosition(KEY));

describe('positions at average cost', () => {
  it('averages buys exactly', () => {
    // 65 @ ₹24,000.00 + 65 @ ₹24,010.00 → basis 156,000,000 + 156,065,000 = 312,065,000; avg ₹24,005.00
    const p = run(buy(65, 2_400_000), buy(65, 2_401_000));
    expect(p).toMatchObject({ netQuantity: 130, costBasis: 312_065_000, realisedPnl: 0, dayBuyQuantity: 130, dayBuyValue: 312_065_000 });
    expect(markPosition(p, 2_402_000)).toEqual({
      averagePrice: 2_400_500, averagePriceRupees: '24005.0000',
      unrealisedPnl: 130 * 2_402_000 - 312_065_000, // 195,000 = ₹1,950
      totalPnl: 195_000, dayPnl: 195_000,
    });
  });

  it('a partial close realises against the average and keeps it', () => {
    // sell 65 @ ₹24,100: removes 312,065,000 × 65/130 = 156,032,500; realised 156,650,000 − 156,032,500 = 617,500
    const p = run(buy(65, 2_400_000), buy(65, 2_401_000), sell(65, 2_410_000));
    expect(p).toMatchObject({ netQuantity: 65, costBasis: 156_032_500, realisedPnl: 617_500, dayRealisedPnl: 617_500 });
    expect(markPosition(p, 2_410_000).averagePrice).toBe(2_400_500);
  });

  it('flips long to short in one fill', () => {
    // long 65 at avg ₹24,005 (basis 156,032,500); sell 130 @ ₹24,200:
    // 65 close: 157,300,000 − 156,032,500 = 1,267,500 realised; 65 open short at ₹24,200
    const p = run(buy(65, 2_400_000), buy(65, 2_401_000), sell(65, 2_410_000), sell(130, 2_420_000));
    expect(p).toMatchObject({ netQuantity: -65, costBasis: -157_300_000, realisedPnl: 617_500 + 1_267_500 });
    const m = markPosition(p, 2_410_000);
    expect(m.averagePrice).toBe(2_420_000);
    expect(m.unrealisedPnl).toBe(650_000); // short 65 from 24,200 to 24,100 = ₹6,500
    // and back: buy 65 @ ₹24,150 closes the short for 65 × ₹50 = 325,000
    const flat = applyFill(p, buy(65, 2_415_000));
    expect(flat).toMatchObject({ netQuantity: 0, costBasis: 0, realisedPnl: 617_500 + 1_267_500 + 325_000 });
    expect(markPosition(flat, 1).averagePrice).toBeNull();
  });

  it('flips short to long', () => {
    const p = run(sell(10, 10_000), buy(25, 9_000));
    expect(p).toMatchObject({ netQuantity: 15, costBasis: 135_000, realisedPnl: 10_000 });
  });

  it('loses no paisa to rounding: flat realised equals proceeds − cost', () => {
    // buys 1 @ 10,000 and 2 @ 10,001 → basis 30,002, avg 10,000.67
    // sell 1: removes round(30,002/3 = 10,000.67) = 10,001 → 0; sell 1: removes round(20,001/2 = 10,000.5) = 10,001 → 0
    // sell 1: removes the last 10,000 → 1. Total 1 = 30,003 − 30,002.
    const steps = [buy(1, 10_000), buy(2, 10_001), sell(1, 10_001), sell(1, 10_001), sell(1, 10_001)];
    const realised = steps.map((_, i) => run(...steps.slice(0, i + 1)).realisedPnl);
    expect(realised).toEqual([0, 0, 0, 0, 1]);
    // A random walk: whenever flat, realised = Σ sells − Σ buys, exactly.
    let p = emptyPosition(KEY);
    let seed = 7;
    const rand = (m: number): number => {
      // mulberry32: a small PRNG whose low bits do not alternate like an LCG's.
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % m;
    };
    let cash = 0;
    let flatCount = 0;
    for (let i = 0; i < 500; i++) {
      const price = 100_000 + rand(5_000);
      // Now and then close exactly, to visit flat states often.
      const q = p.netQuantity !== 0 && rand(6) === 0 ? Math.abs(p.netQuantity) : 1 + rand(9);
      const f = (p.netQuantity !== 0 && q === Math.abs(p.netQuantity) ? p.netQuantity < 0 : rand(2) === 1)
        ? buy(q, price) : sell(q, price);
      cash += (f.side === 'SELL' ? 1 : -1) * f.quantity * f.price;
      p = applyFill(p, f);
      if (p.netQuantity === 0) {
        flatCount++;
        expect(p.realisedPnl).toBe(cash);
      }
    }
    expect(flatCount).toBeGreaterThan(3);
    if (p.netQuantity !== 0) {
      const q = Math.abs(p.netQuantity);
      const closeOut = p.netQuantity > 0 ? sell(q, 101_000) : buy(q, 101_000);
      cash += (closeOut.side === 'SELL' ? 1 : -1) * q * 101_000;
      expect(applyFill(p, closeOut).realisedPnl).toBe(cash);
    }
  });

  it('a carried position keeps its average price and P&L the next day', () => {
    // Day 1: buy 65 @ ₹24,000; close ₹24,100.
    const day1 = run(buy(65, 2_400_000));
    expect(markPosition(day1, 2_410_000).dayPnl).toBe(650_000);
    const day2 = rollOverDay(day1, 2_410_000);
    expect(day2).toMatchObject({ carriedQuantity: 65, carriedValue: 156_650_000, dayBuyQuantity: 0, dayBuyValue: 0 });
    // Day 2, LTP ₹24,200: overall unrealised vs ₹24,000 = ₹13,000; day M2M vs close ₹24,100 = ₹6,500
    expect(markPosition(day2, 2_420_000)).toMatchObject({ averagePrice: 2_400_000, unrealisedPnl: 1_300_000, dayPnl: 650_000 });
    // Day 2: sell 65 @ ₹24,150 → realised vs average ₹9,750; day M2M vs close ₹3,250
    const closed = applyFill(day2, sell(65, 2_415_000));
    expect(closed).toMatchObject({ netQuantity: 0, realisedPnl: 975_000, dayRealisedPnl: 975_000 });
    expect(markPosition(closed, 2_420_000)).toMatchObject({ unrealisedPnl: 0, totalPnl: 975_000, dayPnl: 325_000 });
  });

  it('rolls without a known close at cost, so day M2M equals unrealised', () => {
    const rolled = rollOverDay(run(sell(65, 2_400_000)), null);
    const m = markPosition(rolled, 2_390_000);
    expect(m.dayPnl).toBe(650_000);
    expect(m.unrealisedPnl).toBe(650_000);
  });

  it('keeps products and strategies apart and rolls a book', () => {
    const algo: PositionKey = { ...KEY, strategyId: 'orb-1' };
    const mis: PositionKey = { ...KEY, product: 'MIS' };
    const book = applyFills(new Map(), [buy(65, 2_400_000), buy(130, 2_400_000, algo), sell(65, 2_400_000, mis), buy(65, 2_401_000, mis)]);
    expect(book.size).toBe(3);
    expect(book.get(positionKeyString(KEY))?.netQuantity).toBe(65);
    expect(book.get(positionKeyString(algo))?.netQuantity).toBe(130);
    expect(book.get(positionKeyString(mis))).toMatchObject({ netQuantity: 0, realisedPnl: -65_000 });
    const next = rollOverBook(book, () => 2_405_000);
    expect([...next.keys()].sort()).toEqual([positionKeyString(KEY), positionKeyString(algo)].sort());
    expect(next.get(positionKeyString(algo))).toMatchObject({ carriedQuantity: 130, carriedValue: 130 * 2_405_000 });
  });

  it('refuses bad fills', () => {
    expect(() => applyFill(emptyPosition(KEY), buy(0, 1))).toThrow(RangeError);
    expect(() => applyFill(emptyPosition(KEY), buy(1, 1.5))).toThrow(RangeError);
    expect(() => applyFill(emptyPosition(KEY), { ...buy(1, 1), strategyId: 'other' })).toThrow(/another position/);
  });
});
