/**
 * Angel One's error codes (ang-docs 03-error-codes.md) → the contract's error kinds.
 *
 * Only the TOKEN codes end the day's session: AG8001 invalid, AG8002 expired and
 * AG8003 missing token, AB8050 invalid and AB8051 expired refresh token. Every other
 * refusal stays a refusal of that one call. AB1010 "AMX Session Expired" and AB1011
 * "Client not login" name Angel's back-office order session, not our token; they are
 * refusals (the trader sees Angel's words and can log in again), so one odd answer
 * from the back office cannot log the trader out and stop the feed.
 * The "try after sometime" and internal codes are the broker's own trouble.
 */

export type AngelErrorKind =
  /** One of the token codes (or a Kite-style TokenException): prompt the trader to log in. */
  | 'session-expired'
  /** HTTP 429, or 403 "exceeding rate limit": pause and retry. */
  | 'rate-limited'
  /** The broker refused this request. */
  | 'rejected'
  /** Angel's own trouble (AB1004, AB1007, AB2000, AB2001, HTTP 5xx). */
  | 'broker-unavailable'
  /** Not JSON, or JSON of an unknown shape. */
  | 'bad-response';

export const ANGEL_ERROR_CODES: ReadonlyMap<string, { meaning: string; kind: AngelErrorKind }> = new Map(
  (
    [
      ['AG8001', 'Invalid Token', 'session-expired'],
      ['AG8002', 'Token Expired', 'session-expired'],
      ['AG8003', 'Token missing', 'session-expired'],
      ['AB8050', 'Invalid Refresh Token', 'session-expired'],
      ['AB8051', 'Refresh Token Expired', 'session-expired'],
      ['AB1000', 'Invalid Email Or Password', 'rejected'],
      ['AB1001', 'Invalid Email', 'rejected'],
      ['AB1002', 'Invalid Password Length', 'rejected'],
      ['AB1003', 'Client Already Exists', 'rejected'],
      ['AB1004', 'Something Went Wrong, Please Try After Sometime', 'broker-unavailable'],
      ['AB1005', 'User Type Must Be USER', 'rejected'],
      ['AB1006', 'Client Is Block For Trading', 'rejected'],
      ['AB1007', 'AMX Error', 'broker-unavailable'],
      ['AB1008', 'Invalid Order Variety', 'rejected'],
      ['AB1009', 'Symbol Not Found', 'rejected'],
      ['AB1010', 'AMX Session Expired', 'rejected'],
      ['AB1011', 'Client not login', 'rejected'],
      ['AB1012', 'Invalid Product Type', 'rejected'],
      ['AB1013', 'Order not found', 'rejected'],
      ['AB1014', 'Trade not found', 'rejected'],
      ['AB1015', 'Holding not found', 'rejected'],
      ['AB1016', 'Position not found', 'rejected'],
      ['AB1017', 'Position conversion failed', 'rejected'],
      ['AB1018', 'Failed to get symbol details', 'rejected'],
      ['AB2000', 'Error not specified', 'broker-unavailable'],
      ['AB2001', 'Internal Error, Please try after sometime', 'broker-unavailable'],
      ['AB1031', 'Old Password Mismatch', 'rejected'],
      ['AB1032', 'User Not Found', 'rejected'],
      ['AB2002', 'ROBO order is block', 'rejected'],
      ['AB4008', 'ordertag length should be less than 20 characters', 'rejected'],
    ] as const
  ).map(([code, meaning, kind]) => [code, { meaning, kind }]),
);

export interface AngelErrorFacts {
  httpStatus: number;
  code: string | null;
  message: string;
  /** A Kite-style error_type, which the Python SDK still honours. */
  errorType: string | null;
}

export function classifyAngelError(facts: AngelErrorFacts): AngelErrorKind {
  const known = facts.code === null ? undefined : ANGEL_ERROR_CODES.get(facts.code.toUpperCase());
  if (known?.kind === 'session-expired' || facts.errorType === 'TokenException') return 'session-expired';
  if (facts.httpStatus === 429 || (facts.httpStatus === 403 && /rate limit/i.test(facts.message))) return 'rate-limited';
  if (known !== undefined) return known.kind;
  if (facts.httpStatus >= 500) return 'broker-unavailable';
  return 'rejected';
}
