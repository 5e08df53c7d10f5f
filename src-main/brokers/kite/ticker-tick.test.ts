import { describe, expect, it } from 'vitest';
import { tickSchema } from '../../../src-shared/domain/tick';
import { decodeFrame } from './ticker-decoder';
import { encodeFrame } from '../../testing/venues/kite/ticker-encoder';
import {
  FULL_NIFTY_FUT,
  INDEX_FULL_NIFTY,
  INDEX_QUOTE_NIFTY,
  LTP_INFY,
  QUOTE_INFY,
  T0,
  USDINR_BCD_TOKEN,
  USDINR_CDS_TOKEN,
} from '../../testing/venues/kite/fixtures';
import { kitePriceToPaise, kitePriceToRupeeText } from './ticker-packets';
import { toTick } from './ticker-tick';

const RECEIVED = 1_768_881_605_123;

describe('Kite packet → Tick', () => {
  it('maps a full packet: paise as sent, exchange time in ms, best bid/ask from depth', () => {
    const result = toTick(FULL_NIFTY_FUT, { receivedAtMs: RECEIVED });
    expect(result).toEqual({
      ok: true,
      tick: {
        token: 13_238_786, ts: T0 * 1000, ltp: 2_412_350, lastQty: 65, volume: 4_567_890, oi: 12_345_678,
        bid: 2_412_300, bidQty: 650, ask: 2_412_400, askQty: 325,
      },
    });
    if (result.ok) expect(tickSchema.parse(result.tick)).toEqual(result.tick);
  });

  it('falls back to the last trade time, then to the receive time, when timestamps are zero', () => {
    const noExchangeTime = toTick({ ...FULL_NIFTY_FUT, exchangeTimestamp: 0 }, { receivedAtMs: RECEIVED });
    expect(noExchangeTime.ok && noExchangeTime.tick.ts).toBe((T0 - 1) * 1000);
    const noTimes = toTick({ ...FULL_NIFTY_FUT, exchangeTimestamp: 0, lastTradeTime: 0 }, { receivedAtMs: RECEIVED });
    expect(noTimes.ok && noTimes.tick.ts).toBe(RECEIVED);
  });

  it('reads an empty best level (price 0) as no quote, not a bid at ₹0', () => {
    const empty = { quantity: 0, price: 0, orders: 0 };
    const packet = { ...FULL_NIFTY_FUT, depth: { buy: [empty], sell: FULL_NIFTY_FUT.depth.sell } };
    const result = toTick(packet, { receivedAtMs: RECEIVED });
    expect(result.ok && [result.tick.bid, result.tick.bidQty, result.tick.ask]).toEqual([null, 0, 2_412_400]);
  });

  it('maps quote, LTP and index packets with neutral values for what they lack', () => {
    expect(toTick(QUOTE_INFY, { receivedAtMs: RECEIVED })).toEqual({
      ok: true,
      tick: { token: 408_065, ts: RECEIVED, ltp: 154_275, lastQty: 12, volume: 2_345_678, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 },
    });
    const ltp = toTick(LTP_INFY, { receivedAtMs: RECEIVED });
    expect(ltp.ok && [ltp.tick.ltp, ltp.tick.volume, ltp.tick.ts]).toEqual([154_275, 0, RECEIVED]);
    const indexQuote = toTick(INDEX_QUOTE_NIFTY, { receivedAtMs: RECEIVED });
    expect(indexQuote.ok && [indexQuote.tick.ltp, indexQuote.tick.ts]).toEqual([2_398_765, RECEIVED]);
    const indexFull = toTick(INDEX_FULL_NIFTY, { receivedAtMs: RECEIVED });
    expect(indexFull.ok && indexFull.tick.ts).toBe(T0 * 1000);
  });

  it('refuses a currency packet with sub-paise prices unless rounding is asked for', () => {
    // USDINR ₹83.2525 on CDS: raw 832,525,000 (÷ 10^7 rupees) = 8,325.25 paise.
    const cds = { mode: 'ltp', token: USDINR_CDS_TOKEN, segment: 3, ltp: 832_525_000 } as const;
    expect(toTick(cds, { receivedAtMs: RECEIVED })).toEqual({ ok: false, reason: 'sub-paise' });
    const rounded = toTick(cds, { receivedAtMs: RECEIVED, currency: 'round' });
    expect(rounded.ok && rounded.tick.ltp).toBe(8_325);
    expect(kitePriceToRupeeText(cds.ltp, 3)).toBe('83.2525');
  });

  it('converts currency prices that are whole paise exactly in both CDS and BCD', () => {
    const cds = toTick({ mode: 'ltp', token: USDINR_CDS_TOKEN, segment: 3, ltp: 832_500_000 }, { receivedAtMs: RECEIVED });
    expect(cds.ok && cds.tick.ltp).toBe(8_325);
    const bcd = toTick({ mode: 'ltp', token: USDINR_BCD_TOKEN, segment: 6, ltp: 832_500 }, { receivedAtMs: RECEIVED });
    expect(bcd.ok && bcd.tick.ltp).toBe(8_325);
    expect(kitePriceToPaise(832_575, 6)).toEqual({ paise: 8_326, exact: false }); // 8,325.75 rounds half-up
    expect(kitePriceToPaise(832_550_000, 3)).toEqual({ paise: 8_326, exact: false }); // 8,325.5 → up
    expect(kitePriceToPaise(832_549_999, 3)).toEqual({ paise: 8_325, exact: false });
  });

  it('refuses unknown segments and token 0 rather than guessing a scale', () => {
    expect(toTick({ mode: 'ltp', token: 0x1208, segment: 8, ltp: 100 }, { receivedAtMs: RECEIVED })).toEqual({ ok: false, reason: 'unknown-segment' });
    expect(toTick({ mode: 'ltp', token: 0, segment: 0, ltp: 100 }, { receivedAtMs: RECEIVED })).toEqual({ ok: false, reason: 'bad-token' });
    expect(kitePriceToRupeeText(5, 8)).toBeNull();
  });

  it('writes exact rupee text for each scale', () => {
    expect(kitePriceToRupeeText(154_275, 1)).toBe('1542.75');
    expect(kitePriceToRupeeText(5, 1)).toBe('0.05');
    expect(kitePriceToRupeeText(200, 1)).toBe('2');
    expect(kitePriceToRupeeText(-2_469, 9)).toBe('-24.69');
    expect(kitePriceToRupeeText(832_525, 6)).toBe('83.2525');
  });

  it('turns a decoded frame into ticks end to end', () => {
    const { packets } = decodeFrame(encodeFrame([LTP_INFY, FULL_NIFTY_FUT]));
    const ticks = packets.map((p) => toTick(p, { receivedAtMs: RECEIVED }));
    expect(ticks.map((t) => t.ok && t.tick.token)).toEqual([408_065, 13_238_786]);
  });
});
