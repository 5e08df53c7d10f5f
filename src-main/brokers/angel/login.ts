/**
 * Angel One login, token refresh and logout: request bodies and the token answer.
 *
 *   login   POST loginByPassword {clientcode, password, totp[, state]}
 *   refresh POST generateTokens  {refreshToken}   (Authorization: the current Bearer)
 *   logout  POST logout          {clientcode}
 *
 * `password` is the trader's MPIN, not the web password, and `totp` is the current
 * 6-digit RFC 6238 code; TOTP is needed only at login. The answer's data holds
 * jwtToken, refreshToken and feedToken; a jwtToken that already carries "Bearer "
 * (the Python SDK rewrites it so) is accepted and stored bare.
 *
 * Strict in what is sent: the MPIN is 4 to 6 digits (Angel's is 4; a longer one is
 * let through rather than locking a trader out), the TOTP exactly 6 digits, the client
 * code letters and digits. A bad input is a reason, not a request.
 */
import { z } from 'zod';
import { ANGEL_PATHS } from './rest-paths';

export interface AngelRequest {
  method: 'GET' | 'POST';
  /** Relative to the configurable REST root. */
  path: string;
  /** The JSON body exactly as sent; null for a GET. */
  body: Record<string, string> | null;
}

export type AngelLoginCode = 'BAD_CLIENT_CODE' | 'BAD_MPIN' | 'BAD_TOTP' | 'BAD_STATE' | 'BAD_TOKEN';
export type AngelLoginBuild = { ok: true; request: AngelRequest } | { ok: false; code: AngelLoginCode; reason: string };

const CLIENT_CODE_RE = /^[A-Za-z0-9]{1,20}$/;
const fail = (code: AngelLoginCode, reason: string): AngelLoginBuild => ({ ok: false, code, reason });

export interface AngelLoginInput {
  clientCode: string;
  mpin: string;
  totp: string;
  /** Echoed back by Angel; lets a caller match an answer to its request. */
  state?: string;
}

export function buildAngelLogin(input: AngelLoginInput): AngelLoginBuild {
  if (!CLIENT_CODE_RE.test(input.clientCode)) return fail('BAD_CLIENT_CODE', 'the Angel One client code is letters and digits');
  if (!/^\d{4,6}$/.test(input.mpin)) return fail('BAD_MPIN', 'the Angel One MPIN is 4 digits (not the web password)');
  if (!/^\d{6}$/.test(input.totp)) return fail('BAD_TOTP', 'the TOTP code is 6 digits');
  const body: Record<string, string> = { clientcode: input.clientCode, password: input.mpin, totp: input.totp };
  if (input.state !== undefined) {
    if (!/^[\x20-\x7e]{1,64}$/.test(input.state)) return fail('BAD_STATE', 'state must be printable ASCII, at most 64 characters');
    body.state = input.state;
  }
  return { ok: true, request: { method: 'POST', path: ANGEL_PATHS.login, body } };
}

export function buildAngelRefresh(refreshToken: string): AngelLoginBuild {
  if (!isTokenText(refreshToken)) return fail('BAD_TOKEN', 'the refresh token is missing or malformed');
  return { ok: true, request: { method: 'POST', path: ANGEL_PATHS.refresh, body: { refreshToken } } };
}

export function buildAngelLogout(clientCode: string): AngelLoginBuild {
  if (!CLIENT_CODE_RE.test(clientCode)) return fail('BAD_CLIENT_CODE', 'the Angel One client code is letters and digits');
  return { ok: true, request: { method: 'POST', path: ANGEL_PATHS.logout, body: { clientcode: clientCode } } };
}

/** Printable ASCII without spaces: what can go in a header or a JSON string unescaped. */
export function isTokenText(value: string): boolean {
  return /^[\x21-\x7e]{1,4096}$/.test(value);
}

/** "Bearer abc" or "abc" → "abc". */
export function bareJwt(value: string): string {
  return value.replace(/^Bearer\s+/i, '');
}

const token = z.string().transform((v) => bareJwt(v.trim())).pipe(z.string().refine(isTokenText, 'not a token'));

/** Login and refresh both answer these three tokens. */
export const angelTokensSchema = z.looseObject({
  jwtToken: token,
  refreshToken: token,
  feedToken: token,
  state: z.string().nullish(),
});

export interface AngelTokens {
  /** Without the "Bearer " prefix; rest-headers.ts adds it. */
  jwt: string;
  refresh: string;
  feed: string;
  state: string | null;
}

export function toAngelTokens(data: z.infer<typeof angelTokensSchema>): AngelTokens {
  return { jwt: data.jwtToken, refresh: data.refreshToken, feed: data.feedToken, state: data.state ?? null };
}
