import { describe, expect, it } from 'vitest';
import { jsonRupeesToPaise, parseKiteTextMessage } from './text-messages';

/** An order update shaped like Kite's documented postback/WebSocket payload. */
const ORDER_DATA = {
  account_id: 'AB1234',
  unfilled_quantity: 0,
  checksum: '',
  placed_by: 'AB1234',
  order_id: '260120000123456',
  exchange_order_id: '1100000012345678',
  parent_order_id: null,
  status: 'OPEN',
  status_message: null,
  status_message_raw: null,
  order_timestamp: '2026-01-20 09:30:01',
  exchange_update_timestamp: '2026-01-20 09:30:02',
  exchange_timestamp: '2026-01-20 09:30:01',
  variety: 'regular',
  exchange: 'NFO',
  tradingsymbol: 'NIFTY26JANFUT',
  instrument_token: 13_238_786,
  order_type: 'LIMIT',
  transaction_type: 'BUY',
  validity: 'DAY',
  product: 'NRML',
  quantity: 130,
  disclosed_quantity: 0,
  price: 24123.5,
  trigger_price: 0,
  average_price: 24123.4567,
  filled_quantity: 65,
  pending_quantity: 65,
  cancelled_quantity: 0,
  market_protection: 0,
  meta: {},
  tag: 'ALGO42',
  guid: '84286X1234',
};

const message = (type: string, data: unknown) => JSON.stringify({ type, data });

describe('Kite text messages', () => {
  it('parses an order update into paise and epoch ms, keeping the raw object', () => {
    const parsed = parseKiteTextMessage(message('order', ORDER_DATA));
    expect(parsed.type).toBe('order');
    if (parsed.type !== 'order') return;
    expect(parsed.order).toMatchObject({
      orderId: '260120000123456',
      exchangeOrderId: '1100000012345678',
      status: 'OPEN',
      side: 'BUY',
      instrumentToken: 13_238_786,
      quantity: 130,
      filledQuantity: 65,
      pendingQuantity: 65,
      price: 2_412_350,
      triggerPrice: 0,
      averagePrice: null, // 24123.4567 is not a whole paise
      tag: 'ALGO42',
      // 09:30:01 IST = 04:00:01 UTC.
      orderTimestampMs: Date.UTC(2026, 0, 20, 4, 0, 1),
      exchangeTimestampMs: Date.UTC(2026, 0, 20, 4, 0, 2),
    });
    // Fields we do not model pass through for the ledger.
    expect(parsed.order.raw).toMatchObject({ guid: '84286X1234', meta: {} });
  });

  it('carries a rejection message to the trader', () => {
    const parsed = parseKiteTextMessage(message('order', { ...ORDER_DATA, status: 'REJECTED', status_message: 'RMS:Margin Exceeds' }));
    expect(parsed.type === 'order' && [parsed.order.status, parsed.order.statusMessage]).toEqual(['REJECTED', 'RMS:Margin Exceeds']);
  });

  it('parses error and message texts', () => {
    expect(parseKiteTextMessage(message('error', 'Invalid access token'))).toEqual({ type: 'error', message: 'Invalid access token' });
    expect(parseKiteTextMessage(message('message', 'Hello'))).toEqual({ type: 'message', message: 'Hello' });
    expect(parseKiteTextMessage(message('error', { code: 1 }))).toEqual({ type: 'error', message: '{"code":1}' });
  });

  it('reports unknown types and broken input instead of throwing', () => {
    expect(parseKiteTextMessage(message('instruments_meta', {}))).toEqual({ type: 'unknown', messageType: 'instruments_meta' });
    expect(parseKiteTextMessage('<html>')).toEqual({ type: 'invalid', reason: 'not JSON' });
    expect(parseKiteTextMessage('[1,2]').type).toBe('invalid');
    expect(parseKiteTextMessage('null').type).toBe('invalid');
    const noId = parseKiteTextMessage(message('order', { ...ORDER_DATA, order_id: undefined }));
    expect(noId.type === 'invalid' && noId.reason).toContain('order_id');
    const negative = parseKiteTextMessage(message('order', { ...ORDER_DATA, filled_quantity: -1 }));
    expect(negative.type).toBe('invalid');
  });

  it('converts JSON rupee numbers to paise exactly or not at all', () => {
    expect(jsonRupeesToPaise(1234.55)).toBe(123_455);
    expect(jsonRupeesToPaise(0.1 + 0.2)).toBeNull(); // 0.30000000000000004 is not what a broker sends
    expect(jsonRupeesToPaise(83.2525)).toBeNull();
    expect(jsonRupeesToPaise(24000)).toBe(2_400_000);
  });
});
