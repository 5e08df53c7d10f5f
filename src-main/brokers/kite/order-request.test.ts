import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { orderIntentSchema, type OrderIntentInput } from '../../../src-shared/orders/order-types';
import { NIFTY_FUT, RELIANCE } from '../../testing/fixtures/instruments';
import { buildKiteSessionRequest, kiteAuthHeaders, kiteLoginChecksum } from './login-checksum';
import { bpsToPercentText, buildKiteCancelOrder, buildKiteModifyOrder, buildKitePlaceOrder, formBody } from './order-request';

const intent = (over: Partial<OrderIntentInput> = {}) =>
  orderIntentSchema.parse({
    clientOrderId: 'k-1', token: NIFTY_FUT.token, side: 'BUY', orderType: 'L', product: 'NRML', validity: 'DAY',
    quantity: 130, price: 2_412_350, triggerPrice: null, ...over,
  });

describe('Kite place order request', () => {
  it('builds a regular LIMIT order with the price as rupees', () => {
    const result = buildKitePlaceOrder(intent({ algoId: 'ALGO42' }), NIFTY_FUT, { variety: 'regular' });
    expect(result).toEqual({
      ok: true,
      request: {
        method: 'POST',
        path: '/orders/regular',
        form: {
          tradingsymbol: 'NIFTY26JANFUT', exchange: 'NFO', transaction_type: 'BUY', order_type: 'LIMIT', quantity: '130',
          product: 'NRML', validity: 'DAY', price: '24123.50', tag: 'ALGO42',
        },
      },
    });
    if (result.ok) expect(formBody(result.request.form)).toContain('tradingsymbol=NIFTY26JANFUT&exchange=NFO');
  });

  it('sends MARKET with market protection as a percentage and no price', () => {
    const result = buildKitePlaceOrder(
      intent({ orderType: 'MKT', price: null, marketProtection: 250, product: 'MIS', quantity: 5, token: RELIANCE.token, side: 'SELL', validity: 'IOC' }),
      RELIANCE,
      { variety: 'regular' },
    );
    expect(result.ok && result.request.form).toEqual({
      tradingsymbol: 'RELIANCE', exchange: 'NSE', transaction_type: 'SELL', order_type: 'MARKET', quantity: '5',
      product: 'MIS', validity: 'IOC', market_protection: '2.5',
    });
  });

  it('sends SL with price and trigger, SL-M with trigger and protection', () => {
    const sl = buildKitePlaceOrder(intent({ orderType: 'SL', price: 2_412_500, triggerPrice: 2_412_000 }), NIFTY_FUT, { variety: 'regular' });
    expect(sl.ok && [sl.request.form.order_type, sl.request.form.price, sl.request.form.trigger_price]).toEqual(['SL', '24125.00', '24120.00']);
    const slm = buildKitePlaceOrder(intent({ orderType: 'SL-M', price: null, triggerPrice: 2_412_000, marketProtection: -1 }), NIFTY_FUT, { variety: 'regular' });
    expect(slm.ok && slm.request.form).toMatchObject({ order_type: 'SL-M', trigger_price: '24120.00', market_protection: '-1' });
    expect(slm.ok && 'price' in slm.request.form).toBe(false);
  });

  it('routes AMO to its own variety path', () => {
    const amo = buildKitePlaceOrder(intent({ product: 'CNC', token: RELIANCE.token, quantity: 3, price: 123_450 }), RELIANCE, { variety: 'amo' });
    expect(amo.ok && [amo.request.path, amo.request.form.product]).toEqual(['/orders/amo', 'CNC']);
  });

  it('splits an iceberg into legs of whole lots, and refuses splits that do not fit', () => {
    const ok = buildKitePlaceOrder(intent({ quantity: 650 }), NIFTY_FUT, { variety: 'iceberg', icebergLegs: 5 });
    expect(ok.ok && [ok.request.path, ok.request.form.iceberg_legs, ok.request.form.iceberg_quantity]).toEqual(['/orders/iceberg', '5', '130']);
    const notLots = buildKitePlaceOrder(intent({ quantity: 650 }), NIFTY_FUT, { variety: 'iceberg', icebergLegs: 4 });
    expect(notLots).toMatchObject({ ok: false, code: 'BAD_ICEBERG' });
    expect(buildKitePlaceOrder(intent({ quantity: 650 }), NIFTY_FUT, { variety: 'iceberg' })).toMatchObject({ ok: false, code: 'BAD_ICEBERG' });
    expect(buildKitePlaceOrder(intent({ quantity: 650 }), NIFTY_FUT, { variety: 'iceberg', icebergLegs: 11 })).toMatchObject({ ok: false, code: 'BAD_ICEBERG' });
    const market = buildKitePlaceOrder(intent({ quantity: 650, orderType: 'MKT', price: null, marketProtection: 100 }), NIFTY_FUT, { variety: 'iceberg', icebergLegs: 5 });
    expect(market).toMatchObject({ ok: false, code: 'BAD_ICEBERG' });
  });

  it('refuses what would make a malformed request', () => {
    expect(buildKitePlaceOrder(intent({ price: null }), NIFTY_FUT, { variety: 'regular' })).toMatchObject({ ok: false, code: 'MISSING_PRICE' });
    expect(buildKitePlaceOrder(intent({ orderType: 'SL', triggerPrice: null }), NIFTY_FUT, { variety: 'regular' })).toMatchObject({ ok: false, code: 'MISSING_TRIGGER' });
    expect(buildKitePlaceOrder(intent({ quantity: 0 }), NIFTY_FUT, { variety: 'regular' })).toMatchObject({ ok: false, code: 'BAD_QUANTITY' });
    expect(buildKitePlaceOrder(intent({ algoId: 'algo-id-with-dashes' }), NIFTY_FUT, { variety: 'regular' })).toMatchObject({ ok: false, code: 'BAD_TAG' });
    expect(buildKitePlaceOrder(intent(), RELIANCE, { variety: 'regular' })).toMatchObject({ ok: false, code: 'TOKEN_MISMATCH' });
  });

  it('writes basis points as Kite percentages', () => {
    expect([250, 200, 5, 10_000, 0, -1].map(bpsToPercentText)).toEqual(['2.5', '2', '0.05', '100', '0', '-1']);
  });
});

describe('Kite modify and cancel requests', () => {
  const current = { orderType: 'L' as const, quantity: 130, price: 2_412_350, triggerPrice: null, validity: 'DAY' as const, marketProtection: 0 };

  it('sends the whole resulting order on modify', () => {
    const result = buildKiteModifyOrder({ variety: 'regular', orderId: '260120000123456', current, changes: { price: 2_412_000 } });
    expect(result).toEqual({
      ok: true,
      request: { method: 'PUT', path: '/orders/regular/260120000123456', form: { order_type: 'LIMIT', quantity: '130', validity: 'DAY', price: '24120.00' } },
    });
    const toSl = buildKiteModifyOrder({ variety: 'regular', orderId: '1', current, changes: { orderType: 'SL', triggerPrice: 2_411_000 } });
    expect(toSl.ok && toSl.request.form).toEqual({ order_type: 'SL', quantity: '130', validity: 'DAY', price: '24123.50', trigger_price: '24110.00' });
    expect(buildKiteModifyOrder({ variety: 'regular', orderId: '1', current, changes: { price: null } })).toMatchObject({ ok: false, code: 'MISSING_PRICE' });
  });

  it('cancels by variety and order id, refusing ids that are not Kite ids', () => {
    expect(buildKiteCancelOrder('amo', '260120000123456')).toEqual({
      ok: true, request: { method: 'DELETE', path: '/orders/amo/260120000123456', form: {} },
    });
    expect(buildKiteCancelOrder('regular', '../session')).toMatchObject({ ok: false, code: 'BAD_ORDER_ID' });
    expect(buildKiteModifyOrder({ variety: 'regular', orderId: '1/2', current, changes: {} })).toMatchObject({ ok: false, code: 'BAD_ORDER_ID' });
  });
});

describe('Kite login checksum', () => {
  it('is SHA-256 of api_key + request_token + api_secret, in hex', async () => {
    // The published SHA-256 test vector for "abc" (FIPS 180-2).
    expect(kiteLoginChecksum('a', 'b', 'c')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // And an independent implementation (WebCrypto) for a realistic triple.
    const [key, token, secret] = ['kitefront', 'Fm2u7Xr9QeYk3LwT', 's3cr3t-9d8f7g6h'];
    const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(key + token + secret));
    const hex = Buffer.from(digest).toString('hex');
    expect(kiteLoginChecksum(key, token, secret)).toBe(hex);
    expect(hex).not.toBe(createHash('sha256').update(token + key + secret).digest('hex')); // order matters
  });

  it('builds the session request and auth headers', () => {
    const request = buildKiteSessionRequest('kitefront', 'Fm2u7Xr9QeYk3LwT', 'secret');
    expect(request.path).toBe('/session/token');
    expect(Object.keys(request.form)).toEqual(['api_key', 'request_token', 'checksum']);
    expect(JSON.stringify(request)).not.toContain('secret"'); // the secret itself is never sent
    expect(kiteAuthHeaders('kitefront', 'tok')).toEqual({ 'X-Kite-Version': '3', Authorization: 'token kitefront:tok' });
  });
});
