import { describe, expect, test } from 'vitest';
import type { Quote } from '../../../src-shared/market/quote';
import { markEntry, PositionBook, positionToWire } from './position-book';

const quote = (ltp: number, close: number): Quote => ({
  token: 7, ltp, open: ltp, high: ltp, low: ltp, close, change: ltp - close, changePct: 0, volume: 0, oi: 0,
  bid: ltp, ask: ltp, bidQty: 1, askQty: 1, ts: 1,
});

function bookWith(day: string): PositionBook {
  const book = new PositionBook(day);
  const stage = book.stage();
  stage.apply({ token: 7, product: 'NRML', strategyId: 'manual', side: 'BUY', quantity: 10, price: 10_000, tradingsymbol: 'X', exchange: 'NFO', charges: 120 });
  stage.apply({ token: 7, product: 'NRML', strategyId: 'manual', side: 'SELL', quantity: 4, price: 10_500, tradingsymbol: 'X', exchange: 'NFO', charges: 80 });
  expect(book.entries()).toEqual([]); // nothing until committed
  book.commit(stage);
  return book;
}

describe('PositionBook', () => {
  test('stages fills, commits them, marks to the LTP', () => {
    const book = bookWith('2026-11-23');
    const [entry] = book.entries();
    if (!entry) throw new Error('no entry');
    expect(entry.position).toMatchObject({ netQuantity: 6, costBasis: 60_000, realisedPnl: 2_000 });
    expect(entry.charges).toBe(200);
    expect(markEntry(entry, quote(10_100, 9_900))).toEqual({ ltp: 10_100, averagePrice: 10_000, unrealisedPnl: 600, dayPnl: 42_000 + 60_600 - 100_000 });
    // Without a quote: marked at cost, so the day's P&L is what was realised.
    expect(markEntry(entry, null)).toEqual({ ltp: null, averagePrice: 10_000, unrealisedPnl: 0, dayPnl: 2_000 });
    expect(book.netQuantity(7)).toBe(6);
    expect(book.dayPnl(() => quote(9_000, 9_900))).toBe(42_000 + 54_000 - 100_000);
  });

  test('a new IST day keeps the cost of carried positions and measures the day from the previous close', () => {
    const book = bookWith('2026-11-23');
    book.rollTo('2026-11-24');
    const [entry] = book.entries();
    if (!entry) throw new Error('no entry');
    expect(entry.position).toMatchObject({ netQuantity: 6, carriedQuantity: 6, costBasis: 60_000, dayBuyQuantity: 0, realisedPnl: 2_000 });
    // Carried 6 valued at the previous close 9,900 (from the quote): day P&L = 6 × (10,100 − 9,900).
    const wire = positionToWire(entry, quote(10_100, 9_900), book.day);
    expect(wire).toMatchObject({ dayPnl: 1_200, unrealisedPnl: 600, totalPnl: 2_600, tradingDate: '2026-11-24', charges: 200 });
  });
});
