import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseAngelList, parseAngelResponse } from './envelope';
import { classifyAngelError } from './error-codes';

const json = (status: number, value: unknown) => ({ status, contentType: 'application/json', body: JSON.stringify(value) });
const data = z.object({ orderid: z.string() });

describe('Angel One envelope', () => {
  it('accepts the success form', () => {
    expect(parseAngelResponse(json(200, { status: true, message: 'SUCCESS', errorcode: '', data: { orderid: '1' } }), data)).toEqual({ ok: true, data: { orderid: '1' }, message: 'SUCCESS' });
    expect(parseAngelResponse(json(200, { status: 'true', message: 'SUCCESS', errorcode: '', data: { orderid: '1' } }), data).ok).toBe(true);
  });

  it('reads the docs failure form: string "false", errorcode, data "null" (§D1)', () => {
    expect(parseAngelResponse(json(200, { status: 'false', message: 'AMX Error', errorcode: 'AB1007', data: 'null' }), data)).toEqual({
      ok: false,
      error: { kind: 'broker-unavailable', status: 200, code: 'AB1007', message: 'AMX Error' },
    });
  });

  it('reads the camelCase errorCode the JS SDK checks, and ends the session only on the token codes', () => {
    const refused = (code: string, status = 200) => parseAngelResponse(json(status, { status: false, message: 'm', errorCode: code, data: null }), data);
    for (const code of ['AG8001', 'AG8002', 'AG8003', 'AB8050', 'AB8051']) expect(refused(code)).toMatchObject({ ok: false, error: { kind: 'session-expired', code } });
    for (const code of ['AB1010', 'AB1011', 'AB1013', 'AB4008', 'AB1009']) expect(refused(code)).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(refused('AB2001')).toMatchObject({ error: { kind: 'broker-unavailable' } });
    // A 401 or 403 without a token code is not an expired session.
    expect(refused('AB1012', 401)).toMatchObject({ error: { kind: 'rejected' } });
    expect(refused('', 403)).toMatchObject({ error: { kind: 'rejected', code: null } });
  });

  it('treats the rate limiter\'s 403 and HTTP 429 as rate-limited, whatever the body', () => {
    const text = { status: 403, contentType: 'text/plain', body: 'Access denied because of exceeding rate limit' };
    expect(parseAngelResponse(text, data)).toMatchObject({ ok: false, error: { kind: 'rate-limited', status: 403 } });
    expect(parseAngelResponse({ status: 429, contentType: null, body: '' }, data)).toMatchObject({ error: { kind: 'rate-limited' } });
    expect(parseAngelResponse(json(403, { status: false, message: 'Access denied because of exceeding rate limit', errorcode: '', data: null }), data)).toMatchObject({ error: { kind: 'rate-limited' } });
  });

  it('honours a Kite-style TokenException, and nothing else of that kind ends the session', () => {
    expect(parseAngelResponse(json(403, { status: 'error', message: 'Invalid token', error_type: 'TokenException' }), data)).toMatchObject({ error: { kind: 'session-expired' } });
    expect(parseAngelResponse(json(403, { status: 'error', message: 'Not allowed', error_type: 'PermissionException' }), data)).toMatchObject({ error: { kind: 'rejected' } });
    expect(classifyAngelError({ httpStatus: 403, code: null, message: 'x', errorType: 'TokenException' })).toBe('session-expired');
    expect(classifyAngelError({ httpStatus: 403, code: null, message: 'x', errorType: 'PermissionException' })).toBe('rejected');
    expect(parseAngelResponse(json(200, { status: false, message: 'x', error_type: 'TokenException', data: null }), data)).toMatchObject({ error: { kind: 'session-expired' } });
  });

  it('turns HTML pages, empty bodies and unknown JSON into typed errors', () => {
    expect(parseAngelResponse({ status: 502, contentType: 'text/html', body: '<html><title>Bad Gateway</title></html>' }, data)).toMatchObject({ error: { kind: 'broker-unavailable' } });
    expect(parseAngelResponse({ status: 200, contentType: 'text/html', body: '<html>login</html>' }, data)).toMatchObject({ error: { kind: 'bad-response' } });
    expect(parseAngelResponse(json(200, { hello: 1 }), data)).toMatchObject({ error: { kind: 'bad-response' } });
    expect(parseAngelResponse(json(200, { status: true, data: { nope: 1 } }), data)).toMatchObject({ error: { kind: 'bad-response' } });
  });

  it('reads an empty list as null, [], "" or the endpoint\'s not-found code (§D2), and drops bad rows with a count', () => {
    const row = z.object({ id: z.number() });
    for (const empty of [null, [], '', 'null']) expect(parseAngelList(json(200, { status: true, data: empty }), row, 'AB1013')).toEqual({ ok: true, rows: [], dropped: 0, problems: [] });
    expect(parseAngelList(json(200, { status: false, errorcode: 'AB1013', message: 'Order not found', data: null }), row, 'AB1013')).toMatchObject({ ok: true, rows: [] });
    expect(parseAngelList(json(200, { status: false, errorcode: 'AB1013', message: 'Order not found', data: null }), row, null)).toMatchObject({ ok: false });
    const mixed = parseAngelList(json(200, { status: true, data: [{ id: 1 }, { id: 'x' }, { id: 2 }] }), row, null);
    expect(mixed).toMatchObject({ ok: true, rows: [{ id: 1 }, { id: 2 }], dropped: 1 });
  });
});
