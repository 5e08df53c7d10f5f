import { ContractError, type EventPayload } from '../../src-shared/contract';
import { requiredBrokerFields } from '../../src-shared/contract/domains/brokers';
import { AccountConflictError } from '../secrets/pg-secret-store';
import { LoginUnavailableError, MissingFieldsError, UnlockThrottledError, type BrokerSecrets } from '../secrets/broker-secrets';
import { SecretStoreLockedError, WrongPassphraseError } from '../secrets/secret-store';
import type { DomainHandlers } from './registry';

type BrokersMethod = 'brokers.status' | 'brokers.unlock' | 'brokers.saveAccount' | 'brokers.removeAccount' | 'brokers.completeLogin';

/**
 * brokers.* over the contract. Every result is built from summaries (the
 * store's list()), never from credentials, and errors are re-worded so no
 * broker response or secret rides along in a message.
 */
export function brokersHandlers(secrets: BrokerSecrets): DomainHandlers<BrokersMethod> {
  return {
    'brokers.status': () => secrets.status(),
    'brokers.unlock': async ({ passphrase }, ctx) => {
      if (secrets.keys.keySource !== 'passphrase') throw new ContractError('CONFLICT', 'The OS keyring protects the broker secrets here; no passphrase is needed.');
      await guarded(() => secrets.unlock(passphrase, ctx.transport));
      return secrets.status();
    },
    'brokers.saveAccount': async ({ broker, accountId, fields }, ctx) => {
      const account = await guarded(() => secrets.saveAccount(broker, accountId, fields, requiredBrokerFields[broker], ctx.transport));
      return { saved: true as const, account };
    },
    'brokers.removeAccount': async ({ broker, accountId }, ctx) => ({ removed: await secrets.removeAccount(broker, accountId, ctx.transport) }),
    'brokers.completeLogin': async ({ broker, accountId, requestToken, totp }, ctx) => {
      const input = { ...(requestToken === undefined ? {} : { requestToken }), ...(totp === undefined ? {} : { totp }) };
      const account = await guarded(() => secrets.completeLogin(broker, accountId, input, ctx.transport));
      if (!account) throw new ContractError('NOT_FOUND', `No ${broker} account "${accountId}" is saved.`);
      return { account };
    },
  };
}

/** brokers.sessionExpired events from the adapters' login hooks. */
export function forwardBrokerEvents(secrets: BrokerSecrets, emit: (event: 'brokers.sessionExpired', payload: EventPayload<'brokers.sessionExpired'>) => void): () => void {
  return secrets.login.onSessionExpired((notice) => emit('brokers.sessionExpired', notice));
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toContractError(error);
  }
}

function toContractError(error: unknown): unknown {
  if (error instanceof ContractError) return error;
  if (error instanceof SecretStoreLockedError) return new ContractError('UNAVAILABLE', error.message);
  if (error instanceof WrongPassphraseError) return new ContractError('UNAUTHORIZED', error.message);
  if (error instanceof UnlockThrottledError) return new ContractError('UNAUTHORIZED', error.message, { retryAfterMs: error.waitMs });
  if (error instanceof LoginUnavailableError) return new ContractError('NOT_FOUND', error.message);
  if (error instanceof MissingFieldsError) return new ContractError('VALIDATION', error.message, error.fields.map((path) => ({ path: `fields.${path}`, message: 'required' })));
  if (error instanceof AccountConflictError) return new ContractError('CONFLICT', error.message);
  return error;
}
