import { describe, expect, test } from 'vitest';
import type { Quote } from '../../../src-shared/market/quote';
import { liquidityFor, matchOrder, protectionBound, type MatchableOrder } from './matching';

const quote = (q: Partial<Quote>): Quote => ({
  token: 1, ltp: 10_000, open: 0, high: 0, low: 0, close: 0, change: 0, changePct: 0, volume: 0, oi: 0,
  bid: 9_990, ask: 10_010, bidQty: 100, askQty: 100, ts: 1, ...q,
});

const order = (o: Partial<MatchableOrder>): MatchableOrder => ({
  side: 'BUY', orderType: 'MKT', validity: 'DAY', quantity: 100, filledQuantity: 0, price: null, triggerPrice: null,
  marketProtection: 0, protectionPrice: null, triggered: false, icebergLegs: null, ...o,
});

describe('matchOrder', () => {
  test('an iceberg fills at most what is left of its current leg per pass, however deep the book', () => {
    const q = quote({ askQty: 1_000 });
    const iceberg = order({ orderType: 'L', price: 10_020, quantity: 90, icebergLegs: 3 });
    expect(matchOrder(iceberg, q, liquidityFor(q, undefined), true).fill).toEqual({ quantity: 30, price: 10_010 });
    // Part of the second leg already filled (a short book earlier): only the rest of that leg now.
    expect(matchOrder({ ...iceberg, filledQuantity: 40 }, q, liquidityFor(q, undefined), false).fill?.quantity).toBe(20);
    expect(matchOrder({ ...iceberg, filledQuantity: 60 }, q, liquidityFor(q, undefined), false).fill?.quantity).toBe(30);
    // A short book still splits a leg.
    const thin = quote({ askQty: 12 });
    expect(matchOrder(iceberg, thin, liquidityFor(thin, undefined), true).fill?.quantity).toBe(12);
  });


  test('market buy takes the ask for what the depth allows; the rest waits (DAY) or expires (IOC)', () => {
    const q = quote({ askQty: 30 });
    expect(matchOrder(order({}), q, liquidityFor(q, undefined), true)).toMatchObject({ fill: { quantity: 30, price: 10_010 }, expire: false });
    expect(matchOrder(order({ validity: 'IOC' }), q, liquidityFor(q, undefined), true)).toMatchObject({ fill: { quantity: 30 }, expire: true });
    expect(matchOrder(order({ side: 'SELL' }), q, liquidityFor(q, undefined), true)).toMatchObject({ fill: { quantity: 100, price: 9_990 } });
  });

  test('orders on one quote share its depth; a newer quote brings fresh depth', () => {
    const q = quote({ askQty: 120 });
    const liquidity = liquidityFor(q, undefined);
    expect(matchOrder(order({}), q, liquidity, false).fill?.quantity).toBe(100);
    expect(matchOrder(order({}), q, liquidityFor(q, liquidity), false).fill?.quantity).toBe(20);
    expect(matchOrder(order({}), q, liquidityFor(q, liquidity), false).fill).toBeNull();
    expect(liquidityFor(quote({ ts: 2, askQty: 120 }), liquidity).askQty).toBe(120);
  });

  test('limit orders fill only when crossed, at the touch', () => {
    const q = quote({});
    expect(matchOrder(order({ orderType: 'L', price: 10_000 }), q, liquidityFor(q, undefined), true).fill).toBeNull();
    expect(matchOrder(order({ orderType: 'L', price: 10_020 }), q, liquidityFor(q, undefined), true).fill).toEqual({ quantity: 100, price: 10_010 });
    expect(matchOrder(order({ orderType: 'L', side: 'SELL', price: 9_990 }), q, liquidityFor(q, undefined), true).fill).toEqual({ quantity: 100, price: 9_990 });
    expect(matchOrder(order({ orderType: 'L', side: 'SELL', price: 9_995 }), q, liquidityFor(q, undefined), true).fill).toBeNull();
  });

  test('stops wait for the LTP to touch the trigger, then match as L (SL) or MKT (SL-M)', () => {
    const below = quote({ ltp: 10_040 });
    const sl = order({ orderType: 'SL', price: 10_060, triggerPrice: 10_050 });
    expect(matchOrder(sl, below, liquidityFor(below, undefined), true)).toEqual({ triggered: false, protectionPrice: null, fill: null, expire: false });
    const touched = quote({ ltp: 10_050, ask: 10_070 });
    expect(matchOrder(sl, touched, liquidityFor(touched, undefined), false)).toMatchObject({ triggered: true, fill: null });
    expect(matchOrder({ ...sl, triggered: true }, quote({ ltp: 10_055, ask: 10_060 }), liquidityFor(quote({ ask: 10_060 }), undefined), false).fill)
      .toEqual({ quantity: 100, price: 10_060 });
    const slm = order({ orderType: 'SL-M', side: 'SELL', triggerPrice: 9_950, marketProtection: 100 });
    const down = quote({ ltp: 9_950, bid: 9_940 });
    expect(matchOrder(slm, down, liquidityFor(down, undefined), false)).toMatchObject({ triggered: true, protectionPrice: 9_850, fill: { price: 9_940 } });
  });

  test('an IOC stop is not expired while it waits for its trigger, only on its first live pass', () => {
    const q = quote({ ltp: 10_000, askQty: 0 });
    const stop = order({ orderType: 'SL-M', triggerPrice: 10_050, validity: 'IOC', marketProtection: 100 });
    expect(matchOrder(stop, q, liquidityFor(q, undefined), true).expire).toBe(false);
    const up = quote({ ltp: 10_050, askQty: 10 });
    expect(matchOrder(stop, up, liquidityFor(up, undefined), false)).toMatchObject({ triggered: true, fill: { quantity: 10 }, expire: true });
  });

  test('market protection bounds the price; without a quote nothing happens', () => {
    expect(protectionBound('BUY', 10_000, 100)).toBe(10_100);
    expect(protectionBound('SELL', 10_000, -1)).toBe(9_700);
    expect(protectionBound('BUY', 10_000, 0)).toBeNull();
    const far = quote({ ask: 10_200 });
    expect(matchOrder(order({ marketProtection: 100 }), far, liquidityFor(far, undefined), true)).toMatchObject({ protectionPrice: 10_100, fill: null });
    expect(matchOrder(order({ validity: 'IOC' }), null, null, true)).toMatchObject({ fill: null, expire: true });
    expect(matchOrder(order({}), null, null, true)).toMatchObject({ fill: null, expire: false });
  });
});
