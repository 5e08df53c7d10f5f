import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerCredentials, BrokerId, SecretStore } from '../../../secrets/secret-store';
import type { KotakTestServer } from '../../../testing/venues/kotak/server';
import { ACCOUNT, startKotakServer } from '../../../testing/venues/kotak/fixtures';
import { KotakLoginHandler } from './login-handler';
import { KotakLoginError, kotakLogin, sessionFromFields } from './session';
import { totpFromSecret } from './totp';

/** An in-memory stand-in for the encrypted store: same interface, no disk. */
function memoryStore(fields: Record<string, string>): SecretStore & { saved: BrokerCredentials[] } {
  let current: BrokerCredentials = { broker: 'kotak', accountId: 'main', fields };
  const saved: BrokerCredentials[] = [];
  return {
    keySource: 'passphrase', saved,
    unlocked: () => true,
    save: async (c) => { saved.push(c); current = c; },
    load: async (broker: BrokerId, accountId: string) => (broker === 'kotak' && accountId === 'main' ? current : null),
    list: async () => [],
    remove: async () => {},
  };
}

const now = () => Date.now();
let server: KotakTestServer;
beforeAll(async () => { server = await startKotakServer(); });
afterAll(async () => { await server.stop(); });

describe('Kotak login: TOTP then MPIN', () => {
  it('logs in with the stored TOTP secret and saves the session with its base URL', async () => {
    const store = memoryStore({ consumerKey: ACCOUNT.consumerKey, mobile: ACCOUNT.mobile, ucc: ACCOUNT.ucc, mpin: ACCOUNT.mpin, totpSecret: ACCOUNT.totpSecret });
    const logins: string[] = [];
    const handler = new KotakLoginHandler({ loginUrl: server.loginUrl, timeoutMs: 2_000, onLogin: (id) => logins.push(id) });
    await handler.completeLogin('main', {}, store);
    const fields = store.saved.at(-1)?.fields ?? {};
    expect(fields.sessionToken).toMatch(/^trade-/);
    expect(fields.baseUrl).toBe(server.baseUrl);
    expect(fields.mpin).toBe(ACCOUNT.mpin); // the account itself is kept
    const session = sessionFromFields(fields, now());
    expect(session?.baseUrl).toBe(server.baseUrl);
    expect(session && session.expiresAt > now()).toBe(true);
    expect(sessionFromFields(fields, (session?.expiresAt ?? 0) + 1)).toBeNull(); // daily expiry
    expect(logins).toEqual(['main']);
  });

  it('logs in with a TOTP the trader types', async () => {
    const store = memoryStore({ consumerKey: ACCOUNT.consumerKey, mobile: ACCOUNT.mobile, ucc: ACCOUNT.ucc, mpin: ACCOUNT.mpin });
    const handler = new KotakLoginHandler({ loginUrl: server.loginUrl, timeoutMs: 2_000 });
    await expect(handler.completeLogin('main', {}, store)).rejects.toThrow(/Type the 6-digit TOTP/);
    await handler.completeLogin('main', { totp: totpFromSecret(ACCOUNT.totpSecret, now()) as string }, store);
    expect(store.saved).toHaveLength(1);
  });

  it('refuses a wrong TOTP and a wrong MPIN with messages that say which', async () => {
    const wrongTotp = kotakLogin(ACCOUNT, '000000', { loginUrl: server.loginUrl });
    await expect(wrongTotp).rejects.toMatchObject({ kind: 'totp', message: expect.stringMatching(/refused the TOTP.*Invalid credentials or TOTP/) });
    const good = totpFromSecret(ACCOUNT.totpSecret, now()) as string;
    const wrongMpin = kotakLogin({ ...ACCOUNT, mpin: '111111' }, good, { loginUrl: server.loginUrl });
    await expect(wrongMpin).rejects.toMatchObject({ kind: 'mpin', message: expect.stringMatching(/refused the MPIN: Invalid MPIN/) });
    const wrongKey = kotakLogin({ ...ACCOUNT, consumerKey: 'nope' }, good, { loginUrl: server.loginUrl });
    await expect(wrongKey).rejects.toMatchObject({ kind: 'credentials' });
    await expect(kotakLogin(ACCOUNT, '12ab', { loginUrl: server.loginUrl })).rejects.toBeInstanceOf(KotakLoginError);
  });

  it('says so when the login answers with a web page or not at all', async () => {
    const good = totpFromSecret(ACCOUNT.totpSecret, now()) as string;
    server.fault('/tradeApiLogin', { kind: 'html' });
    await expect(kotakLogin(ACCOUNT, good, { loginUrl: server.loginUrl })).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/web page/) });
    server.fault('/tradeApiValidate', { kind: 'drop' });
    await expect(kotakLogin(ACCOUNT, good, { loginUrl: server.loginUrl })).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/Could not reach/) });
  });
});
