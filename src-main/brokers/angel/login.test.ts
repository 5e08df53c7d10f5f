import { describe, expect, it } from 'vitest';
import { angelTokensSchema, buildAngelLogin, buildAngelLogout, buildAngelRefresh, toAngelTokens } from './login';
import { angelHeaders } from './rest-headers';

const identity = { localIp: '192.168.1.20', publicIp: '203.0.113.7', macAddress: '3c:52:82:aa:01:ff' };

describe('Angel One login requests', () => {
  it('builds loginByPassword with clientcode, the MPIN as password and the TOTP (the JS SDK test request)', () => {
    const built = buildAngelLogin({ clientCode: 'user11', mpin: '1234', totp: '122234' });
    expect(built).toEqual({
      ok: true,
      request: { method: 'POST', path: '/rest/auth/angelbroking/user/v1/loginByPassword', body: { clientcode: 'user11', password: '1234', totp: '122234' } },
    });
    expect(buildAngelLogin({ clientCode: 'user11', mpin: '1234', totp: '122234', state: 'td-1' }).ok && buildAngelLogin({ clientCode: 'user11', mpin: '1234', totp: '122234', state: 'td-1' })).toMatchObject({ request: { body: { state: 'td-1' } } });
  });

  it('refuses a web password, a short TOTP, a bad client code', () => {
    expect(buildAngelLogin({ clientCode: 'S123', mpin: 'hunter2', totp: '123456' })).toMatchObject({ ok: false, code: 'BAD_MPIN' });
    expect(buildAngelLogin({ clientCode: 'S123', mpin: '1234', totp: '12345' })).toMatchObject({ ok: false, code: 'BAD_TOTP' });
    expect(buildAngelLogin({ clientCode: 'S 123', mpin: '1234', totp: '123456' })).toMatchObject({ ok: false, code: 'BAD_CLIENT_CODE' });
  });

  it('builds generateTokens and logout bodies', () => {
    expect(buildAngelRefresh('refresh-token')).toMatchObject({ ok: true, request: { path: '/rest/auth/angelbroking/jwt/v1/generateTokens', body: { refreshToken: 'refresh-token' } } });
    expect(buildAngelRefresh('has space').ok).toBe(false);
    expect(buildAngelLogout('user11')).toMatchObject({ ok: true, request: { path: '/rest/secure/angelbroking/user/v1/logout', body: { clientcode: 'user11' } } });
  });

  it('reads the three tokens, storing a "Bearer "-prefixed JWT bare', () => {
    const parsed = angelTokensSchema.parse({ jwtToken: 'Bearer eyJ.a.b', refreshToken: 'refresh-token', feedToken: 'feed-token' });
    expect(toAngelTokens(parsed)).toEqual({ jwt: 'eyJ.a.b', refresh: 'refresh-token', feed: 'feed-token', state: null });
    expect(angelTokensSchema.safeParse({ jwtToken: '', refreshToken: 'r', feedToken: 'f' }).success).toBe(false);
  });
});

describe('Angel One REST headers', () => {
  it('sends the documented set, Authorization only with a session', () => {
    const login = angelHeaders({ apiKey: 'key123', identity, jwt: null });
    expect(login).toEqual({
      ok: true,
      headers: {
        'Content-Type': 'application/json', Accept: 'application/json', 'X-UserType': 'USER', 'X-SourceID': 'WEB',
        'X-ClientLocalIP': '192.168.1.20', 'X-ClientPublicIP': '203.0.113.7', 'X-MACAddress': '3c:52:82:aa:01:ff', 'X-PrivateKey': 'key123',
      },
    });
    expect(angelHeaders({ apiKey: 'key123', identity, jwt: 'Bearer eyJ.a.b' })).toMatchObject({ ok: true, headers: { Authorization: 'Bearer eyJ.a.b' } });
    expect(angelHeaders({ apiKey: 'key123', identity, jwt: 'eyJ.a.b' })).toMatchObject({ ok: true, headers: { Authorization: 'Bearer eyJ.a.b' } });
  });

  it('refuses values that are not IPs or a MAC, and header injection', () => {
    expect(angelHeaders({ apiKey: 'key123', identity: { ...identity, publicIp: 'localhost' }, jwt: null }).ok).toBe(false);
    expect(angelHeaders({ apiKey: 'key123', identity: { ...identity, macAddress: '3c:52:82:aa:01' }, jwt: null }).ok).toBe(false);
    expect(angelHeaders({ apiKey: 'key123', identity: { ...identity, localIp: '::1' }, jwt: null }).ok).toBe(true);
    expect(angelHeaders({ apiKey: 'key\r\nX-Evil: 1', identity, jwt: null }).ok).toBe(false);
    expect(angelHeaders({ apiKey: 'key', identity, jwt: 'a\nb' }).ok).toBe(false);
  });
});
