/**
 * Shared fixtures for the Kotak adapter tests: one account, two instruments, and a
 * test server + logged-in session to run against.
 */
import type { BrokerPlaceRequest } from '../../../oms/broker-port';
import { kotakLogin, type KotakSession } from '../../../brokers/kotak/adapter/session';
import { totpFromSecret } from '../../../brokers/kotak/adapter/totp';
import type { InstrumentRef } from '../../../brokers/kotak/adapter/wire';
import { KotakTestServer, type KotakTestServerOptions } from './server';

export const ACCOUNT = {
  consumerKey: 'consumer-key-123',
  mobile: '+919800000000',
  ucc: 'AB123',
  mpin: '654321',
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};

export const NIFTY_FUT: InstrumentRef = { token: 51714 * 256 + 2, exchangeToken: 51714, tradingsymbol: 'NIFTY26JANFUT', exchange: 'NFO', tickSize: 10 };
export const RELIANCE: InstrumentRef = { token: 2885 * 256 + 1, exchangeToken: 2885, tradingsymbol: 'RELIANCE-EQ', exchange: 'NSE', tickSize: 10 };

export const instrumentOf = (token: number): InstrumentRef | null => [NIFTY_FUT, RELIANCE].find((i) => i.token === token) ?? null;

export async function startKotakServer(extra: Partial<KotakTestServerOptions> = {}): Promise<KotakTestServer> {
  const server = new KotakTestServer({ ...ACCOUNT, ...extra });
  await server.start();
  return server;
}

export async function logIn(server: KotakTestServer): Promise<KotakSession> {
  return kotakLogin(ACCOUNT, totpFromSecret(ACCOUNT.totpSecret, Date.now()) as string, { loginUrl: server.loginUrl, timeoutMs: 2_000 });
}

export function limitBuy(clientOrderId: string, overrides: Partial<BrokerPlaceRequest> = {}): BrokerPlaceRequest {
  return {
    clientOrderId, token: NIFTY_FUT.token, tradingsymbol: NIFTY_FUT.tradingsymbol, exchange: 'NFO', side: 'BUY', orderType: 'L',
    product: 'NRML', validity: 'DAY', quantity: 65, price: 2_412_350, triggerPrice: null, marketProtection: 0, algoId: null,
    amo: false, icebergLegs: null, ...overrides,
  };
}
