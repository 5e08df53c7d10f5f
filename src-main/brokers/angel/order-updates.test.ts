import { describe, expect, it } from 'vitest';
import { parseAngelOrderMessage } from './order-updates';

const frame = (orderStatus: string, orderData: unknown, statusCode: unknown = '200') =>
  JSON.stringify({ 'user-id': 'S123', 'status-code': statusCode, 'order-status': orderStatus, 'error-message': '', orderData });

describe('Angel One order-update socket', () => {
  it('reads the connect frame (AB00, empty orderData) and the pong', () => {
    expect(parseAngelOrderMessage(frame('AB00', {}))).toEqual({ type: 'connected' });
    expect(parseAngelOrderMessage('pong')).toEqual({ type: 'pong' });
  });

  it('reads an order event with the order row, ordertag included', () => {
    const message = parseAngelOrderMessage(
      frame('AB05', { orderid: '241001000000123', uniqueorderid: 'f1e2', status: 'complete', orderstatus: 'complete', quantity: '65', filledshares: '65', unfilledshares: '0', averageprice: 210.35, ordertype: 'LIMIT', price: 210.5, transactiontype: 'SELL', ordertag: 'ALGO7' }),
    );
    expect(message).toMatchObject({ type: 'order', code: 'AB05', event: 'complete', order: { orderId: '241001000000123', status: 'complete', filledQuantity: 65, averagePrice: 21_035, tag: 'ALGO7', side: 'SELL' } });
  });

  it('uses the event code\'s word when the row carries no status', () => {
    expect(parseAngelOrderMessage(frame('AB10', { orderid: '1' }))).toMatchObject({ type: 'order', order: { status: 'trigger pending' } });
    expect(parseAngelOrderMessage(frame('AB99', { orderid: '1' }))).toMatchObject({ type: 'invalid' });
  });

  it('turns a non-200 status code into an error and bad frames into invalid, never throwing', () => {
    expect(parseAngelOrderMessage(JSON.stringify({ 'status-code': 401, 'error-message': 'Invalid token' }))).toEqual({ type: 'error', statusCode: '401', message: 'Invalid token' });
    expect(parseAngelOrderMessage('{"order-status":"AB01"}').type).toBe('invalid');
    expect(parseAngelOrderMessage('not json').type).toBe('invalid');
    expect(parseAngelOrderMessage('[]').type).toBe('invalid');
  });
});
