import { describe, expect, it } from 'vitest';
import { readBody } from './http-body';
import { parseKiteOrderResponse } from './rest-response';

const json = (status: number, body: unknown) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

describe('Kite REST responses', () => {
  it('reads the order id from a success', () => {
    expect(parseKiteOrderResponse(json(200, { status: 'success', data: { order_id: '260120000123456' } }))).toEqual({
      ok: true, data: { orderId: '260120000123456' },
    });
  });

  it('sorts Kite errors into what the adapter must do', () => {
    const kinds = [
      [json(403, { status: 'error', message: 'Incorrect `api_key` or `access_token`.', error_type: 'TokenException' }), 'session-expired'],
      [json(400, { status: 'error', message: 'Invalid tradingsymbol', error_type: 'InputException' }), 'rejected'],
      [json(400, { status: 'error', message: 'Markets are closed right now.', error_type: 'OrderException' }), 'rejected'],
      [json(429, { status: 'error', message: 'Too many requests', error_type: 'NetworkException' }), 'rate-limited'],
      [json(503, { status: 'error', message: 'Upstream down', error_type: 'NetworkException' }), 'broker-unavailable'],
    ] as const;
    for (const [answer, kind] of kinds) {
      const parsed = parseKiteOrderResponse(answer);
      expect(parsed.ok ? 'ok' : parsed.error.kind).toBe(kind);
    }
    const rejected = parseKiteOrderResponse(kinds[1][0]);
    expect(!rejected.ok && rejected.error).toEqual({ kind: 'rejected', status: 400, errorType: 'InputException', message: 'Invalid tradingsymbol' });
  });

  it('turns an HTML error page into a typed error with its title, not a crash', () => {
    const page = { status: 502, contentType: 'text/html', body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>' };
    const parsed = parseKiteOrderResponse(page);
    expect(!parsed.ok && parsed.error).toEqual({
      kind: 'broker-unavailable', status: 502, errorType: null,
      message: 'HTTP 502: the broker answered with a web page ("502 Bad Gateway") instead of data',
    });
    // Detected by the body even when the content type claims JSON.
    const lying = parseKiteOrderResponse({ status: 200, contentType: 'application/json', body: '  <!DOCTYPE html><p>Login</p>' });
    expect(!lying.ok && lying.error.kind).toBe('bad-response');
  });

  it('refuses empty bodies, plain text and JSON of the wrong shape', () => {
    const empty = parseKiteOrderResponse({ status: 429, contentType: null, body: '' });
    expect(!empty.ok && empty.error.kind).toBe('rate-limited');
    expect(parseKiteOrderResponse({ status: 200, contentType: 'text/plain', body: 'OK' })).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
    expect(parseKiteOrderResponse(json(200, { status: 'success', data: {} }))).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
    expect(parseKiteOrderResponse(json(200, [1, 2]))).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });

  it('keeps long non-JSON bodies short in messages', () => {
    const reading = readBody({ status: 500, contentType: null, body: 'x'.repeat(5000) });
    expect(reading.kind === 'text' && reading.snippet.length).toBe(201);
  });
});
