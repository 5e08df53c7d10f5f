import { describe, expect, it } from 'vitest';
import { judgeRequest } from './gate';

const token = 'T0KEN_abcdefghijklmnopqrstuvwxyz0123456789';
const cookieName = 'tickdesk_session_8717';
const url = (path: string) => new URL(path, 'http://tickdesk.invalid');
const headers = (h: Record<string, string>) => ({ headers: h });

describe('judgeRequest', () => {
  it('accepts the query token and the cookie', () => {
    expect(judgeRequest(headers({ host: '127.0.0.1:8717' }), url(`/?token=${token}`), { token, cookieName, kind: 'http' })).toEqual({
      ok: true,
      via: 'query',
      host: '127.0.0.1:8717',
    });
    expect(
      judgeRequest(headers({ host: 'localhost:8717', cookie: `other=1; ${cookieName}=${token}` }), url('/assets/a.js'), {
        token,
        cookieName,
        kind: 'http',
      }),
    ).toMatchObject({ ok: true, via: 'cookie' });
  });

  it('refuses a missing or wrong token with 401', () => {
    expect(judgeRequest(headers({ host: '127.0.0.1:8717' }), url('/'), { token, cookieName, kind: 'http' })).toEqual({
      ok: false,
      status: 401,
      reason: 'missing-token',
    });
    expect(judgeRequest(headers({ host: '127.0.0.1:8717' }), url('/?token=nope'), { token, cookieName, kind: 'http' })).toMatchObject({
      status: 401,
      reason: 'bad-token',
    });
    expect(
      judgeRequest(headers({ host: '127.0.0.1:8717', cookie: `tickdesk_session_9999=${token}` }), url('/'), { token, cookieName, kind: 'http' }),
    ).toMatchObject({ status: 401, reason: 'missing-token' });
  });

  it('refuses a wrong query token even with a valid cookie', () => {
    expect(
      judgeRequest(headers({ host: '127.0.0.1:8717', cookie: `${cookieName}=${token}` }), url('/?token=wrong'), { token, cookieName, kind: 'http' }),
    ).toMatchObject({ status: 401, reason: 'bad-token' });
  });

  it('refuses a foreign Host before looking at the token (DNS rebinding)', () => {
    expect(judgeRequest(headers({ host: 'evil.example:8717' }), url(`/?token=${token}`), { token, cookieName, kind: 'http' })).toEqual({
      ok: false,
      status: 403,
      reason: 'bad-host',
    });
    expect(judgeRequest(headers({}), url(`/?token=${token}`), { token, cookieName, kind: 'http' })).toMatchObject({ reason: 'bad-host' });
  });

  it('refuses a foreign Origin on plain requests, but allows none', () => {
    expect(
      judgeRequest(headers({ host: '127.0.0.1:8717', origin: 'http://evil.example' }), url(`/?token=${token}`), { token, cookieName, kind: 'http' }),
    ).toMatchObject({ status: 403, reason: 'bad-origin' });
  });

  it('requires the same Origin on WebSocket upgrades', () => {
    const opts = { token, cookieName, kind: 'websocket' as const };
    const cookie = `${cookieName}=${token}`;
    expect(judgeRequest(headers({ host: '127.0.0.1:8717', cookie }), url('/ws'), opts)).toMatchObject({ status: 403, reason: 'bad-origin' });
    expect(judgeRequest(headers({ host: '127.0.0.1:8717', cookie, origin: 'null' }), url('/ws'), opts)).toMatchObject({ status: 403 });
    expect(judgeRequest(headers({ host: '127.0.0.1:8717', cookie, origin: 'http://evil.example' }), url('/ws'), opts)).toMatchObject({
      status: 403,
    });
    expect(judgeRequest(headers({ host: '127.0.0.1:8717', cookie, origin: 'http://127.0.0.1:8717' }), url('/ws'), opts)).toMatchObject({
      ok: true,
    });
  });
});
