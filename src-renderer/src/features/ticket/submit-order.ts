import type { TickdeskClient } from '../../../../src-shared/contract/client';
import { ContractError } from '../../../../src-shared/contract/errors';
import type { PlaceResult } from '../../../../src-shared/contract/domains/orders';
import { errorMessage } from '../../format/error-message';
import { clientOrderIdFor, type Attempt } from './client-order-id';
import { intentKey, type TicketIntent } from './ticket-form';

export type SubmitOutcome =
  /** Accepted (working, filled, or the first result of a duplicate id): the ticket may close. */
  | { kind: 'placed'; result: PlaceResult; attempt: Attempt }
  /** The core refused it (recorded as REJECTED in the ledger): the ticket stays and says why. */
  | { kind: 'rejected'; result: PlaceResult; message: string; attempt: Attempt }
  /** No answer, or an error envelope: whether it was placed is unknown until a retry with the same id. */
  | { kind: 'failed'; message: string; attempt: Attempt };

/** Places the intent with the right client id (fresh, or the unanswered previous one) and says what happened. */
export async function submitOrder(
  client: TickdeskClient,
  intent: TicketIntent,
  last: Attempt | null,
  makeId?: () => string,
): Promise<SubmitOutcome> {
  const key = intentKey(intent);
  const clientOrderId = clientOrderIdFor(key, last, makeId);
  const attempt: Attempt = { key, clientOrderId, answered: false };
  try {
    const result = await client.call('orders.place', { ...intent, clientOrderId });
    const answered: Attempt = { ...attempt, answered: true };
    if (result.status === 'REJECTED') {
      return { kind: 'rejected', result, message: result.message ?? 'The order was rejected (no reason given).', attempt: answered };
    }
    return { kind: 'placed', result, attempt: answered };
  } catch (error) {
    return { kind: 'failed', message: failureText(error), attempt };
  }
}

function failureText(error: unknown): string {
  if (error instanceof ContractError && error.code === 'VALIDATION') return error.message;
  const text = errorMessage(error);
  return `${text} — it is not known whether the order reached Tickdesk. Submitting the same order again is safe: it reuses the same order id, so it cannot be placed twice.`;
}
