/**
 * Breeze's session: the API_Session the login page hands back is exchanged at
 * customerdetails for the session token that signs every later call.
 *
 *   GET customerdetails, Content-Type application/json, NO checksum, and a JSON body
 *   in the GET: {"SessionToken":"<API_Session>","AppKey":"<app key>"}
 *   → {"Success":{…,"session_token":"<base64 of user_id:session_key>"},"Status":200,"Error":null}
 *
 * The session key is valid "for 24 hrs or before midnight, whichever is earlier",
 * so a new login is needed every trading day. Breeze has no logout endpoint.
 */
import { z } from 'zod';
import { DAY_MS, IST_OFFSET_MS } from '../../../src-shared/market/ist-calendar';
import { breezeJson } from './checksum';
import { BREEZE_PATHS } from './endpoints';

export interface BreezeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the configurable API root. */
  path: string;
  /** The JSON body's fields in the order they are sent. */
  body: Record<string, string>;
}

export type BreezeSessionBuild = { ok: true; request: BreezeRequest; text: string } | { ok: false; reason: string };

export function buildBreezeCustomerDetails(apiSession: string, appKey: string): BreezeSessionBuild {
  if (!/^[A-Za-z0-9]{1,64}$/.test(apiSession)) return { ok: false, reason: 'the API_Session from the login page is letters and digits' };
  if (!/^[\x21-\x7e]{1,128}$/.test(appKey)) return { ok: false, reason: 'the Breeze app key is missing or has spaces' };
  const body = { SessionToken: apiSession, AppKey: appKey };
  return { ok: true, request: { method: 'GET', path: BREEZE_PATHS.customerDetails, body }, text: breezeJson(body) };
}

export const breezeCustomerSchema = z.looseObject({
  session_token: z.string().min(1),
  idirect_userid: z.string().nullish(),
  idirect_user_name: z.string().nullish(),
});

export interface BreezeSession {
  userId: string;
  sessionKey: string;
  /** What goes in X-SessionToken: base64("user_id:session_key"), as Breeze sent it. */
  sessionToken: string;
}

/** Decodes Success.session_token; null when it is not base64 of "user:key". */
export function readBreezeSessionToken(sessionToken: string): BreezeSession | null {
  const text = sessionToken.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1 || !/^[\x21-\x7e]+$/.test(decoded)) return null;
  return { userId: decoded.slice(0, colon), sessionKey: decoded.slice(colon + 1), sessionToken: text };
}

/** The Socket.IO CONNECT auth: the decoded halves, {user, token}. */
export function breezeStreamAuth(session: BreezeSession): { user: string; token: string } {
  return { user: session.userId, token: session.sessionKey };
}

/** Earlier of login + 24 h and the next IST midnight. */
export function breezeSessionEndsAt(loggedInAt: number): number {
  const nextMidnight = Math.floor((loggedInAt + IST_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - IST_OFFSET_MS;
  return Math.min(loggedInAt + DAY_MS, nextMidnight);
}
