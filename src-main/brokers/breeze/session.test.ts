import { describe, expect, it } from 'vitest';
import { breezeLoginUrl } from './endpoints';
import { parseBreezeResponse } from './envelope';
import { breezeCustomerSchema, breezeSessionEndsAt, breezeStreamAuth, buildBreezeCustomerDetails, readBreezeSessionToken } from './session';

describe('Breeze session', () => {
  it('URL-encodes the app key on the login page', () => {
    expect(breezeLoginUrl('a+b=c!d%e')).toBe('https://api.icicidirect.com/apiuser/login?api_key=a%2Bb%3Dc!d%25e');
  });

  it('asks customerdetails with a compact JSON body in a GET', () => {
    expect(buildBreezeCustomerDetails('51234567', 'app+key=')).toEqual({
      ok: true,
      request: { method: 'GET', path: 'customerdetails', body: { SessionToken: '51234567', AppKey: 'app+key=' } },
      text: '{"SessionToken":"51234567","AppKey":"app+key="}',
    });
    expect(buildBreezeCustomerDetails('5123 4567', 'k').ok).toBe(false);
  });

  it('reads the README answer and decodes the session token into user and key', () => {
    const answer = {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        Success: { exg_trade_date: { NSE: '04-Feb-2025' }, idirect_userid: 'XY604721', session_token: 'WFk2MDQ3MjE6NTEyMzQ1Njc=', idirect_user_name: 'JOHN SMITH' },
        Status: 200,
        Error: null,
      }),
    };
    const parsed = parseBreezeResponse(answer, breezeCustomerSchema, 'session');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const session = readBreezeSessionToken(parsed.data.session_token);
    expect(session).toEqual({ userId: 'XY604721', sessionKey: '51234567', sessionToken: 'WFk2MDQ3MjE6NTEyMzQ1Njc=' });
    expect(session && breezeStreamAuth(session)).toEqual({ user: 'XY604721', token: '51234567' });
    // The README's own placeholder token is not base64 of user:key, and is refused rather than half-read.
    expect(readBreezeSessionToken('SNjhweuihjndmsbdhjqgy*')).toBeNull();
    expect(readBreezeSessionToken(Buffer.from('nocolon').toString('base64'))).toBeNull();
  });

  it('tells the three customerdetails refusals apart: bad or expired session vs a bad app key', () => {
    const refusal = (error: string) => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ Success: null, Status: 500, Error: error }) });
    expect(parseBreezeResponse(refusal('Invalid session.'), breezeCustomerSchema, 'session')).toMatchObject({ ok: false, error: { kind: 'session-expired' } });
    expect(parseBreezeResponse(refusal('Resource not available.'), breezeCustomerSchema, 'session')).toMatchObject({ ok: false, error: { kind: 'session-expired' } });
    expect(parseBreezeResponse(refusal('Public Key does not exist.'), breezeCustomerSchema, 'session')).toMatchObject({ ok: false, error: { kind: 'rejected', message: 'Public Key does not exist.' } });
  });

  it('ends the session 24 h after login or at IST midnight, whichever is earlier', () => {
    const at0900 = Date.UTC(2025, 1, 5, 3, 30);
    expect(breezeSessionEndsAt(at0900)).toBe(Date.UTC(2025, 1, 5, 18, 30));
    const at2330 = Date.UTC(2025, 1, 5, 18, 0);
    expect(breezeSessionEndsAt(at2330)).toBe(Date.UTC(2025, 1, 5, 18, 30));
  });
});
