/**
 * Reads a broker account from the secret store and turns "cannot" into the sentence
 * the trader sees (on a refused order, in the feed's health line).
 */
import type { BrokerCredentials, BrokerId, SecretStore } from '../../secrets/secret-store';

const LABEL: Record<BrokerId, string> = { kite: 'Kite', kotak: 'Kotak' };

export type AccountLoad = { ok: true; credentials: BrokerCredentials } | { ok: false; reason: string };

export function notSetUp(broker: BrokerId, accountId: string, what = ''): string {
  return `${LABEL[broker]} account "${accountId}" is not set up${what}: add it in Settings`;
}

export async function loadAccount(store: SecretStore, broker: BrokerId, accountId: string, required: readonly string[]): Promise<AccountLoad> {
  if (!store.unlocked()) return { ok: false, reason: `The broker secrets are locked: unlock them in Settings to use ${LABEL[broker]} account "${accountId}"` };
  let credentials: BrokerCredentials | null;
  try {
    credentials = await store.load(broker, accountId);
  } catch (error) {
    return { ok: false, reason: `${LABEL[broker]} account "${accountId}" could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!credentials) return { ok: false, reason: notSetUp(broker, accountId) };
  const missing = required.filter((name) => !credentials.fields[name]);
  if (missing.length > 0) return { ok: false, reason: notSetUp(broker, accountId, ` (missing ${missing.join(', ')})`) };
  return { ok: true, credentials };
}
