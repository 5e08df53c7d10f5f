/**
 * When an Angel One session ends and when to refresh it, pure (the caller passes
 * the clock).
 *
 * Two sources disagree on the session's end (facts §A1, §D9): the docs say "active
 * till 12 midnight", an older admin post "till 5 am of the subsequent day". The plan
 * takes the EARLIER — midnight IST after login — unless told otherwise: a session
 * believed alive after it died fails orders, one renewed early costs a TOTP.
 *
 * generateTokens renews the JWT within the day; it cannot outlive the day's session,
 * which needs a new login with a fresh TOTP. So the plan refreshes only when the JWT's
 * own `exp` claim falls before the session's end, `leadMs` ahead of that.
 */
import { DAY_MS, IST_OFFSET_MS } from '../../../src-shared/market/ist-calendar';

export type AngelSessionPolicy = 'midnight' | 'five-am';

export interface AngelSessionPlan {
  /** The JWT's exp claim (epoch ms), null when it has none or cannot be read. */
  jwtExpiresAt: number | null;
  /** When the day's session ends: a new login (TOTP) is needed from then. */
  sessionEndsAt: number;
  /** When to call generateTokens; null when the JWT lasts the session. */
  refreshAt: number | null;
}

export interface AngelSessionInput {
  loggedInAt: number;
  jwt: string;
  policy?: AngelSessionPolicy;
  /** How long before the JWT expires to refresh it (default 10 minutes). */
  leadMs?: number;
}

export function planAngelSession(input: AngelSessionInput): AngelSessionPlan {
  const lead = input.leadMs ?? 10 * 60_000;
  const boundary = sessionBoundary(input.loggedInAt, input.policy ?? 'midnight');
  const jwtExpiresAt = readJwtExpiry(input.jwt);
  const refreshAt = jwtExpiresAt !== null && jwtExpiresAt < boundary ? Math.max(input.loggedInAt, jwtExpiresAt - lead) : null;
  return { jwtExpiresAt, sessionEndsAt: boundary, refreshAt };
}

export type AngelSessionState = 'valid' | 'refresh-due' | 'expired';

export function angelSessionState(plan: AngelSessionPlan, now: number): AngelSessionState {
  if (now >= plan.sessionEndsAt) return 'expired';
  if (plan.refreshAt !== null && now >= plan.refreshAt) return 'refresh-due';
  return 'valid';
}

/** The next IST midnight (or 05:00 IST) strictly after `at`. */
export function sessionBoundary(at: number, policy: AngelSessionPolicy): number {
  const offset = policy === 'midnight' ? 0 : 5 * 3_600_000;
  const istMs = at + IST_OFFSET_MS - offset;
  const nextIstDay = Math.floor(istMs / DAY_MS) * DAY_MS + DAY_MS;
  return nextIstDay - IST_OFFSET_MS + offset;
}

/** The `exp` claim (seconds) of a JWT as epoch ms; null when the token is not a readable JWT. */
export function readJwtExpiry(jwt: string): number | null {
  const parts = jwt.replace(/^Bearer\s+/i, '').split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1] ?? '')) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const exp = (claims as Record<string, unknown>).exp;
  return typeof exp === 'number' && Number.isSafeInteger(exp) && exp > 0 ? exp * 1000 : null;
}
