/**
 * Client order ids for the ticket. The core answers a repeated client id with
 * the first order's result, so the ticket reuses an id exactly when the
 * trader re-submits the same intent after an attempt that got no answer (the
 * order may or may not have reached the core): the retry can never place a
 * second order. Any answered attempt, or any change to the form, takes a new id.
 */
import { clientOrderIdSchema } from '../../../../src-shared/orders/order-types';

export interface Attempt {
  /** intentKey() of what was sent. */
  key: string;
  clientOrderId: string;
  /** True once the core answered (placed, duplicate or rejected): the id is spent. */
  answered: boolean;
}

type RandomSource = Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>>;

/** "tk-" + a v4 uuid: 39 characters of [A-Za-z0-9-], inside the contract's charset and length. */
export function newClientOrderId(random: RandomSource = globalThis.crypto): string {
  const id = `tk-${typeof random.randomUUID === 'function' ? random.randomUUID() : uuidFromBytes(random)}`;
  // Belt and braces: a malformed id would be refused by the core's schema, far from its cause.
  return clientOrderIdSchema.parse(id);
}

/** randomUUID exists only in secure contexts; a page reached over plain http elsewhere may lack it. */
function uuidFromBytes(random: RandomSource): string {
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id to send for this intent, given the previous attempt. */
export function clientOrderIdFor(key: string, last: Attempt | null, make: () => string = newClientOrderId): string {
  return last !== null && !last.answered && last.key === key ? last.clientOrderId : make();
}
