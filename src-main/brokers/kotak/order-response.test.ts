import { describe, expect, it } from 'vitest';
import { parseKotakOrderResponse } from './order-response';

const json = (status: number, body: unknown, contentType = 'application/json') => ({ status, contentType, body: JSON.stringify(body) });

describe('Kotak order responses', () => {
  it('reads the order number from a success (and cancel\'s "result")', () => {
    expect(parseKotakOrderResponse(json(200, { stat: 'Ok', nOrdNo: '260120000001234', stCode: 200 }))).toEqual({ ok: true, orderNo: '260120000001234' });
    expect(parseKotakOrderResponse(json(200, { stat: 'Ok', result: '260120000001234', stCode: 200 }))).toEqual({ ok: true, orderNo: '260120000001234' });
    expect(parseKotakOrderResponse(json(200, { stat: 'Ok', nOrdNo: 260120000001234, stCode: 200 }))).toEqual({ ok: true, orderNo: '260120000001234' });
  });

  it('carries a refusal\'s text to the trader, including the SL-M refusal', () => {
    const parsed = parseKotakOrderResponse(json(200, { stat: 'Not_Ok', emsg: 'Market order with Algo Id not allowed', stCode: 1009 }));
    expect(parsed).toEqual({ ok: false, error: { kind: 'rejected', status: 200, code: '1009', message: 'Market order with Algo Id not allowed' } });
    const other = parseKotakOrderResponse(json(400, { stat: 'Not_Ok', errMsg: 'RMS:Margin Exceeds' }));
    expect(!other.ok && [other.error.kind, other.error.message, other.error.code]).toEqual(['rejected', 'RMS:Margin Exceeds', null]);
  });

  it('recognises an expired session by status or gateway code, not by words in a message', () => {
    const gateway = parseKotakOrderResponse(json(401, { code: '900901', message: 'Invalid Credentials', description: 'Access failure for API' }));
    expect(!gateway.ok && gateway.error).toEqual({ kind: 'session-expired', status: 401, code: '900901', message: 'Invalid Credentials: Access failure for API' });
    expect(parseKotakOrderResponse(json(200, { code: 900902, message: 'Missing Credentials' }))).toMatchObject({ ok: false, error: { kind: 'session-expired' } });
    expect(parseKotakOrderResponse(json(403, { stat: 'Not_Ok', emsg: 'Forbidden' }))).toMatchObject({ ok: false, error: { kind: 'session-expired' } });
    const wordy = parseKotakOrderResponse(json(200, { stat: 'Not_Ok', emsg: 'Order not allowed in this session' }));
    expect(!wordy.ok && wordy.error.kind).toBe('rejected');
  });

  it('turns HTML pages and other non-JSON into typed errors', () => {
    const page = parseKotakOrderResponse({ status: 503, contentType: 'text/html; charset=utf-8', body: '<html><title>Service Unavailable</title><body>Maintenance</body></html>' });
    expect(!page.ok && page.error).toEqual({
      kind: 'broker-unavailable', status: 503, code: null,
      message: 'HTTP 503: the broker answered with a web page ("Service Unavailable") instead of data',
    });
    const loginWall = parseKotakOrderResponse({ status: 200, contentType: 'application/json', body: '<!doctype html><form>login</form>' });
    expect(!loginWall.ok && loginWall.error.kind).toBe('bad-response');
    expect(parseKotakOrderResponse({ status: 429, contentType: null, body: '' })).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    expect(parseKotakOrderResponse({ status: 200, contentType: 'text/plain', body: 'not json {' })).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });

  it('refuses JSON of an unknown shape or an Ok without an order number', () => {
    expect(parseKotakOrderResponse(json(200, { hello: 'world' }))).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
    expect(parseKotakOrderResponse(json(200, { stat: 'Ok', stCode: 200 }))).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
    expect(parseKotakOrderResponse(json(200, null))).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });
});
