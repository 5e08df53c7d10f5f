import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src-shared/contract/errors';
import type { PlaceResult } from '../../../../src-shared/contract/domains/orders';
import { anyClientOrderIdSchema, clientOrderIdSchema } from '../../../../src-shared/orders/order-types';
import { fakeClient } from '../orders/test-fakes';
import { clientOrderIdFor, newClientOrderId } from './client-order-id';
import { submitOrder } from './submit-order';
import type { TicketIntent } from './ticket-form';

const intent: TicketIntent = {
  token: 1_900_100_001,
  side: 'BUY',
  orderType: 'L',
  product: 'CNC',
  validity: 'DAY',
  quantity: 10,
  price: 250_000,
  triggerPrice: null,
  marketProtection: 0,
  strategyId: 'manual',
  algoId: null,
};
const ORDER_ID = '00000000-0000-4000-8000-000000000001';

describe('client order ids', () => {
  it('are fresh, in the contract charset and free of the slice separator', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newClientOrderId()));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(clientOrderIdSchema.safeParse(id).success).toBe(true);
      expect(id).not.toContain('.');
      expect(anyClientOrderIdSchema.safeParse(`${id}.1`).success).toBe(true);
    }
  });

  it('fall back to getRandomValues where randomUUID is missing (not a secure context)', () => {
    const id = newClientOrderId({ getRandomValues: <T extends ArrayBufferView | null>(array: T) => array });
    expect(id).toBe('tk-00000000-0000-4000-8000-000000000000');
  });

  it('are reused only for the same intent after an unanswered attempt', () => {
    const make = () => 'tk-new';
    expect(clientOrderIdFor('k', null, make)).toBe('tk-new');
    expect(clientOrderIdFor('k', { key: 'k', clientOrderId: 'tk-old', answered: false }, make)).toBe('tk-old');
    expect(clientOrderIdFor('k', { key: 'k', clientOrderId: 'tk-old', answered: true }, make)).toBe('tk-new');
    expect(clientOrderIdFor('k2', { key: 'k', clientOrderId: 'tk-old', answered: false }, make)).toBe('tk-new');
  });
});

describe('submitting', () => {
  it('re-sends the same client id after a network error, then takes a fresh one once answered', async () => {
    const sent: string[] = [];
    let failNext = true;
    const client = fakeClient({
      'orders.place': (args) => {
        sent.push(args.clientOrderId);
        if (failNext) {
          failNext = false;
          throw new ContractError('UNAVAILABLE', 'Connection lost');
        }
        return { orderId: ORDER_ID, clientOrderId: args.clientOrderId, status: 'OPEN', message: null, duplicate: false } satisfies PlaceResult;
      },
    });
    let n = 0;
    const make = () => `tk-${++n}`;

    const first = await submitOrder(client, intent, null, make);
    expect(first.kind).toBe('failed');
    expect(first.kind === 'failed' && first.message).toContain('same order id');
    const retry = await submitOrder(client, intent, first.attempt, make);
    expect(retry.kind).toBe('placed');
    const next = await submitOrder(client, intent, retry.attempt, make);
    expect(next.kind).toBe('placed');
    expect(sent).toEqual(['tk-1', 'tk-1', 'tk-2']);
  });

  it('reports a rejection with the core’s reason and spends the id', async () => {
    const client = fakeClient({
      'orders.place': (args) => ({
        orderId: ORDER_ID,
        clientOrderId: args.clientOrderId,
        status: 'REJECTED',
        message: 'Price ₹2,500.03 is not a multiple of the tick size ₹0.05.',
        duplicate: false,
      }),
    });
    const outcome = await submitOrder(client, { ...intent, price: 250_003 }, null, () => 'tk-x');
    expect(outcome).toMatchObject({ kind: 'rejected', message: 'Price ₹2,500.03 is not a multiple of the tick size ₹0.05.' });
    expect(outcome.attempt.answered).toBe(true);
  });

  it('shows a validation envelope as it is', async () => {
    const client = fakeClient({
      'orders.place': () => {
        throw new ContractError('VALIDATION', 'quantity: Invalid input');
      },
    });
    const outcome = await submitOrder(client, intent, null, () => 'tk-y');
    expect(outcome).toMatchObject({ kind: 'failed', message: 'quantity: Invalid input' });
  });
});
