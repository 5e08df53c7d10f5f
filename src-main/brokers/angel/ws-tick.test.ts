import { describe, expect, it } from 'vitest';
import { angelEpochMs, angelTick } from './ws-tick';
import type { AngelLtpPacket, AngelQuotePacket, AngelSnapQuotePacket } from './ws-packets';

const T = 1_687_324_570_000;
const RECEIVED = 1_687_324_571_234;
const SBIN = 3045 * 256 + 1;

const ltp: AngelLtpPacket = { mode: 'ltp', exchangeType: 1, token: '3045', sequence: 1, exchangeTimestampMs: T, ltp: 56_820 };
const quote: AngelQuotePacket = {
  ...ltp, mode: 'quote', lastQuantity: 1, averagePrice: 56_783, volume: 3_556_150, totalBuyQuantity: 839_549,
  totalSellQuantity: 1_284_767, open: 56_740, high: 56_935, low: 56_610, close: 56_740,
};
const level = (flag: number, price: number, quantity: number, orders: number) => ({ flag, price, quantity, orders });
const snap: AngelSnapQuotePacket = {
  ...quote, mode: 'snap-quote', lastTradedTimestamp: 1_687_324_569, openInterest: 4_763_100, oiChangePercent: null,
  depth: {
    buy: [level(1, 56_820, 511, 2), level(1, 56_815, 411, 2), level(1, 0, 0, 0), level(1, 0, 0, 0), level(1, 0, 0, 0)],
    sell: [level(0, 56_825, 3_348, 5), level(0, 0, 0, 0), level(0, 0, 0, 0), level(0, 0, 0, 0), level(0, 0, 0, 0)],
  },
  upperCircuit: 62_410, lowerCircuit: 51_070, high52Week: 62_955, low52Week: 43_070,
};

describe('Angel packet → tick', () => {
  it('maps an LTP packet: our token, paise, the exchange time, no volume or depth', () => {
    expect(angelTick(ltp, { receivedAtMs: RECEIVED })).toEqual({
      ok: true,
      tick: { token: SBIN, ts: T, ltp: 56_820, lastQty: 0, volume: 0, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 },
      quote: null,
    });
  });

  it('maps a Quote: volume and last quantity, OHLC in paise, no depth', () => {
    const result = angelTick(quote, { receivedAtMs: RECEIVED });
    expect(result.ok && result.tick).toMatchObject({ lastQty: 1, volume: 3_556_150, bid: null });
    expect(result.ok && result.quote).toEqual({
      open: 56_740, high: 56_935, low: 56_610, close: 56_740, averagePrice: 56_783,
      upperCircuit: null, lowerCircuit: null, high52Week: null, low52Week: null, depth: null,
    });
  });

  it('maps a SnapQuote: best bid and ask, OI, circuits, and drops empty depth levels', () => {
    const result = angelTick(snap, { receivedAtMs: RECEIVED });
    if (!result.ok) throw new Error(result.reason);
    expect(result.tick).toEqual({ token: SBIN, ts: T, ltp: 56_820, lastQty: 1, volume: 3_556_150, oi: 4_763_100, bid: 56_820, bidQty: 511, ask: 56_825, askQty: 3_348 });
    expect(result.quote?.depth?.buy).toHaveLength(2);
    expect(result.quote).toMatchObject({ upperCircuit: 62_410, lowerCircuit: 51_070, high52Week: 62_955, low52Week: 43_070 });
  });

  it('falls back to the last traded time, then to the arrival time, when the exchange time is 0', () => {
    const noExchangeTime = { ...snap, exchangeTimestampMs: 0 };
    expect(angelTick(noExchangeTime, { receivedAtMs: RECEIVED }).ok && angelTick(noExchangeTime, { receivedAtMs: RECEIVED })).toMatchObject({ tick: { ts: 1_687_324_569_000 } });
    expect(angelTick({ ...ltp, exchangeTimestampMs: 0 }, { receivedAtMs: RECEIVED })).toMatchObject({ tick: { ts: RECEIVED } });
  });

  it('reads the last-traded timestamp in either unit (§D6)', () => {
    expect(angelEpochMs(1_687_324_569)).toBe(1_687_324_569_000);
    expect(angelEpochMs(1_687_324_569_000)).toBe(1_687_324_569_000);
    expect(angelEpochMs(0)).toBeNull();
  });

  it('scales currency (exchangeType 13) by 10^7 and refuses sub-paise prices unless asked to round', () => {
    const usdinr = { ...ltp, exchangeType: 13, token: '1234', ltp: 832_525_000 }; // ₹83.2525
    expect(angelTick(usdinr, { receivedAtMs: RECEIVED })).toEqual({ ok: false, reason: 'sub-paise' });
    expect(angelTick(usdinr, { receivedAtMs: RECEIVED, currency: 'round' })).toMatchObject({ ok: true, tick: { ltp: 8_325, token: 1234 * 256 + 3 } });
    expect(angelTick({ ...usdinr, ltp: 832_500_000 }, { receivedAtMs: RECEIVED })).toMatchObject({ ok: true, tick: { ltp: 8_325 } });
  });

  it('refuses unknown exchange types, NCDEX, non-numeric tokens, negative prices and depth-only packets', () => {
    expect(angelTick({ ...ltp, exchangeType: 6 }, { receivedAtMs: RECEIVED })).toEqual({ ok: false, reason: 'unknown-segment' });
    expect(angelTick({ ...ltp, exchangeType: 7 }, { receivedAtMs: RECEIVED })).toEqual({ ok: false, reason: 'unknown-segment' });
    expect(angelTick({ ...ltp, token: 'NIFTY' }, { receivedAtMs: RECEIVED })).toEqual({ ok: false, reason: 'bad-token' });
    expect(angelTick({ ...ltp, ltp: -5 }, { receivedAtMs: RECEIVED })).toEqual({ ok: false, reason: 'bad-price' });
    expect(angelTick({ mode: 'depth-20', exchangeType: 1, token: '3045', exchangeTimestampMs: T, depth: { buy: [], sell: [] } }, { receivedAtMs: RECEIVED })).toEqual({ ok: false, reason: 'depth-only' });
  });
});
