import { describe, expect, test } from 'vitest';
import { orderIntentSchema } from '../../../src-shared/orders/order-types';
import type { OrderEventPayload } from '../../../src-shared/orders/order-events';
import type { BrokerOrderReport } from '../broker-port';
import type { OrderRecord } from '../ledger/ledger-types';
import { foldOrder } from '../../../src-shared/orders/order-fold';
import { Plan } from './broker-sync';

/** The Plan with hand-made records: only events that fold are taken; brokers' repeats are dropped. */

function record(payloads: OrderEventPayload[], fills: Array<{ fillId: string; quantity: number; price: number }> = []): OrderRecord {
  const intent = orderIntentSchema.parse({
    clientOrderId: 'x', token: 1, side: 'BUY', orderType: 'L', product: 'MIS', validity: 'DAY', quantity: 10, price: 100, triggerPrice: null,
  });
  const all: OrderEventPayload[] = [{ type: 'INTENT', intent, parentClientOrderId: null }, ...payloads, ...fills.map((f) => ({ type: 'FILL' as const, ...f }))];
  const projection = foldOrder(all.map((payload, i) => ({ eventId: i + 1, clientOrderId: 'x', at: 1, payload })));
  return {
    meta: { orderId: 'o', parentOrderId: null, broker: 'paper', tradingsymbol: 'X', exchange: 'NSE' },
    projection, seq: all.length, fillIds: new Set(fills.map((f) => f.fillId)), fills,
  };
}

const report = (r: Partial<BrokerOrderReport>): BrokerOrderReport => ({
  clientOrderId: 'x', brokerOrderId: 'B1', status: 'OPEN', brokerStatus: 'OPEN', message: null, orderType: 'L',
  quantity: 10, price: 100, triggerPrice: null, filledQuantity: 0, trades: [], ...r,
});

const SENT: OrderEventPayload[] = [{ type: 'REQUEST_SENT', action: 'PLACE', request: {} }];
const OPEN: OrderEventPayload[] = [...SENT, { type: 'STATUS_CHANGED', status: 'OPEN', brokerStatus: null, message: null }];
const types = (plan: Plan) => plan.payloads.map((p) => p.type);

describe('Plan', () => {
  test('a place answer with an immediate part fill: ack, then the trade', () => {
    const plan = new Plan(record(SENT));
    plan.response('PLACE', { ok: true, brokerOrderId: 'B1', raw: {}, report: report({ trades: [{ tradeId: 't1', quantity: 4, price: 100, at: 1 }] }) });
    expect(types(plan)).toEqual(['RESPONSE_RECEIVED', 'STATUS_CHANGED', 'FILL']);
    expect(plan.projection).toMatchObject({ status: 'PARTIALLY_FILLED', brokerOrderId: 'B1' });
  });

  test('a refused place is REJECTED with the broker\'s reason', () => {
    const plan = new Plan(record(SENT));
    plan.response('PLACE', { ok: false, reason: 'RMS: margin', raw: {}, report: null });
    expect(plan.projection).toMatchObject({ status: 'REJECTED', statusMessage: 'RMS: margin' });
  });

  test('known trades and repeated statuses are dropped, not written twice', () => {
    const plan = new Plan(record(OPEN, [{ fillId: 't1', quantity: 4, price: 100 }]));
    plan.syncUpdate({ kind: 'fill', clientOrderId: 'x', brokerOrderId: 'B1', trade: { tradeId: 't1', quantity: 4, price: 100, at: 1 } });
    plan.syncUpdate({ kind: 'status', clientOrderId: 'x', brokerOrderId: 'B1', status: 'OPEN', brokerStatus: 'OPEN', message: null });
    expect(plan.payloads).toEqual([]);
    expect(plan.skipped).toEqual([]);
  });

  test('a cancel answered after a fill that beat it: the fill first, then the confirmation', () => {
    const plan = new Plan(record([...OPEN, { type: 'CANCEL_REQUESTED', reason: null }]));
    plan.response('CANCEL', { ok: true, brokerOrderId: 'B1', raw: {}, report: report({ status: 'CANCELLED', filledQuantity: 3, trades: [{ tradeId: 't9', quantity: 3, price: 99, at: 1 }] }) });
    expect(types(plan)).toEqual(['RESPONSE_RECEIVED', 'FILL', 'CANCEL_CONFIRMED']);
    expect(plan.projection).toMatchObject({ status: 'CANCELLED', filledQuantity: 3 });
  });

  test('a cancel refused because the order filled: the fills, and no CANCEL_REJECTED on a finished order', () => {
    const plan = new Plan(record([...OPEN, { type: 'CANCEL_REQUESTED', reason: null }]));
    plan.response('CANCEL', { ok: false, reason: 'complete', raw: {}, report: report({ status: 'FILLED', filledQuantity: 10, trades: [{ tradeId: 't2', quantity: 10, price: 100, at: 1 }] }) });
    expect(types(plan)).toEqual(['RESPONSE_RECEIVED', 'FILL']);
    expect(plan.projection.status).toBe('FILLED');
  });

  test('a modify confirmed before the fills it allowed (new quantity above the old)', () => {
    const plan = new Plan(record([...OPEN, { type: 'MODIFY_REQUESTED', changes: { quantity: 20 } }]));
    plan.response('MODIFY', { ok: true, brokerOrderId: 'B1', raw: {}, report: report({ quantity: 20, trades: [{ tradeId: 't3', quantity: 15, price: 100, at: 1 }] }) });
    expect(types(plan)).toEqual(['RESPONSE_RECEIVED', 'MODIFY_CONFIRMED', 'FILL']);
    expect(plan.projection).toMatchObject({ status: 'PARTIALLY_FILLED', quantity: 20, filledQuantity: 15 });
  });

  test('an event the fold refuses is skipped and noted, never taken', () => {
    const plan = new Plan(record(OPEN));
    expect(plan.add({ type: 'CANCEL_CONFIRMED' })).toBe(false);
    expect(plan.payloads).toEqual([]);
    expect(plan.skipped[0]).toMatch(/CANCEL_CONFIRMED/);
  });
});
