/**
 * Order notifications written BY HAND at the positions the facts sheet lists (§B5,
 * from the Python SDK's parse_data; not verified against a live message, §D13).
 */
import { describe, expect, it } from 'vitest';
import { decodeBreezeOrderNotification } from './order-notification';
import { encodeBreezeOrderNotification } from '../../testing/venues/breeze/stream-encoder';

function equity(): string[] {
  const items = Array.from({ length: 47 }, () => '');
  Object.assign(items, {
    0: '1', 1: 'ORD', 2: 'XY604721', 3: 'K', 4: '512', 5: '1', 6: '77', 7: '05-Feb-2025', 8: '09:26:01', 9: 'O', 10: 'N', 11: '4',
    12: '8500001234', 13: 'NSE', 14: 'ITC', 15: 'B', 16: 'L', 17: 'T', 18: '420.00', 19: 'C', 20: 'P', 21: '05-Feb-2025', 22: '05-Feb-2025',
    23: '20250205N300001234', 24: '10', 25: '6', 26: '4', 27: '0', 28: '0', 29: '0', 30: '0', 42: '419.95',
  });
  return items;
}

function fno(): string[] {
  const items = Array.from({ length: 47 }, () => '');
  Object.assign(items, {
    0: '1', 11: '6', 13: 'NFO', 14: 'NIFTY', 15: 'O', 16: 'C', 17: 'E', 18: '23550', 19: '13-Feb-2025', 21: 'S', 22: 'S', 23: 'T',
    24: '7.50', 25: 'E', 26: '202502051400001234', 27: '75', 28: '75', 29: '0', 30: '0', 31: '7.60', 39: '7.55',
  });
  return items;
}

describe('Breeze order notifications', () => {
  it('reads an equity message (type 4): order reference, status code, quantities, rates in paise', () => {
    expect(decodeBreezeOrderNotification(equity())).toMatchObject({
      ok: true,
      notification: {
        segment: 'equity', orderId: '20250205N300001234', statusCode: 'P', status: 'Partially Executed', stockCode: 'ITC', side: 'BUY', priceKind: 'L',
        quantity: 10, executedQuantity: 4, cancelledQuantity: 0, expiredQuantity: 0, limitPrice: 42_000, triggerPrice: null, averageExecutedPrice: 41_995, exchangeCode: 'NSE',
      },
    });
  });

  it('reads an F&O message (type 6) from its own positions', () => {
    expect(decodeBreezeOrderNotification(fno())).toMatchObject({
      ok: true,
      notification: { segment: 'fno', orderId: '202502051400001234', status: 'Executed', side: 'SELL', priceKind: 'S', quantity: 75, executedQuantity: 75, limitPrice: 750, triggerPrice: 760, averageExecutedPrice: 755 },
    });
  });

  it('refuses quotes, strategy streams, unknown types and malformed fields', () => {
    expect(decodeBreezeOrderNotification(['4.1!2885', 1])).toEqual({ ok: false, error: { kind: 'quote-stream', index: 0 } });
    expect(decodeBreezeOrderNotification(Array.from({ length: 19 }, () => 'x'))).toEqual({ ok: false, error: { kind: 'strategy-stream', index: 0 } });
    expect(decodeBreezeOrderNotification(Object.assign(equity(), { 11: '9' }))).toEqual({ ok: false, error: { kind: 'unknown-message-type', index: 11 } });
    expect(decodeBreezeOrderNotification(equity().slice(0, 40))).toEqual({ ok: false, error: { kind: 'bad-length', index: 40 } });
    expect(decodeBreezeOrderNotification(Object.assign(equity(), { 23: '' }))).toEqual({ ok: false, error: { kind: 'bad-field', index: 23 } });
    expect(decodeBreezeOrderNotification(Object.assign(equity(), { 26: '-4' }))).toEqual({ ok: false, error: { kind: 'bad-field', index: 26 } });
    expect(decodeBreezeOrderNotification(Object.assign(equity(), { 20: 'PP' }))).toEqual({ ok: false, error: { kind: 'bad-field', index: 20 } });
    expect(decodeBreezeOrderNotification({})).toEqual({ ok: false, error: { kind: 'not-an-array', index: 0 } });
    expect(decodeBreezeOrderNotification(Object.assign(equity(), { 20: 'Z' }))).toMatchObject({ ok: true, notification: { status: null } });
  });

  it('the test encoder puts each field where the decoder reads it', () => {
    const items = encodeBreezeOrderNotification({
      segment: 'fno', orderId: '202502051400001234', statusCode: 'E', stockCode: 'NIFTY', side: 'S', priceKind: 'S', quantity: 75, executed: 75,
      cancelled: 0, expired: 0, limitRate: '7.50', trigger: '7.60', averageRate: '7.55',
    });
    const handMade = fno();
    for (const i of [11, 14, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 39]) expect(items[i], `index ${i}`).toBe(handMade[i]);
  });
});
