/**
 * Kotak Neo's two-step login (API v2): tradeApiLogin with mobile, UCC and a TOTP gives
 * a VIEW token and sid; tradeApiValidate with the MPIN (headers sid + Auth = view
 * token) gives the TRADE token, its sid and the per-user base URL every later call
 * goes to. Both steps carry the consumer key ("access token" from the NEO dashboard)
 * in Authorization and `neo-fin-key: neotradeapi`.
 *
 * Kotak's sessions end daily. We do not know the exact hour, so a session is taken
 * as valid until the end of the IST day it was made (00:00 IST next day); an earlier
 * end shows up as a 401/9009xx, which the broker turns into the same "log in again".
 */
import { z } from 'zod';
import { describeNonJson, readBody, type HttpAnswer } from '../../kite/http-body';
import { kotakHttp, KotakNetworkError } from './kotak-http';

export const KOTAK_LOGIN_URL = 'https://mis.kotaksecurities.com/login/1.0';
export const SESSION_EXPIRED_MESSAGE = 'Kotak session expired — log in again';

export interface KotakSession {
  token: string;
  sid: string;
  baseUrl: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface KotakAccount {
  consumerKey: string;
  /** With ISD code: "+91…". */
  mobile: string;
  ucc: string;
  mpin: string;
}

export type KotakLoginFailure = 'credentials' | 'totp' | 'mpin' | 'unavailable';

export class KotakLoginError extends Error {
  constructor(readonly kind: KotakLoginFailure, message: string) {
    super(message);
    this.name = 'KotakLoginError';
  }
}

const tokenData = z.object({
  data: z.looseObject({ token: z.string().min(1), sid: z.string().min(1), baseUrl: z.string().optional(), kType: z.string().optional() }),
});
const errorBody = z.looseObject({ message: z.string(), errorCode: z.union([z.string(), z.number()]).optional() });
const gatewayBody = z.looseObject({ code: z.union([z.string(), z.number()]).transform(String), message: z.string() });

export interface LoginOptions {
  loginUrl?: string;
  timeoutMs?: number;
  now?: number;
}

export async function kotakLogin(account: KotakAccount, totp: string, options: LoginOptions = {}): Promise<KotakSession> {
  const base = (options.loginUrl ?? KOTAK_LOGIN_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const headers = { Authorization: account.consumerKey, 'neo-fin-key': 'neotradeapi', 'Content-Type': 'application/json' };
  if (!/^\d{6}$/.test(totp.trim())) throw new KotakLoginError('totp', 'The TOTP must be the 6 digits your authenticator app shows.');

  const view = await step('totp', () =>
    kotakHttp({ method: 'POST', url: `${base}/tradeApiLogin`, headers, body: JSON.stringify({ mobileNumber: account.mobile, ucc: account.ucc, totp: totp.trim() }), timeoutMs }));
  const trade = await step('mpin', () =>
    kotakHttp({ method: 'POST', url: `${base}/tradeApiValidate`, headers: { ...headers, sid: view.sid, Auth: view.token }, body: JSON.stringify({ mpin: account.mpin }), timeoutMs }));
  if (!trade.baseUrl) throw new KotakLoginError('unavailable', 'Kotak logged you in but gave no base URL for trading; try again.');
  return { token: trade.token, sid: trade.sid, baseUrl: trade.baseUrl.replace(/\/+$/, ''), expiresAt: endOfIstDay(options.now ?? Date.now()) };
}

async function step(which: 'totp' | 'mpin', call: () => Promise<HttpAnswer>): Promise<{ token: string; sid: string; baseUrl?: string | undefined }> {
  let answer: HttpAnswer;
  try {
    answer = await call();
  } catch (error) {
    if (error instanceof KotakNetworkError) throw new KotakLoginError('unavailable', `Could not reach Kotak's login: ${error.message}`);
    throw error;
  }
  const reading = readBody(answer);
  if (reading.kind !== 'json') throw new KotakLoginError('unavailable', `Kotak's login failed: ${describeNonJson(answer.status, reading)}`);
  const ok = tokenData.safeParse(reading.value);
  if (answer.status === 200 && ok.success) return ok.data.data;
  const gateway = gatewayBody.safeParse(reading.value);
  if (gateway.success && /^9009\d\d$/.test(gateway.data.code)) {
    throw new KotakLoginError('credentials', `Kotak refused the consumer key (access token from the NEO dashboard): ${gateway.data.message}`);
  }
  const error = errorBody.safeParse(reading.value);
  const said = error.success ? error.data.message : `HTTP ${answer.status}`;
  if (answer.status === 401 || answer.status === 403 || answer.status === 422) {
    throw which === 'totp'
      ? new KotakLoginError('totp', `Kotak refused the TOTP or the account details (mobile, UCC): ${said}`)
      : new KotakLoginError('mpin', `Kotak refused the MPIN: ${said}`);
  }
  throw new KotakLoginError('unavailable', `Kotak's login failed (HTTP ${answer.status}): ${said}`);
}

/** 00:00 IST after `now`: a Kotak session does not outlive its trading day. */
export function endOfIstDay(now: number): number {
  const ist = 330 * 60_000;
  const day = 86_400_000;
  return Math.floor((now + ist) / day) * day + day - ist;
}

/** The stored credential fields of a session (see secrets/secret-store.ts). */
export function sessionFields(session: KotakSession): Record<string, string> {
  return { sessionToken: session.token, sessionSid: session.sid, baseUrl: session.baseUrl, sessionExpiresAt: String(session.expiresAt) };
}

/** A usable session from stored fields, or null when none is stored or it has expired. */
export function sessionFromFields(fields: Record<string, string>, now: number): KotakSession | null {
  const { sessionToken, sessionSid, baseUrl, sessionExpiresAt } = fields;
  const expiresAt = Number(sessionExpiresAt);
  if (!sessionToken || !sessionSid || !baseUrl || !Number.isFinite(expiresAt) || expiresAt <= now) return null;
  return { token: sessionToken, sid: sessionSid, baseUrl, expiresAt };
}
