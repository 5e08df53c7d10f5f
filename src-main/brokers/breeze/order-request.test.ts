/**
 * Against the Breeze README's examples (equity ITC limit buy; NIFTY option limit buy)
 * and the body key order of the Python SDK's place_order; the JSON text is compared
 * with what json.dumps(body, separators=(',', ':')) produces for the same dict.
 */
import { describe, expect, it } from 'vitest';
import type { BrokerPlaceRequest } from '../../oms/broker-port';
import { breezeJson } from './checksum';
import type { BreezeContract } from './contract';
import { buildBreezeCancelOrder, buildBreezeModifyOrder, buildBreezePlaceOrder, breezeRemarkOfClientId } from './order-request';

const ITC: BreezeContract = { stockCode: 'ITC', exchangeCode: 'NSE', kind: 'cash', expiry: null, right: null, strike: null, tickSize: 5 };
const NIFTY_CALL: BreezeContract = { stockCode: 'NIFTY', exchangeCode: 'NFO', kind: 'options', expiry: '2025-02-27', right: 'call', strike: 2_480_000, tickSize: 5 };
const NIFTY_FUT: BreezeContract = { stockCode: 'NIFTY', exchangeCode: 'NFO', kind: 'futures', expiry: '2025-02-27', right: null, strike: null, tickSize: 5 };

const order: BrokerPlaceRequest = {
  clientOrderId: 'ord-1', token: 1, tradingsymbol: 'ITC', exchange: 'NSE', side: 'BUY', orderType: 'L', product: 'CNC', validity: 'DAY',
  quantity: 1, price: 42_000, triggerPrice: null, marketProtection: -1, algoId: 'ALGO1', amo: false, icebergLegs: null,
};

describe('Breeze place order', () => {
  it('builds the README equity example in the SDK\'s key order', () => {
    const built = buildBreezePlaceOrder(order, ITC, null);
    if (!built.ok) throw new Error(built.reason);
    expect(built.request).toMatchObject({ method: 'POST', path: 'order' });
    expect(breezeJson(built.request.body)).toBe(
      '{"stock_code":"ITC","exchange_code":"NSE","product":"cash","action":"buy","order_type":"limit","quantity":"1","price":"420.00","validity":"day","settlement_id":"","order_segment_code":"","lots":"","user_remark":"ALGO1"}',
    );
    expect(built.notice).toBeNull();
  });

  it('builds the README option example: units, ISO expiry at 06:00Z, right, rupee strike', () => {
    const built = buildBreezePlaceOrder({ ...order, product: 'NRML', quantity: 75, price: 20 }, NIFTY_CALL, null);
    expect(built.ok && built.request.body).toEqual({
      stock_code: 'NIFTY', exchange_code: 'NFO', product: 'options', action: 'buy', order_type: 'limit', quantity: '75', price: '0.20', validity: 'day',
      settlement_id: '', order_segment_code: '', lots: '', user_remark: 'ALGO1', expiry_date: '2025-02-27T06:00:00.000Z', right: 'call', strike_price: '24800',
    });
    const fut = buildBreezePlaceOrder({ ...order, product: 'NRML', quantity: 75, side: 'SELL' }, NIFTY_FUT, null);
    expect(fut.ok && fut.request.body).toMatchObject({ product: 'futures', action: 'sell', right: 'others', strike_price: '0' });
  });

  it('sends SL as order_type stoploss with the trigger in stoploss and the limit in price', () => {
    const built = buildBreezePlaceOrder({ ...order, orderType: 'SL', price: 41_500, triggerPrice: 41_600, side: 'SELL' }, ITC, null);
    expect(built.ok && built.request.body).toMatchObject({ order_type: 'stoploss', price: '415.00', stoploss: '416.00' });
  });

  it('turns a market order into a protected limit from the LTP and says so', () => {
    const built = buildBreezePlaceOrder({ ...order, orderType: 'MKT', price: null }, ITC, { ltp: 42_000, upperCircuit: 46_200, lowerCircuit: 37_800 });
    if (!built.ok) throw new Error(built.reason);
    // 3 % (the automatic default for cash) over ₹420.00 = ₹432.60.
    expect(built.request.body).toMatchObject({ order_type: 'limit', price: '432.60' });
    expect(built.notice).toEqual({
      code: 'MARKET_SENT_AS_LIMIT',
      message: 'ICICI Breeze takes no market orders: sent as a LIMIT at ₹432.60 (last price ₹420.00, 3.00 % protection). It may stay unfilled if the price runs past it.',
    });
    const own = buildBreezePlaceOrder({ ...order, orderType: 'MKT', price: null, marketProtection: 150, side: 'SELL' }, ITC, { ltp: 42_000 });
    expect(own.ok && own.request.body.price).toBe('413.70');
    expect(buildBreezePlaceOrder({ ...order, orderType: 'MKT', price: null }, ITC, null)).toMatchObject({ ok: false, code: 'NEED_LTP' });
    expect(buildBreezePlaceOrder({ ...order, orderType: 'MKT', price: null, marketProtection: 0 }, ITC, { ltp: 42_000 })).toMatchObject({ ok: false, code: 'BAD_PROTECTION' });
  });

  it('sends SL-M as SL with a limit protected from the trigger', () => {
    const built = buildBreezePlaceOrder({ ...order, orderType: 'SL-M', price: null, triggerPrice: 41_000, side: 'SELL' }, ITC, null);
    expect(built.ok && built.request.body).toMatchObject({ order_type: 'stoploss', stoploss: '410.00', price: '397.70' });
    expect(built.ok && built.notice?.code).toBe('SLM_SENT_AS_SL');
  });

  it('refuses intraday Margin, Option Plus (MIS on F&O), AMO and iceberg with sentences for the ticket', () => {
    const margin = buildBreezePlaceOrder({ ...order, product: 'MIS' }, ITC, null);
    expect(margin).toMatchObject({ ok: false, code: 'UNSUPPORTED_PRODUCT' });
    expect(!margin.ok && margin.reason).toMatch(/intraday \(Margin\) orders/);
    const optionPlus = buildBreezePlaceOrder({ ...order, product: 'MIS' }, NIFTY_CALL, null);
    expect(!optionPlus.ok && optionPlus.reason).toMatch(/Option Plus/);
    expect(buildBreezePlaceOrder({ ...order, amo: true }, ITC, null)).toMatchObject({ ok: false, code: 'UNSUPPORTED_AMO' });
    expect(buildBreezePlaceOrder({ ...order, icebergLegs: 2 }, ITC, null)).toMatchObject({ ok: false, code: 'UNSUPPORTED_ICEBERG' });
    expect(buildBreezePlaceOrder({ ...order, product: 'NRML' }, ITC, null)).toMatchObject({ ok: false, code: 'UNSUPPORTED_PRODUCT' });
  });

  it('puts the algo id in user_remark (≤ 20 letters or digits) or a tag of our client id', () => {
    expect(buildBreezePlaceOrder({ ...order, algoId: 'X'.repeat(21) }, ITC, null)).toMatchObject({ ok: false, code: 'BAD_TAG' });
    const manual = buildBreezePlaceOrder({ ...order, algoId: null }, ITC, null);
    expect(manual.ok && manual.request.body.user_remark).toBe(breezeRemarkOfClientId('ord-1'));
    expect(breezeRemarkOfClientId('ord-1')).toMatch(/^TD[0-9a-f]{18}$/);
  });
});

describe('Breeze modify and cancel', () => {
  const current = { side: 'BUY' as const, orderType: 'L' as const, quantity: 1, price: 42_000, triggerPrice: null, validity: 'DAY' as const, marketProtection: -1 };
  const base = { clientOrderId: 'ord-1', brokerOrderId: '20250205N300001234', amo: false, icebergLegs: null };

  it('PUTs order_id, exchange_code and the resulting terms', () => {
    const built = buildBreezeModifyOrder({ request: { ...base, price: 41_900 }, contract: ITC, current, market: null });
    expect(built.ok && built.request).toEqual({
      method: 'PUT', path: 'order',
      body: { order_id: '20250205N300001234', exchange_code: 'NSE', order_type: 'limit', quantity: '1', price: '419.00', validity: 'day' },
    });
    const toMarket = buildBreezeModifyOrder({ request: { ...base, orderType: 'MKT', price: null }, contract: ITC, current, market: { ltp: 42_000 } });
    expect(toMarket.ok && toMarket.request.body).toMatchObject({ order_type: 'limit', price: '432.60' });
    expect(buildBreezeModifyOrder({ request: { ...base, brokerOrderId: 'x/y' }, contract: ITC, current, market: null })).toMatchObject({ ok: false, code: 'BAD_ORDER_ID' });
  });

  it('DELETEs with exchange_code and order_id in the body', () => {
    expect(buildBreezeCancelOrder(base, ITC)).toEqual({
      ok: true, notice: null,
      request: { method: 'DELETE', path: 'order', body: { exchange_code: 'NSE', order_id: '20250205N300001234' } },
    });
  });
});
