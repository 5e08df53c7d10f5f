import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { unavailableHandlers } from '../testing/fakes/handlers';
import { dispatch, type CallContext } from './registry';
import { brokersHandlers, forwardBrokerEvents } from './brokers';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { testLogger } from '../testing/kits/logger';
import { BrokerSecrets } from '../secrets/broker-secrets';
import type { CallOutcome } from '../../src-shared/contract/wire';

const ctx: CallContext = { transport: 'test' };
const PASS = 'a long test passphrase';
const SECRETS = { apiKey: 'kiteapikey0001', apiSecret: 'KITE-SECRET-9f8e7d', mpin: '135790', consumerKey: 'KOTAK-CK-abcdef', totpSecret: 'JBSWY3DPEHPK3PXP' };

let db: TestDatabase;
let secrets: BrokerSecrets;
const outcomes: CallOutcome[] = [];
const events: unknown[] = [];
// Secrets that appear during the run (the session token the fake adapter stores).
const SECRETS_SEEN: string[] = [];

async function call(method: string, args: unknown): Promise<CallOutcome> {
  const outcome = await dispatch({ ...unavailableHandlers(), ...brokersHandlers(secrets) }, method, args, ctx);
  outcomes.push(outcome);
  return outcome;
}

function fresh(guard = {}): BrokerSecrets {
  return new BrokerSecrets({ dataDir: db.dataDir, pool: () => db.service.pool(), keyring: null, log: testLogger(), guard });
}

beforeAll(async () => {
  db = await startTestDatabase();
  secrets = fresh({ freeFailures: 2, baseLockMs: 60_000 });
  await secrets.start();
  forwardBrokerEvents(secrets, (event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  await db?.cleanup();
});

describe('brokers.* with a real database (browser mode, passphrase key)', () => {
  test('locked at first: status says why, saving is refused without touching the table', async () => {
    const status = await call('brokers.status', {});
    expect(status).toMatchObject({ ok: true, result: { locked: true, keySource: 'passphrase', needsPassphraseSetup: true, accounts: [] } });
    const refused = await call('brokers.saveAccount', { broker: 'kite', accountId: 'main', fields: { apiKey: SECRETS.apiKey, apiSecret: SECRETS.apiSecret } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(!refused.ok && refused.error.message).toMatch(/^Tickdesk will not store broker secrets in plain text: /);
    const { rows } = await db.service.pool().query('SELECT count(*)::int AS n FROM broker_accounts');
    expect(rows[0]).toEqual({ n: 0 });
  });

  test('set the passphrase, save: the row holds no plaintext, load gives it back, list gives summaries', async () => {
    expect(await call('brokers.unlock', { passphrase: PASS })).toMatchObject({ ok: true, result: { locked: false, needsPassphraseSetup: false } });
    const saved = await call('brokers.saveAccount', { broker: 'kite', accountId: 'main', fields: { apiKey: SECRETS.apiKey, apiSecret: SECRETS.apiSecret, userId: 'AB1234' } });
    expect(saved).toMatchObject({ ok: true, result: { saved: true, account: { broker: 'kite', accountId: 'main', userId: 'AB1234', hasSession: false } } });
    const kotak = await call('brokers.saveAccount', { broker: 'kotak', accountId: 'neo', fields: { consumerKey: SECRETS.consumerKey, mobile: '9876543210', ucc: 'XY9Z1', mpin: SECRETS.mpin, totpSecret: SECRETS.totpSecret } });
    expect(kotak.ok).toBe(true);

    const { rows } = await db.service.pool().query<{ secrets_ciphertext: Buffer; secrets_nonce: Buffer; kdf_params: object }>('SELECT * FROM broker_accounts');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      for (const secret of Object.values(SECRETS)) expect(row.secrets_ciphertext.includes(Buffer.from(secret))).toBe(false);
      expect(row.secrets_nonce).toHaveLength(12);
      expect(JSON.stringify(row.kdf_params)).not.toContain(PASS);
    }
    expect(await secrets.store.load('kite', 'main')).toEqual({ broker: 'kite', accountId: 'main', fields: { apiKey: SECRETS.apiKey, apiSecret: SECRETS.apiSecret, userId: 'AB1234' } });
    const list = await secrets.store.list();
    expect(list.map((a) => Object.keys(a).sort())).toEqual([['accountId', 'broker', 'hasSession', 'updatedAt', 'userId'], ['accountId', 'broker', 'hasSession', 'updatedAt', 'userId']]);
  });

  test('an edit with empty fields keeps the stored secrets; a missing required field is refused', async () => {
    expect(await call('brokers.saveAccount', { broker: 'kite', accountId: 'main', fields: { apiKey: '', apiSecret: '', userId: 'AB1234' } })).toMatchObject({ ok: true });
    expect((await secrets.store.load('kite', 'main'))?.fields.apiSecret).toBe(SECRETS.apiSecret);
    expect(await call('brokers.saveAccount', { broker: 'kite', accountId: 'second', fields: { apiKey: 'only-the-key' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call('brokers.saveAccount', { broker: 'kotak', accountId: 'main', fields: { consumerKey: 'c', mobile: '9876543210', ucc: 'u', mpin: '1234' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  test('a ciphertext copied onto another account is refused (AAD binds it to its row)', async () => {
    await db.service.pool().query("INSERT INTO broker_accounts (account_id, broker, secrets_ciphertext, secrets_nonce, key_source, kdf_params) SELECT 'stolen', broker, secrets_ciphertext, secrets_nonce, key_source, kdf_params FROM broker_accounts WHERE account_id = 'main'");
    await expect(secrets.store.load('kite', 'stolen')).rejects.toThrow(/could not be decrypted/);
    await call('brokers.removeAccount', { broker: 'kite', accountId: 'stolen' });
  });

  test('completeLogin: NOT_FOUND without an adapter; with one, the session is stored and the prompt cleared', async () => {
    expect(await call('brokers.completeLogin', { broker: 'kite', accountId: 'main', requestToken: 'abcdef123456' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/No Kite adapter/) } });
    secrets.login.register({
      broker: 'kite',
      input: 'requestToken',
      async completeLogin(accountId, input, store) {
        const current = await store.load('kite', accountId);
        if (!current || input.requestToken !== 'abcdef123456') throw new Error('bad request token');
        await store.save({ ...current, fields: { ...current.fields, accessToken: 'ACCESS-TOKEN-zzz', accessTokenExpiresAt: String(Date.now() + 3_600_000) } });
      },
    });
    secrets.login.sessionExpired('kite', 'main', 'Kite session expired — log in again');
    expect(events).toEqual([{ event: 'brokers.sessionExpired', payload: { broker: 'kite', accountId: 'main', message: 'Kite session expired — log in again', input: 'requestToken' } }]);
    expect(await call('brokers.status', {})).toMatchObject({ ok: true, result: { expired: [{ accountId: 'main' }] } });
    const done = await call('brokers.completeLogin', { broker: 'kite', accountId: 'main', requestToken: 'abcdef123456' });
    expect(done).toMatchObject({ ok: true, result: { account: { accountId: 'main', hasSession: true } } });
    expect(await call('brokers.status', {})).toMatchObject({ ok: true, result: { expired: [] } });
    SECRETS_SEEN.push('ACCESS-TOKEN-zzz');
  });

  test('wrong passphrases are refused, throttled and audited without the passphrase', async () => {
    const other = fresh({ freeFailures: 2, baseLockMs: 60_000 });
    await other.start();
    expect(other.keys.needsPassphraseSetup()).toBe(false);
    const handlers = { ...unavailableHandlers(), ...brokersHandlers(other) };
    const tries: CallOutcome[] = [];
    for (const passphrase of ['wrong one', 'wrong two', 'wrong three', PASS]) tries.push(await dispatch(handlers, 'brokers.unlock', { passphrase }, ctx));
    expect(tries.map((t) => (t.ok ? 'ok' : t.error.message))).toEqual([
      expect.stringMatching(/Wrong passphrase/),
      expect.stringMatching(/Wrong passphrase/),
      expect.stringMatching(/Wrong passphrase/),
      expect.stringMatching(/Too many wrong passphrases; try again in 60 s/),
    ]);
    const { rows } = await db.service.pool().query<{ action: string; details: object }>("SELECT action, details FROM audit_log WHERE action LIKE 'secrets.%' OR action LIKE 'broker.%' ORDER BY id");
    expect(rows.filter((r) => r.action === 'secrets.unlockFailed')).toHaveLength(3);
    expect(rows.map((r) => r.action)).toContain('broker.accountAdd');
    const audit = JSON.stringify(rows);
    for (const secret of ['wrong one', 'wrong two', PASS, ...Object.values(SECRETS)]) expect(audit).not.toContain(secret);
  });

  test('no handler result ever carried a secret value', () => {
    const text = JSON.stringify(outcomes);
    expect(outcomes.length).toBeGreaterThan(10);
    for (const secret of [...Object.values(SECRETS), ...SECRETS_SEEN, PASS]) expect(text).not.toContain(secret);
  });
});


