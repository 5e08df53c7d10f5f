/**
 * The daily Kite login for the Settings prompt (secrets/login-hooks.ts): the trader
 * opens Kite's login page, comes back with a request token, and this exchanges it
 * for the day's access token with the documented checksum, saves it encrypted
 * through the SecretStore and renews the live session. The API secret is read from
 * the store for the exchange and goes nowhere but the checksum.
 */
import { z } from 'zod';
import type { BrokerLoginHandler, LoginInput } from '../../../secrets/login-hooks';
import type { SecretStore } from '../../../secrets/secret-store';
import { buildKiteSessionRequest } from '../login-checksum';
import { KiteRest } from './kite-rest';
import { KiteSession, nextKiteReset } from './kite-session';

const sessionDataSchema = z.looseObject({ access_token: z.string().min(1), user_id: z.string().nullish() });

export interface KiteLoginOptions {
  restRoot: string;
  /** Kite's login page root (default https://kite.zerodha.com/connect/login). */
  loginPage?: string;
  timeoutMs?: number;
  now?: () => number;
  /** Where the API key is read for the login page link. */
  store?: SecretStore;
  /** The live session to renew after a login (the adapters' shared session). */
  onLoggedIn?: (accountId: string, accessToken: string, expiresAt: number) => void;
}

export class KiteLoginHandler implements BrokerLoginHandler {
  readonly broker = 'kite' as const;
  readonly input = 'requestToken' as const;

  constructor(private readonly options: KiteLoginOptions) {}

  /** Needs the API key; the wiring passes a store so the key is read, never cached here. */
  async loginUrl(accountId: string): Promise<string | null> {
    const apiKey = this.options.store ? (await this.options.store.load('kite', accountId))?.fields.apiKey : undefined;
    if (!apiKey) return null;
    const page = this.options.loginPage ?? 'https://kite.zerodha.com/connect/login';
    return `${page}?v=3&api_key=${encodeURIComponent(apiKey)}`;
  }

  async completeLogin(accountId: string, input: LoginInput, store: SecretStore): Promise<void> {
    const requestToken = input.requestToken?.trim();
    if (!requestToken) throw new Error('Paste the request token from the Kite login redirect.');
    const credentials = await store.load('kite', accountId);
    const apiKey = credentials?.fields.apiKey;
    const apiSecret = credentials?.fields.apiSecret;
    if (!credentials || !apiKey || !apiSecret) throw new Error('Enter the Kite API key and secret in Settings first.');
    const result = await exchangeRequestToken({ ...this.options, apiKey, apiSecret, requestToken });
    await store.save({
      ...credentials,
      fields: {
        ...credentials.fields,
        accessToken: result.accessToken,
        accessTokenExpiresAt: String(result.expiresAt),
        ...(result.userId ? { userId: result.userId } : {}),
      },
    });
    this.options.onLoggedIn?.(accountId, result.accessToken, result.expiresAt);
  }
}

export interface TokenExchange {
  restRoot: string;
  apiKey: string;
  apiSecret: string;
  requestToken: string;
  timeoutMs?: number;
  now?: () => number;
}

/** POST /session/token; throws an Error with a trader-readable message when refused. */
export async function exchangeRequestToken(x: TokenExchange): Promise<{ accessToken: string; userId: string | null; expiresAt: number }> {
  // The exchange is unauthenticated: a throwaway session carries only the key.
  const rest = new KiteRest({ restRoot: x.restRoot, session: new KiteSession({ apiKey: x.apiKey }), timeoutMs: x.timeoutMs ?? 10_000 });
  const request = buildKiteSessionRequest(x.apiKey, x.requestToken, x.apiSecret);
  const parsed = await rest.call(request, sessionDataSchema, false);
  if (!parsed.ok) throw new Error(`Kite login failed: ${parsed.error.message}`);
  const now = (x.now ?? Date.now)();
  return { accessToken: parsed.data.access_token, userId: parsed.data.user_id ?? null, expiresAt: nextKiteReset(now) };
}
