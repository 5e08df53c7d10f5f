/**
 * The "stock" arrays written BY HAND from the facts sheet's index tables (§B5), with the
 * values of the Breeze Python SDK README's sample ticks (RELIANCE 4.1!2885, the NIFTY 50
 * index 4.1!NIFTY 50, the NIFTY 23550 CE 4.1!51219 and its depth 4.2!51219), put back at
 * the positions the SDK's parse_data reads them from. The README prints last trade times
 * as IST text; here they are the epoch seconds the wire carries.
 */
import { describe, expect, it } from 'vitest';
import { encodeBreezeDepth, encodeBreezeQuote } from '../../testing/venues/breeze/stream-encoder';
import { decodeBreezeStock } from './stream-decoder';
import { breezeJoinPayload, breezeStreamName, parseBreezeStreamName } from './stream-subscription';
import { breezeTick } from './stream-tick';

const RELIANCE = ['4.1!2885', 1219.45, 1209.05, 1226.9, 1193.35, -2.09, 1209.05, 13, 1209.35, 34, 1, 1208.86, 10991550, 762919, 619405, '1328.72C', '', 1111.4, 1358.3, 1739338940, 1234.85];
const NIFTY_INDEX = ['4.1!NIFTY 50', 24748.7, 25006.2, 25029.5, 24671.45, 1.03, null, null, null, null, null, null, null, null, null, null, '+', null, null, 1749202848, 24750.9];
const NIFTY_CE = ['4.1!51219', 11.4, 8.5, 11.4, 3.1, -28.27, 8.5, 9300, 8.6, 8700, 75, 5.41, 4763100, null, 70816125, 1974300, 548625, '38.31C', '', 0.05, 39.15, 1739342575, 11.85];
const DEPTH_LEVELS = [
  [7.25, 8475, 17, '', 7.3, 4350, 7, ''],
  [7.2, 9675, 17, '', 7.35, 6900, 13, ''],
  [7.15, 4800, 10, '', 7.4, 11700, 21, ''],
  [7.1, 12825, 19, '', 7.45, 9300, 15, ''],
  [7.05, 6300, 9, '', 7.5, 13200, 20, ''],
];
const NIFTY_CE_DEPTH = ['4.2!51219', 1739342778, DEPTH_LEVELS];

describe('Breeze stream names', () => {
  it('builds and reads X.Y!token, NSE and NFO both under 4', () => {
    expect(breezeStreamName('NSE', '2885', 'quote')).toBe('4.1!2885');
    expect(breezeStreamName('NFO', '51219', 'depth')).toBe('4.2!51219');
    expect(breezeStreamName('BSE', '500780', 'quote')).toBe('1.1!500780');
    expect(breezeStreamName('BFO', '1', 'quote')).toBe('8.1!1');
    expect(breezeStreamName('NSE', 'NIFTY 50', 'quote')).toBe('4.1!NIFTY 50');
    expect(breezeStreamName('NSE', '2885!x', 'quote')).toBeNull();
    expect(parseBreezeStreamName('4.2!51219')).toEqual({ exchangeCode: 4, kind: 'depth', token: '51219' });
    expect(parseBreezeStreamName('4.3!1')).toBeNull();
    expect(breezeJoinPayload(['4.1!2885'])).toBe('4.1!2885');
    expect(breezeJoinPayload(['4.1!3499', '4.1!2885'])).toEqual(['4.1!3499', '4.1!2885']);
  });
});

describe('Breeze stock decoder', () => {
  it('decodes the 21-item cash quote', () => {
    expect(decodeBreezeStock(RELIANCE)).toEqual({
      ok: true,
      message: {
        kind: 'quote', id: { exchangeCode: 4, kind: 'quote', token: '2885' }, layout: 'cash',
        open: 121_945, last: 120_905, high: 122_690, low: 119_335, changePercent: -2.09, bid: 120_905, bidQty: 13, ask: 120_935, askQty: 34,
        lastQty: 1, averagePrice: 120_886, volume: 10_991_550, totalBuyQty: 762_919, totalSellQty: 619_405, turnover: '1328.72C', trend: '',
        lowerCircuit: 111_140, upperCircuit: 135_830, lastTradeTimeMs: 1_739_338_940_000, previousClose: 123_485, oi: null, oiChange: null,
      },
    });
  });

  it('keeps an index\'s nulls as nulls', () => {
    const result = decodeBreezeStock(NIFTY_INDEX);
    expect(result.ok && result.message).toMatchObject({ kind: 'quote', id: { token: 'NIFTY 50' }, last: 2_500_620, bid: null, volume: null, turnover: null, trend: '+', lowerCircuit: null });
  });

  it('decodes the 23-item F&O quote with OI at 12 and the rest shifted by two', () => {
    const result = decodeBreezeStock(NIFTY_CE);
    expect(result.ok && result.message).toMatchObject({
      layout: 'fno', last: 850, oi: 4_763_100, oiChange: null, volume: 70_816_125, totalBuyQty: 1_974_300, totalSellQty: 548_625,
      turnover: '38.31C', lowerCircuit: 5, upperCircuit: 3_915, lastTradeTimeMs: 1_739_342_575_000, previousClose: 1_185,
    });
  });

  it('decodes NSE/NFO depth: 8 values a level, bids then asks', () => {
    const result = decodeBreezeStock(NIFTY_CE_DEPTH);
    if (!result.ok || result.message.kind !== 'depth') throw new Error('expected depth');
    expect(result.message.timeMs).toBe(1_739_342_778_000);
    expect(result.message.buy[0]).toEqual({ price: 725, quantity: 8475, orders: 17 });
    expect(result.message.sell[4]).toEqual({ price: 750, quantity: 13_200, orders: 20 });
  });

  it('decodes BFO (6 values) and BSE (4 values) depth, and leaves empty levels out', () => {
    const bfo = decodeBreezeStock(['8.2!1', 1739342778, [[100.5, 10, 2, 101, 20, 3], [null, null, null, 101.5, 5, 1]]]);
    expect(bfo.ok && bfo.message.kind === 'depth' && bfo.message).toMatchObject({ buy: [{ price: 10_050, quantity: 10, orders: 2 }], sell: [{ price: 10_100 }, { price: 10_150 }] });
    const bse = decodeBreezeStock(['1.2!500780', 1739342778, [[100.5, 10, 101, 20]]]);
    expect(bse.ok && bse.message.kind === 'depth' && bse.message.buy).toEqual([{ price: 10_050, quantity: 10, orders: null }]);
    expect(decodeBreezeStock(['1.2!500780', 1739342778, [[100.5, 10, 2, 101, 20, 3]]])).toEqual({ ok: false, error: { kind: 'bad-field', index: 2 } });
  });

  it('refuses what is not a quote, never throwing', () => {
    expect(decodeBreezeStock('4.1!2885')).toEqual({ ok: false, error: { kind: 'not-an-array', index: 0 } });
    expect(decodeBreezeStock(['1', 'ORD'])).toEqual({ ok: false, error: { kind: 'not-a-quote', index: 0 } });
    expect(decodeBreezeStock(['6.1!2345', 1])).toEqual({ ok: false, error: { kind: 'unsupported-exchange', index: 0 } });
    expect(decodeBreezeStock(['4.x!2885'])).toEqual({ ok: false, error: { kind: 'bad-symbol', index: 0 } });
    expect(decodeBreezeStock(RELIANCE.slice(0, 20))).toEqual({ ok: false, error: { kind: 'bad-length', index: 20 } });
    expect(decodeBreezeStock(RELIANCE.map((v, i) => (i === 7 ? -13 : v)))).toEqual({ ok: false, error: { kind: 'bad-field', index: 7 } });
    expect(decodeBreezeStock(RELIANCE.map((v, i) => (i === 2 ? null : v)))).toEqual({ ok: false, error: { kind: 'bad-field', index: 2 } });
    expect(decodeBreezeStock(RELIANCE.map((v, i) => (i === 3 ? 1226.905 : v)))).toEqual({ ok: false, error: { kind: 'bad-field', index: 3 } });
    expect(decodeBreezeStock(RELIANCE.map((v, i) => (i === 16 ? {} : v)))).toEqual({ ok: false, error: { kind: 'bad-field', index: 16 } });
  });

  it('the test encoder writes back the same arrays', () => {
    for (const sample of [RELIANCE, NIFTY_INDEX, NIFTY_CE]) {
      const result = decodeBreezeStock(sample);
      if (!result.ok || result.message.kind !== 'quote') throw new Error('no quote');
      expect(encodeBreezeQuote(sample[0] as string, result.message)).toEqual(sample);
    }
    const depth = decodeBreezeStock(NIFTY_CE_DEPTH);
    if (!depth.ok || depth.message.kind !== 'depth') throw new Error('no depth');
    expect(encodeBreezeDepth('4.2!51219', 4, depth.message)).toEqual(NIFTY_CE_DEPTH);
  });
});

describe('Breeze quote → tick', () => {
  it('uses the caller\'s token (NSE and NFO share the prefix) and the last trade time', () => {
    const result = decodeBreezeStock(NIFTY_CE);
    if (!result.ok || result.message.kind !== 'quote') throw new Error('no quote');
    const resolve = (id: { token: string }, layout: 'cash' | 'fno') => (layout === 'fno' && id.token === '51219' ? 51_219 * 256 + 2 : null);
    expect(breezeTick(result.message, resolve, 0)).toEqual({
      ok: true,
      tick: { token: 51_219 * 256 + 2, ts: 1_739_342_575_000, ltp: 850, lastQty: 75, volume: 70_816_125, oi: 4_763_100, bid: 850, bidQty: 9300, ask: 860, askQty: 8700 },
    });
    const index = decodeBreezeStock(NIFTY_INDEX);
    if (!index.ok || index.message.kind !== 'quote') throw new Error('no index');
    expect(breezeTick(index.message, () => 7, 5)).toMatchObject({ ok: true, tick: { ltp: 2_500_620, volume: 0, bid: null, bidQty: 0, ask: null } });
    expect(breezeTick(index.message, () => null, 5)).toEqual({ ok: false, reason: 'unknown-instrument' });
  });
});
