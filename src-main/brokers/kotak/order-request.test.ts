import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { orderIntentSchema, type OrderIntentInput } from '../../../src-shared/orders/order-types';
import { buildKotakCancelOrder, buildKotakModifyOrder, buildKotakPlaceOrder, kotakFormBody, kotakRupees } from './order-request';
import { convertSlmToSl } from './slm-conversion';

const NIFTY_FUT: Instrument = {
  token: 51714 * 256 + 2, exchangeToken: 51714, tradingsymbol: 'NIFTY26JANFUT', name: 'NIFTY', exchange: 'NFO', segment: 'nse_fo',
  instrumentType: 'FUT', expiry: '2026-01-27', strike: null, lotSize: 65, tickSize: 10, freezeQty: 1800,
};
const RELIANCE: Instrument = {
  token: 2885 * 256 + 1, exchangeToken: 2885, tradingsymbol: 'RELIANCE-EQ', name: 'RELIANCE', exchange: 'NSE', segment: 'nse_cm',
  instrumentType: 'EQ', expiry: null, strike: null, lotSize: 1, tickSize: 10, freezeQty: null,
};

const intent = (over: Partial<OrderIntentInput> = {}) =>
  orderIntentSchema.parse({
    clientOrderId: 'n-1', token: NIFTY_FUT.token, side: 'BUY', orderType: 'L', product: 'NRML', validity: 'DAY',
    quantity: 130, price: 2_412_350, triggerPrice: null, ...over,
  });

const allStrings = (record: Record<string, unknown>) => Object.values(record).every((v) => typeof v === 'string');

describe('Kotak place order request', () => {
  it('builds a limit order with the documented keys, all strings, zero as "0"', () => {
    const result = buildKotakPlaceOrder(intent({ algoId: 'ALGO42' }), NIFTY_FUT);
    expect(result).toEqual({
      ok: true,
      notice: null,
      request: {
        method: 'POST',
        path: '/quick/order/rule/ms/place',
        jData: {
          es: 'nse_fo', pc: 'NRML', pt: 'L', pr: '24123.5', tp: '0', qt: '130', rt: 'DAY', ts: 'NIFTY26JANFUT', tt: 'B',
          am: 'NO', dq: '0', mp: '0', ig: 'ALGO42',
        },
      },
    });
    if (result.ok) {
      expect(allStrings(result.request.jData)).toBe(true);
      expect(Object.values(result.request.jData)).not.toContain('0.0');
      const body = kotakFormBody(result.request);
      expect(body.startsWith('jData=')).toBe(true);
      expect(JSON.parse(new URLSearchParams(body).get('jData') ?? '')).toEqual(result.request.jData);
    }
  });

  it('sends market orders with protection and AMO flag, cash segment and sell side', () => {
    const result = buildKotakPlaceOrder(
      intent({ token: RELIANCE.token, orderType: 'MKT', price: null, marketProtection: 150, product: 'CNC', side: 'SELL', quantity: 3 }),
      RELIANCE,
      { amo: true },
    );
    expect(result.ok && result.request.jData).toMatchObject({ es: 'nse_cm', pt: 'MKT', pr: '0', tp: '0', mp: '1.5', tt: 'S', am: 'YES', pc: 'CNC' });
    expect(result.ok && 'ig' in result.request.jData).toBe(false);
  });

  it('sends SL with price and trigger unchanged', () => {
    const result = buildKotakPlaceOrder(intent({ orderType: 'SL', price: 2_412_500, triggerPrice: 2_412_000 }), NIFTY_FUT);
    expect(result.ok && [result.request.jData.pt, result.request.jData.pr, result.request.jData.tp, result.notice]).toEqual(['SL', '24125', '24120', null]);
  });

  it('converts SL-M to SL with a protective limit and tells the trader', () => {
    const buy = buildKotakPlaceOrder(intent({ orderType: 'SL-M', price: null, triggerPrice: 2_412_000, marketProtection: 200 }), NIFTY_FUT);
    // 24,120 × 1.02 = 24,602.40, already on the ₹0.10 grid.
    expect(buy.ok && [buy.request.jData.pt, buy.request.jData.tp, buy.request.jData.pr]).toEqual(['SL', '24120', '24602.4']);
    expect(buy.ok && buy.notice?.code).toBe('SLM_SENT_AS_SL');
    expect(buy.ok && buy.notice?.message).toContain('limit ₹24,602.40 (2.00 % protection)');
    expect(Object.values(buy.ok ? buy.request.jData : {})).not.toContain('SL-M');
    // With automatic (−1) protection the configured default applies.
    const sell = buildKotakPlaceOrder(intent({ side: 'SELL', orderType: 'SL-M', price: null, triggerPrice: 2_412_000, marketProtection: -1 }), NIFTY_FUT, { slmProtectionBps: 100 });
    expect(sell.ok && sell.request.jData.pr).toBe('23878.8'); // 24,120 × 0.99 = 23,878.80
  });

  it('refuses what Kotak cannot take or a malformed order', () => {
    expect(buildKotakPlaceOrder(intent({ orderType: 'MKT', price: null, marketProtection: -1 }), NIFTY_FUT)).toMatchObject({ ok: false, code: 'BAD_PROTECTION' });
    expect(buildKotakPlaceOrder(intent({ price: null }), NIFTY_FUT)).toMatchObject({ ok: false, code: 'MISSING_PRICE' });
    expect(buildKotakPlaceOrder(intent({ orderType: 'SL-M', price: null, triggerPrice: null }), NIFTY_FUT)).toMatchObject({ ok: false, code: 'MISSING_TRIGGER' });
    expect(buildKotakPlaceOrder(intent({ quantity: -65 }), NIFTY_FUT)).toMatchObject({ ok: false, code: 'BAD_QUANTITY' });
    expect(buildKotakPlaceOrder(intent(), RELIANCE)).toMatchObject({ ok: false, code: 'TOKEN_MISMATCH' });
    const bcd = { ...NIFTY_FUT, exchange: 'BCD' as const };
    expect(buildKotakPlaceOrder(intent(), bcd)).toMatchObject({ ok: false, code: 'UNSUPPORTED_EXCHANGE' });
  });

  it('writes rupees without trailing zeros and zero as "0"', () => {
    expect([0, 5, 10, 100, 12_300, 2_412_350, 2_412_355].map(kotakRupees)).toEqual(['0', '0.05', '0.1', '1', '123', '24123.5', '24123.55']);
  });
});

describe('SL-M → SL protective limit', () => {
  const convert = (side: 'BUY' | 'SELL', triggerPrice: number, tickSize: number, protectionBps: number) =>
    convertSlmToSl({ side, triggerPrice, tickSize, protectionBps }).limitPrice;

  it('rounds away from the trigger so the band is never narrower than asked', () => {
    // Buy: 101.25 × 1.02 = 103.275 → up to the 5-paise grid: 103.30.
    expect(convert('BUY', 10_125, 5, 200)).toBe(10_330);
    // Sell: 101.25 × 0.98 = 99.225 → down: 99.20.
    expect(convert('SELL', 10_125, 5, 200)).toBe(9_920);
    // Exactly on the grid stays put.
    expect(convert('BUY', 10_000, 5, 200)).toBe(10_200);
    expect(convert('SELL', 10_000, 5, 200)).toBe(9_800);
  });

  it('never sends a sell limit below one tick', () => {
    expect(convert('SELL', 5, 5, 5_000)).toBe(5);
    expect(convert('SELL', 100, 5, 10_000)).toBe(5);
  });

  it('stays exact for large prices', () => {
    // ₹99,99,999.95 × 1.005 = 1,00,49,999.94975 → up to ₹0.05: 1,00,49,999.95.
    expect(convert('BUY', 999_999_995, 5, 50)).toBe(1_004_999_995);
  });
});

describe('Kotak modify and cancel requests', () => {
  const current = { side: 'BUY' as const, product: 'NRML' as const, validity: 'DAY' as const, orderType: 'L' as const, quantity: 130, price: 2_412_350, triggerPrice: null, marketProtection: 0, algoId: null };

  it('restates the order with the change', () => {
    const result = buildKotakModifyOrder({ orderNo: '260120000001234', instrument: NIFTY_FUT, current, changes: { price: 2_412_000, quantity: 65 } });
    expect(result.ok && result.request).toEqual({
      method: 'POST',
      path: '/quick/order/vr/modify',
      jData: {
        no: '260120000001234', tk: '51714', es: 'nse_fo', ts: 'NIFTY26JANFUT', tt: 'B', pc: 'NRML', pt: 'L', pr: '24120', tp: '0', qt: '65',
        vd: 'DAY', dq: '0', dd: 'NA', mp: '0',
      },
    });
  });

  it('converts a modify to SL-M as well, with the notice', () => {
    const result = buildKotakModifyOrder({ orderNo: '1', instrument: NIFTY_FUT, current, changes: { orderType: 'SL-M', price: null, triggerPrice: 2_412_000 } });
    expect(result.ok && [result.request.jData.pt, result.notice?.code]).toEqual(['SL', 'SLM_SENT_AS_SL']);
  });

  it('cancels by order number and refuses numbers that are not Kotak numbers', () => {
    expect(buildKotakCancelOrder('260120000001234')).toEqual({
      ok: true, notice: null, request: { method: 'POST', path: '/quick/order/cancel', jData: { on: '260120000001234', am: 'NO' } },
    });
    expect(buildKotakCancelOrder('1 OR 1=1')).toMatchObject({ ok: false, code: 'BAD_ORDER_NO' });
  });
});
