import { describe, expect, it } from 'vitest';
import type { BrokerPlaceRequest } from '../../oms/broker-port';
import { buildAngelCancelOrder, buildAngelModifyOrder, buildAngelPlaceOrder } from './order-request';
import { angelOrderTag, angelTagOfClientId } from './order-tag';

const SBIN = { token: 3045 * 256 + 1, exchangeToken: 3045, tradingsymbol: 'SBIN-EQ', exchange: 'NSE' as const };
const NIFTY_CE = { token: 43_210 * 256 + 2, exchangeToken: 43_210, tradingsymbol: 'NIFTY30JUN2624000CE', exchange: 'NFO' as const };

const limitBuy: BrokerPlaceRequest = {
  clientOrderId: 'ord-1', token: SBIN.token, tradingsymbol: 'SBIN-EQ', exchange: 'NSE', side: 'BUY', orderType: 'L', product: 'MIS',
  validity: 'DAY', quantity: 1, price: 19_450, triggerPrice: null, marketProtection: 200, algoId: null, amo: false, icebergLegs: null,
};

describe('Angel One place order', () => {
  it('builds the docs sample (SBIN-EQ, NSE, INTRADAY, DAY, 194.50, squareoff/stoploss "0") plus our tag', () => {
    const built = buildAngelPlaceOrder(limitBuy, SBIN);
    expect(built).toEqual({
      ok: true,
      notice: null,
      request: {
        method: 'POST',
        path: '/rest/secure/angelbroking/order/v1/placeOrder',
        body: {
          variety: 'NORMAL', tradingsymbol: 'SBIN-EQ', symboltoken: '3045', transactiontype: 'BUY', exchange: 'NSE', ordertype: 'LIMIT',
          producttype: 'INTRADAY', duration: 'DAY', price: '194.50', squareoff: '0', stoploss: '0', quantity: '1', ordertag: angelTagOfClientId('ord-1'),
        },
      },
    });
  });

  it('sends SL as STOPLOSS / STOPLOSS_LIMIT with triggerprice, SL-M as STOPLOSS_MARKET with price "0"', () => {
    const sl = buildAngelPlaceOrder({ ...limitBuy, orderType: 'SL', price: 19_500, triggerPrice: 19_480 }, SBIN);
    expect(sl.ok && sl.request.body).toMatchObject({ variety: 'STOPLOSS', ordertype: 'STOPLOSS_LIMIT', price: '195.00', triggerprice: '194.80' });
    const slm = buildAngelPlaceOrder({ ...limitBuy, orderType: 'SL-M', price: null, triggerPrice: 19_480 }, SBIN);
    expect(slm.ok && slm.request.body).toMatchObject({ variety: 'STOPLOSS', ordertype: 'STOPLOSS_MARKET', price: '0', triggerprice: '194.80' });
    expect(slm.ok && slm.notice?.code).toBe('MARKET_PROTECTION_BY_ANGEL');
  });

  it('sends a market order with price "0", no protection field, and tells the ticket why', () => {
    const built = buildAngelPlaceOrder({ ...limitBuy, orderType: 'MKT', price: null }, SBIN);
    expect(built.ok && built.request.body.price).toBe('0');
    expect(built.ok && Object.keys(built.request.body)).not.toContain('triggerprice');
    expect(built.ok && built.notice?.message).toMatch(/Angel One turns market orders into limit orders/);
  });

  it('maps products (CNC DELIVERY, NRML CARRYFORWARD) and keeps paise exact', () => {
    const nrml = buildAngelPlaceOrder({ ...limitBuy, token: NIFTY_CE.token, product: 'NRML', quantity: 65, price: 5 }, NIFTY_CE);
    expect(nrml.ok && nrml.request.body).toMatchObject({ producttype: 'CARRYFORWARD', exchange: 'NFO', price: '0.05', quantity: '65', symboltoken: '43210' });
    const cnc = buildAngelPlaceOrder({ ...limitBuy, product: 'CNC', price: 123_456_789 }, SBIN);
    expect(cnc.ok && cnc.request.body).toMatchObject({ producttype: 'DELIVERY', price: '1234567.89' });
  });

  it('puts the algo id in ordertag (< 20 characters, letters and digits) and refuses one that does not fit', () => {
    const algo = buildAngelPlaceOrder({ ...limitBuy, algoId: 'ALGO12345' }, SBIN);
    expect(algo.ok && algo.request.body.ordertag).toBe('ALGO12345');
    expect(angelOrderTag({ clientOrderId: 'x', algoId: 'A'.repeat(19) }).ok).toBe(true);
    expect(buildAngelPlaceOrder({ ...limitBuy, algoId: 'A'.repeat(20) }, SBIN)).toMatchObject({ ok: false, code: 'BAD_TAG' });
    expect(buildAngelPlaceOrder({ ...limitBuy, algoId: 'ALGO-1' }, SBIN)).toMatchObject({ ok: false, code: 'BAD_TAG' });
    expect(angelTagOfClientId('ord-1')).toMatch(/^TD[0-9a-f]{17}$/);
  });

  it('refuses AMO and iceberg with a sentence for the ticket, and IOC on MCX', () => {
    const amo = buildAngelPlaceOrder({ ...limitBuy, amo: true }, SBIN);
    expect(amo).toMatchObject({ ok: false, code: 'UNSUPPORTED_AMO' });
    expect(!amo.ok && amo.reason).toMatch(/after-market/);
    expect(buildAngelPlaceOrder({ ...limitBuy, icebergLegs: 3 }, SBIN)).toMatchObject({ ok: false, code: 'UNSUPPORTED_ICEBERG' });
    const gold = { token: 1 * 256 + 7, exchangeToken: 1, tradingsymbol: 'GOLD', exchange: 'MCX' as const };
    expect(buildAngelPlaceOrder({ ...limitBuy, token: gold.token, validity: 'IOC' }, gold)).toMatchObject({ ok: false, code: 'UNSUPPORTED_VALIDITY' });
  });

  it('refuses malformed orders instead of sending them', () => {
    expect(buildAngelPlaceOrder({ ...limitBuy, price: null }, SBIN)).toMatchObject({ ok: false, code: 'MISSING_PRICE' });
    expect(buildAngelPlaceOrder({ ...limitBuy, orderType: 'SL', triggerPrice: null }, SBIN)).toMatchObject({ ok: false, code: 'MISSING_TRIGGER' });
    expect(buildAngelPlaceOrder({ ...limitBuy, quantity: 0 }, SBIN)).toMatchObject({ ok: false, code: 'BAD_QUANTITY' });
    expect(buildAngelPlaceOrder({ ...limitBuy, token: 1 }, SBIN)).toMatchObject({ ok: false, code: 'TOKEN_MISMATCH' });
    expect(buildAngelPlaceOrder(limitBuy, { ...SBIN, exchange: 'BCD' })).toMatchObject({ ok: false, code: 'UNSUPPORTED_EXCHANGE' });
  });
});

describe('Angel One modify and cancel', () => {
  const current = { orderType: 'L' as const, product: 'MIS' as const, validity: 'DAY' as const, quantity: 1, price: 19_450, triggerPrice: null };
  const base = { clientOrderId: 'ord-1', brokerOrderId: '201020000000080', amo: false, icebergLegs: null };

  it('builds exactly the JS SDK test modify request', () => {
    const built = buildAngelModifyOrder({ request: { ...base, price: 19_400 }, instrument: SBIN, current });
    expect(built.ok && built.request).toEqual({
      method: 'POST',
      path: '/rest/secure/angelbroking/order/v1/modifyOrder',
      body: {
        variety: 'NORMAL', orderid: '201020000000080', ordertype: 'LIMIT', producttype: 'INTRADAY', duration: 'DAY', price: '194.00',
        quantity: '1', tradingsymbol: 'SBIN-EQ', symboltoken: '3045', exchange: 'NSE',
      },
    });
  });

  it('restates a stop order with its triggerprice (§D5) and refuses moving between stop and regular varieties', () => {
    const stop = { ...current, orderType: 'SL' as const, price: 19_500, triggerPrice: 19_480 };
    const built = buildAngelModifyOrder({ request: { ...base, triggerPrice: 19_470 }, instrument: SBIN, current: stop });
    expect(built.ok && built.request.body).toMatchObject({ variety: 'STOPLOSS', ordertype: 'STOPLOSS_LIMIT', price: '195.00', triggerprice: '194.70' });
    expect(buildAngelModifyOrder({ request: { ...base, orderType: 'L' }, instrument: SBIN, current: stop })).toMatchObject({ ok: false, code: 'TYPE_CHANGE' });
    expect(buildAngelModifyOrder({ request: { ...base, orderType: 'MKT' }, instrument: SBIN, current }).ok).toBe(true);
    expect(buildAngelModifyOrder({ request: { ...base, brokerOrderId: '../x' }, instrument: SBIN, current })).toMatchObject({ ok: false, code: 'BAD_ORDER_ID' });
  });

  it('builds exactly the JS SDK test cancel request, addressed by the variety of the order type', () => {
    expect(buildAngelCancelOrder(base, 'L')).toEqual({
      ok: true,
      notice: null,
      request: { method: 'POST', path: '/rest/secure/angelbroking/order/v1/cancelOrder', body: { variety: 'NORMAL', orderid: '201020000000080' } },
    });
    expect(buildAngelCancelOrder(base, 'SL-M').ok && buildAngelCancelOrder(base, 'SL-M')).toMatchObject({ request: { body: { variety: 'STOPLOSS' } } });
  });
});
