import { describe, expect, it } from 'vitest';
import { angelSessionState, planAngelSession, readJwtExpiry, sessionBoundary } from './session-expiry';

/** 2026-03-02 09:00 IST = 03:30 UTC. */
const LOGIN = Date.UTC(2026, 2, 2, 3, 30);
const MIDNIGHT_IST = Date.UTC(2026, 2, 2, 18, 30); // 2026-03-03 00:00 IST
const FIVE_AM_IST = Date.UTC(2026, 2, 2, 23, 30); // 2026-03-03 05:00 IST

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS512' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('Angel One session plan', () => {
  it('ends the session at the next IST midnight by default, or 05:00 IST when told (§D9)', () => {
    expect(sessionBoundary(LOGIN, 'midnight')).toBe(MIDNIGHT_IST);
    expect(sessionBoundary(LOGIN, 'five-am')).toBe(FIVE_AM_IST);
    // A login at 00:30 IST ends that same night; one at 03:00 IST under five-am ends at 05:00 the same morning.
    expect(sessionBoundary(Date.UTC(2026, 2, 2, 19, 0), 'midnight')).toBe(Date.UTC(2026, 2, 3, 18, 30));
    expect(sessionBoundary(Date.UTC(2026, 2, 2, 21, 30), 'five-am')).toBe(FIVE_AM_IST);
  });

  it('reads the JWT exp claim and plans a refresh ahead of it when the JWT ends before the session', () => {
    const exp = Math.floor((LOGIN + 6 * 3_600_000) / 1000);
    const token = jwt({ sub: 'S123', exp });
    expect(readJwtExpiry(token)).toBe(exp * 1000);
    expect(readJwtExpiry(`Bearer ${token}`)).toBe(exp * 1000);
    const plan = planAngelSession({ loggedInAt: LOGIN, jwt: token });
    expect(plan).toEqual({ jwtExpiresAt: exp * 1000, sessionEndsAt: MIDNIGHT_IST, refreshAt: exp * 1000 - 600_000 });
    expect(angelSessionState(plan, LOGIN + 3_600_000)).toBe('valid');
    expect(angelSessionState(plan, exp * 1000 - 1)).toBe('refresh-due');
    expect(angelSessionState(plan, MIDNIGHT_IST)).toBe('expired');
  });

  it('needs no refresh when the JWT outlives the session or carries no exp', () => {
    expect(planAngelSession({ loggedInAt: LOGIN, jwt: jwt({ exp: Math.floor(MIDNIGHT_IST / 1000) + 3600 }) }).refreshAt).toBeNull();
    expect(planAngelSession({ loggedInAt: LOGIN, jwt: 'opaque-token' })).toEqual({ jwtExpiresAt: null, sessionEndsAt: MIDNIGHT_IST, refreshAt: null });
    expect(readJwtExpiry(jwt({ exp: 'soon' }))).toBeNull();
    expect(readJwtExpiry('a.%%%.c')).toBeNull();
  });
});
