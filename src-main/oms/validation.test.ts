import { describe, expect, it } from 'vitest';
import { orderIntentSchema, type OrderIntentInput } from '../../src-shared/orders/order-types';
import { NIFTY_CE, NIFTY_FUT, NIFTY_INDEX, RELIANCE } from '../testing/fixtures/instruments';
import { validateIntent, type ValidationCode, type ValidationContext } from './validation';
import type { Instrument } from '../../src-shared/domain/instrument';

const intent = (over: Partial<OrderIntentInput> = {}, instrument: Instrument = NIFTY_FUT) =>
  orderIntentSchema.parse({
    clientOrderId: 'v-1', token: instrument.token, side: 'BUY', orderType: 'L', product: 'NRML', validity: 'DAY',
    quantity: 65, price: 2_400_000, triggerPrice: null, ...over,
  });

function codeOf(over: Partial<OrderIntentInput>, instrument: Instrument = NIFTY_FUT, ctx: ValidationContext = {}): ValidationCode | 'OK' {
  const result = validateIntent(intent(over, instrument), instrument, ctx);
  return result.ok ? 'OK' : result.code;
}

describe('order validation', () => {
  it('accepts well-formed orders of every type', () => {
    expect(codeOf({})).toBe('OK');
    expect(codeOf({ orderType: 'MKT', price: null, marketProtection: 200 })).toBe('OK');
    expect(codeOf({ orderType: 'MKT', price: null, marketProtection: -1 })).toBe('OK');
    expect(codeOf({ orderType: 'SL', price: 2_400_100, triggerPrice: 2_400_000 })).toBe('OK');
    expect(codeOf({ orderType: 'SL-M', price: null, triggerPrice: 2_400_000, marketProtection: -1 })).toBe('OK');
    expect(codeOf({ product: 'MIS', quantity: 7 }, RELIANCE)).toBe('OK');
    expect(codeOf({ product: 'CNC', quantity: 7 }, RELIANCE)).toBe('OK');
    expect(codeOf({ product: 'MIS', price: 12_345, quantity: 130 }, NIFTY_CE)).toBe('OK');
  });

  it('keeps prices and triggers on the tick grid', () => {
    const off = validateIntent(intent({ price: 2_400_005 }), NIFTY_FUT);
    expect(off).toEqual({ ok: false, code: 'PRICE_OFF_TICK', reason: 'Price ₹24,000.05 is not a multiple of the tick size ₹0.10.' });
    expect(codeOf({ orderType: 'SL', price: 2_400_100, triggerPrice: 2_400_015 })).toBe('TRIGGER_OFF_TICK');
    expect(codeOf({ price: 12_345 }, NIFTY_CE)).toBe('OK'); // options tick ₹0.05
    expect(codeOf({ price: 12_346 }, NIFTY_CE)).toBe('PRICE_OFF_TICK');
  });

  it('wants a positive quantity in whole lots for F&O', () => {
    expect(codeOf({ quantity: 0 })).toBe('BAD_QUANTITY');
    expect(codeOf({ quantity: -65 })).toBe('BAD_QUANTITY');
    const r = validateIntent(intent({ quantity: 100 }), NIFTY_FUT);
    expect(r).toEqual({
      ok: false, code: 'NOT_WHOLE_LOTS',
      reason: 'Quantity 100 is not a whole number of lots: NIFTY26JANFUT trades in lots of 65 (try 65 or 130).',
    });
    expect(validateIntent(intent({ quantity: 30 }), NIFTY_FUT)).toMatchObject({ reason: expect.stringContaining('(try 65)') });
    expect(codeOf({ quantity: 4000 - 4000 % 65 })).toBe('OK'); // above freeze is slicing's job, not a refusal
  });

  it('enforces which fields each order type takes', () => {
    expect(codeOf({ price: null })).toBe('PRICE_REQUIRED');
    expect(codeOf({ price: 0 })).toBe('PRICE_REQUIRED');
    expect(codeOf({ triggerPrice: 2_400_000 })).toBe('TRIGGER_NOT_ALLOWED');
    expect(codeOf({ orderType: 'MKT', marketProtection: 200 })).toBe('PRICE_NOT_ALLOWED');
    expect(codeOf({ orderType: 'MKT', price: null, triggerPrice: 1, marketProtection: 200 })).toBe('TRIGGER_NOT_ALLOWED');
    expect(codeOf({ orderType: 'SL', price: null, triggerPrice: 2_400_000 })).toBe('PRICE_REQUIRED');
    expect(codeOf({ orderType: 'SL', triggerPrice: null })).toBe('TRIGGER_REQUIRED');
    expect(codeOf({ orderType: 'SL-M', triggerPrice: 2_400_000, marketProtection: -1 })).toBe('PRICE_NOT_ALLOWED');
    expect(codeOf({ orderType: 'SL-M', price: null, triggerPrice: null, marketProtection: -1 })).toBe('TRIGGER_REQUIRED');
  });

  it('requires non-zero market protection on market and SL-M orders', () => {
    const r = validateIntent(intent({ orderType: 'MKT', price: null }), NIFTY_FUT);
    expect(r).toMatchObject({ ok: false, code: 'MARKET_PROTECTION_REQUIRED' });
    expect(codeOf({ orderType: 'SL-M', price: null, triggerPrice: 2_400_000 })).toBe('MARKET_PROTECTION_REQUIRED');
  });

  it('puts the stop-loss trigger on the right side of the price', () => {
    expect(codeOf({ orderType: 'SL', side: 'BUY', price: 2_400_000, triggerPrice: 2_400_000 })).toBe('OK');
    expect(codeOf({ orderType: 'SL', side: 'BUY', price: 2_400_000, triggerPrice: 2_400_010 })).toBe('TRIGGER_WRONG_SIDE');
    expect(codeOf({ orderType: 'SL', side: 'SELL', price: 2_400_000, triggerPrice: 2_399_990 })).toBe('TRIGGER_WRONG_SIDE');
    expect(codeOf({ orderType: 'SL', side: 'SELL', price: 2_399_000, triggerPrice: 2_400_000 })).toBe('OK');
  });

  it('checks the trigger against the last price when one is given', () => {
    const ltp = { ltp: 2_400_000 };
    expect(codeOf({ orderType: 'SL-M', side: 'BUY', price: null, triggerPrice: 2_400_000, marketProtection: -1 }, NIFTY_FUT, ltp)).toBe('TRIGGER_WRONG_SIDE');
    expect(codeOf({ orderType: 'SL-M', side: 'BUY', price: null, triggerPrice: 2_400_010, marketProtection: -1 }, NIFTY_FUT, ltp)).toBe('OK');
    expect(codeOf({ orderType: 'SL', side: 'SELL', price: 2_399_000, triggerPrice: 2_400_000 }, NIFTY_FUT, ltp)).toBe('TRIGGER_WRONG_SIDE');
    expect(codeOf({ orderType: 'SL', side: 'SELL', price: 2_399_000, triggerPrice: 2_399_500 }, NIFTY_FUT, ltp)).toBe('OK');
  });

  it('matches products to segments', () => {
    expect(codeOf({ product: 'CNC' })).toBe('PRODUCT_NOT_ALLOWED');
    expect(codeOf({ product: 'NRML', quantity: 1 }, RELIANCE)).toBe('PRODUCT_NOT_ALLOWED');
  });

  it('refuses indices, expired contracts and a mismatched instrument', () => {
    const r = validateIntent(intent({ product: 'MIS', quantity: 1, price: 2_400_000 }, NIFTY_INDEX), NIFTY_INDEX);
    expect(r).toMatchObject({ ok: false, code: 'NOT_TRADABLE', reason: expect.stringContaining('NIFTY 50 is an index') });
    expect(codeOf({}, NIFTY_FUT, { tradeDate: '2026-01-28' })).toBe('EXPIRED');
    expect(codeOf({}, NIFTY_FUT, { tradeDate: '2026-01-27' })).toBe('OK'); // expiry day still trades
    expect(validateIntent(intent({}, RELIANCE), NIFTY_FUT)).toMatchObject({ ok: false, code: 'INSTRUMENT_MISMATCH' });
  });

  it('takes an AMO like any order, but not as an iceberg too', () => {
    expect(codeOf({ amo: true })).toBe('OK');
    expect(codeOf({ amo: true, orderType: 'MKT', price: null, marketProtection: 200 })).toBe('OK');
    const both = validateIntent(intent({ amo: true, icebergLegs: 2, quantity: 130 }), NIFTY_FUT);
    expect(both).toMatchObject({ ok: false, code: 'AMO_ICEBERG', reason: expect.stringContaining('either after-market (AMO) or an iceberg') });
  });

  it('an iceberg is a limit or stop-loss limit order', () => {
    expect(codeOf({ icebergLegs: 2, quantity: 130 })).toBe('OK');
    expect(codeOf({ icebergLegs: 2, quantity: 130, orderType: 'SL', price: 2_400_100, triggerPrice: 2_400_000 })).toBe('OK');
    expect(codeOf({ icebergLegs: 2, quantity: 130, orderType: 'MKT', price: null, marketProtection: 200 })).toBe('ICEBERG_ORDER_TYPE');
    const slm = validateIntent(intent({ icebergLegs: 2, quantity: 130, orderType: 'SL-M', price: null, triggerPrice: 2_400_000, marketProtection: -1 }), NIFTY_FUT);
    expect(slm).toMatchObject({ ok: false, code: 'ICEBERG_ORDER_TYPE', reason: 'An iceberg order must be a limit (L) or stop-loss limit (SL) order.' });
  });

  it('an iceberg has 2 to 10 legs', () => {
    expect(codeOf({ icebergLegs: 10, quantity: 650 })).toBe('OK');
    expect(codeOf({ icebergLegs: 1, quantity: 65 })).toBe('ICEBERG_LEGS');
    expect(codeOf({ icebergLegs: 0, quantity: 65 })).toBe('ICEBERG_LEGS');
    const eleven = validateIntent(intent({ icebergLegs: 11, quantity: 715 }), NIFTY_FUT);
    expect(eleven).toMatchObject({ ok: false, code: 'ICEBERG_LEGS', reason: 'An iceberg order has 2 to 10 legs, not 11.' });
  });

  it('an iceberg splits into equal legs of whole lots (whole shares in cash)', () => {
    // 5 lots in 2 legs: 162.5 units a leg.
    const half = validateIntent(intent({ icebergLegs: 2, quantity: 325 }), NIFTY_FUT);
    expect(half).toMatchObject({ ok: false, code: 'ICEBERG_SPLIT', reason: expect.stringContaining('325 units do not split into 2 equal legs of whole lots (lot 65)') });
    // 6 lots in 4 legs: 97.5 units; 6 lots in 5 legs: 78 units, whole units but not whole lots.
    expect(codeOf({ icebergLegs: 4, quantity: 390 })).toBe('ICEBERG_SPLIT');
    expect(codeOf({ icebergLegs: 5, quantity: 390 })).toBe('ICEBERG_SPLIT');
    expect(codeOf({ icebergLegs: 3, quantity: 390 })).toBe('OK');
    expect(codeOf({ icebergLegs: 3, quantity: 9, product: 'CNC' }, RELIANCE)).toBe('OK');
    expect(validateIntent(intent({ icebergLegs: 3, quantity: 10, product: 'CNC' }, RELIANCE), RELIANCE)).toMatchObject({
      ok: false, code: 'ICEBERG_SPLIT', reason: expect.stringContaining('equal legs of whole shares'),
    });
  });

  it('each iceberg leg fits under the freeze quantity (the whole may exceed it: that is the point)', () => {
    // NIFTY: freeze 1,800 → at most 1,755 units (27 lots) an order. 54 lots in 2 legs of 27: fine, though 3,510 > 1,800.
    expect(codeOf({ icebergLegs: 2, quantity: 3510 })).toBe('OK');
    const big = validateIntent(intent({ icebergLegs: 2, quantity: 3640 }), NIFTY_FUT);
    expect(big).toMatchObject({
      ok: false, code: 'ICEBERG_LEG_ABOVE_FREEZE',
      reason: expect.stringMatching(/Each of the 2 legs would be 1,820 units, above the 1,755 one order of NIFTY26JANFUT may carry \(freeze quantity 1,800\); use at least 3 legs\./),
    });
    expect(codeOf({ icebergLegs: 4, quantity: 3640 })).toBe('OK');
    // More than ten freeze-sized legs can never be one iceberg.
    expect(validateIntent(intent({ icebergLegs: 10, quantity: 65 * 280 }), NIFTY_FUT)).toMatchObject({
      ok: false, code: 'ICEBERG_LEG_ABOVE_FREEZE', reason: expect.stringContaining('even 10 legs are not enough'),
    });
  });
});
