import { describe, expect, it } from 'vitest';
import { orderEventPayloadSchema, type OrderEventPayload, type OrderLedgerEvent } from './order-events';
import { orderIntentSchema, type OrderIntentInput } from './order-types';
import {
  OrderLedgerError,
  applyOrderEvent,
  averageFillPaise,
  averageFillRupees,
  foldOrder,
  foldOrders,
} from './order-fold';
import { IllegalTransition } from './order-state';

const intent = (over: Partial<OrderIntentInput> = {}) =>
  orderIntentSchema.parse({
    clientOrderId: 'ord-1',
    token: 12345,
    side: 'BUY',
    orderType: 'L',
    product: 'NRML',
    validity: 'DAY',
    quantity: 65,
    price: 2_400_000,
    triggerPrice: null,
    ...over,
  });

/** Builds a ledger for one order with ids 1, 2, 3 … and times 1000, 1001 … */
function ledger(clientOrderId: string, payloads: OrderEventPayload[], firstId = 1): OrderLedgerEvent[] {
  return payloads.map((payload, i) => ({ eventId: firstId + i, clientOrderId, at: 1000 + i, payload }));
}

const INTENT = (over: Partial<OrderIntentInput> = {}): OrderEventPayload => ({
  type: 'INTENT', intent: intent(over), parentClientOrderId: null,
});
const SENT: OrderEventPayload[] = [
  { type: 'VALIDATION_PASSED' },
  { type: 'RISK_PASSED' },
  { type: 'REQUEST_SENT', action: 'PLACE', request: { qt: '65' } },
  { type: 'RESPONSE_RECEIVED', action: 'PLACE', response: { nOrdNo: 'B1' }, brokerOrderId: 'B1' },
];
const status = (s: 'OPEN' | 'TRIGGER_PENDING' | 'CANCELLED', message: string | null = null): OrderEventPayload => ({
  type: 'STATUS_CHANGED', status: s, brokerStatus: null, message,
});
const fill = (fillId: string, quantity: number, price: number): OrderEventPayload => ({ type: 'FILL', fillId, quantity, price });

describe('order fold', () => {
  it('folds a limit order through two fills to FILLED with an exact average', () => {
    const order = foldOrder(
      ledger('ord-1', [INTENT(), ...SENT, status('OPEN'), fill('T1', 30, 2_400_005), fill('T2', 35, 2_400_010)]),
    );
    expect(order.status).toBe('FILLED');
    expect(order.brokerOrderId).toBe('B1');
    expect(order.filledQuantity).toBe(65);
    // 30 × 2,400,005 + 35 × 2,400,010 = 72,000,150 + 84,000,350 = 156,000,500 paise
    expect(order.fillValue).toBe(156_000_500n);
    // 156,000,500 / 65 = 2,400,007.6923… paise → 2,400,008 shown; ₹24,000.076923… → "24000.0769" stored
    expect(averageFillPaise(order)).toBe(2_400_008);
    expect(averageFillRupees(order)).toBe('24000.0769');
    expect(order.lastEventId).toBe(8);
    expect(order.createdAt).toBe(1000);
    expect(order.updatedAt).toBe(1007);
  });

  it('keeps fill value exact beyond 2^53', () => {
    const big = foldOrder(ledger('big', [INTENT({ clientOrderId: 'big', quantity: 3_000_000 }), ...SENT,
      fill('T1', 3_000_000, 9_999_999_999)]));
    expect(big.fillValue).toBe(29_999_999_997_000_000n);
    expect(averageFillPaise(big)).toBe(9_999_999_999);
  });

  it('records a validation failure as REJECTED with the reason', () => {
    const order = foldOrder(ledger('ord-1', [INTENT(), {
      type: 'VALIDATION_FAILED', code: 'PRICE_OFF_TICK', reason: 'Price ₹24,000.03 is not a multiple of the tick ₹0.05.',
    }]));
    expect(order.status).toBe('REJECTED');
    expect(order.statusMessage).toMatch(/tick/);
  });

  it('a broker reject after send keeps the broker message', () => {
    const order = foldOrder(ledger('ord-1', [INTENT(), ...SENT, { type: 'REJECTED', reason: 'RMS: Rule: Check freeze quantity' }]));
    expect(order.status).toBe('REJECTED');
    expect(order.statusMessage).toBe('RMS: Rule: Check freeze quantity');
  });

  it('applies a confirmed modify, with a fill arriving while it was pending', () => {
    const order = foldOrder(ledger('ord-1', [
      INTENT(), ...SENT, status('OPEN'),
      { type: 'MODIFY_REQUESTED', changes: { price: 2_399_000, quantity: 130 } },
      fill('T1', 30, 2_400_000),
      { type: 'REQUEST_SENT', action: 'MODIFY', request: {} },
      { type: 'RESPONSE_RECEIVED', action: 'MODIFY', response: {}, brokerOrderId: 'B1' },
      { type: 'MODIFY_CONFIRMED' },
    ]));
    expect(order.status).toBe('PARTIALLY_FILLED');
    expect(order.price).toBe(2_399_000);
    expect(order.quantity).toBe(130);
    expect(order.filledQuantity).toBe(30);
    expect(order.pendingModification).toBeNull();
  });

  it('a fill that completes the order during a modify finishes it; the late confirmation is refused', () => {
    const events = ledger('ord-1', [
      INTENT(), ...SENT, status('OPEN'),
      { type: 'MODIFY_REQUESTED', changes: { price: 2_399_000 } },
      fill('T1', 65, 2_400_000),
      { type: 'MODIFY_CONFIRMED' },
    ]);
    const filled = foldOrder(events.slice(0, -1));
    expect(filled.status).toBe('FILLED');
    expect(filled.pendingModification).toBeNull();
    expect(() => foldOrder(events)).toThrow(IllegalTransition);
  });

  it('a refused modify drops the pending change and says why', () => {
    const order = foldOrder(ledger('ord-1', [
      INTENT(), ...SENT, status('OPEN'),
      { type: 'MODIFY_REQUESTED', changes: { price: 2_399_000 } },
      { type: 'MODIFY_REJECTED', reason: 'Order already being modified.' },
    ]));
    expect(order.status).toBe('OPEN');
    expect(order.price).toBe(2_400_000);
    expect(order.pendingModification).toBeNull();
    expect(order.statusMessage).toBe('Order already being modified.');
  });

  it('follows a stop order through its trigger and ignores repeated OPEN reports', () => {
    const events = ledger('sl', [
      INTENT({ clientOrderId: 'sl', orderType: 'SL', triggerPrice: 2_399_500 }), ...SENT,
      status('TRIGGER_PENDING'), status('TRIGGER_PENDING'), status('OPEN'), status('OPEN'),
    ]);
    expect(foldOrder(events.slice(0, 6)).status).toBe('TRIGGER_PENDING');
    expect(foldOrder(events).status).toBe('OPEN');
  });

  it('a modify from SL to L moves the order from the trigger book to the open book', () => {
    const order = foldOrder(ledger('sl', [
      INTENT({ clientOrderId: 'sl', orderType: 'SL', triggerPrice: 2_399_500 }), ...SENT, status('TRIGGER_PENDING'),
      { type: 'MODIFY_REQUESTED', changes: { orderType: 'L', triggerPrice: null } },
      { type: 'MODIFY_CONFIRMED' },
    ]));
    expect(order.status).toBe('OPEN');
    expect(order.orderType).toBe('L');
    expect(order.triggerPrice).toBeNull();
  });

  it('cancels: a CANCELLED report while cancel is pending confirms it', () => {
    const order = foldOrder(ledger('ord-1', [
      INTENT(), ...SENT, status('OPEN'), { type: 'CANCEL_REQUESTED', reason: 'kill switch' }, status('CANCELLED'),
    ]));
    expect(order.status).toBe('CANCELLED');
    expect(order.statusMessage).toBe('kill switch');
  });

  it('an IOC remainder cancelled by the venue keeps what was filled', () => {
    const order = foldOrder(ledger('ioc', [
      INTENT({ clientOrderId: 'ioc', validity: 'IOC' }), ...SENT, fill('T1', 20, 2_400_000),
      status('CANCELLED', 'IOC remainder cancelled'),
    ]));
    expect(order.status).toBe('CANCELLED');
    expect(order.filledQuantity).toBe(20);
    expect(order.statusMessage).toBe('IOC remainder cancelled');
  });

  it('refuses a ledger that contradicts itself', () => {
    expect(() => foldOrder(ledger('ord-1', [status('OPEN')]))).toThrow(OrderLedgerError);
    expect(() => foldOrder([])).toThrow(OrderLedgerError);
    expect(() => foldOrder(ledger('ord-1', [INTENT(), ...SENT, fill('T1', 60, 1), fill('T2', 10, 1)]))).toThrow(/overfills/);
    expect(() => foldOrder(ledger('ord-1', [INTENT(), ...SENT,
      { type: 'RESPONSE_RECEIVED', action: 'PLACE', response: {}, brokerOrderId: 'B2' }]))).toThrow(/Broker order id changed/);
    expect(() => foldOrder(ledger('ord-1', [INTENT(), INTENT()]))).toThrow(/already has its INTENT/);
    expect(() => foldOrder(ledger('ord-1', [INTENT(), { type: 'MODIFY_CONFIRMED' }]))).toThrow(IllegalTransition);
    expect(() => foldOrder(ledger('ord-1', [INTENT(), fill('T1', 1, 1)]))).toThrow(IllegalTransition);
    expect(() => foldOrder(ledger('ord-1', [INTENT(), ...SENT, status('OPEN'),
      { type: 'MODIFY_REQUESTED', changes: { quantity: 10 } }, fill('T1', 20, 1), { type: 'MODIFY_CONFIRMED' }]))).toThrow(/leaves nothing/);
    expect(() => foldOrder(ledger('x', [INTENT()]))).toThrow(/filed under/);
    const [first, second] = ledger('ord-1', [INTENT(), { type: 'VALIDATION_PASSED' }]);
    if (!first || !second) throw new Error('fixture');
    expect(() => applyOrderEvent(applyOrderEvent(null, first), { ...second, eventId: 1 })).toThrow(/out of order/);
  });

  it('refuses a decision recorded after the order left', () => {
    expect(() => foldOrder(ledger('ord-1', [INTENT(), ...SENT, { type: 'RISK_PASSED' }]))).toThrow(OrderLedgerError);
  });

  it('rebuilds many orders from an interleaved ledger and equals step-by-step application', () => {
    const a = ledger('a', [INTENT({ clientOrderId: 'a' }), ...SENT, status('OPEN'), fill('T1', 65, 2_400_000)]);
    const b = ledger('b', [INTENT({ clientOrderId: 'b', side: 'SELL' }), { type: 'RISK_REJECTED', code: 'KILL_SWITCH', reason: 'Kill switch is on.' }]);
    const interleaved: OrderLedgerEvent[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      for (const e of [a[i], b[i]]) if (e) interleaved.push({ ...e, eventId: interleaved.length + 1 });
    }
    const all = foldOrders(interleaved);
    expect(all.get('a')?.status).toBe('FILLED');
    expect(all.get('b')?.status).toBe('REJECTED');
    expect(all.get('a')).toEqual(foldOrder(interleaved.filter((e) => e.clientOrderId === 'a')));
  });

  it('does not mutate the projection it was given', () => {
    const [e1, e2] = ledger('ord-1', [INTENT(), { type: 'VALIDATION_FAILED', code: 'X', reason: 'no' }]);
    if (!e1 || !e2) throw new Error('fixture');
    const before = applyOrderEvent(null, e1);
    const after = applyOrderEvent(before, e2);
    expect(before.status).toBe('PENDING_LOCAL');
    expect(after.status).toBe('REJECTED');
  });

  it('carries the variety from the intent, and an INTENT written before varieties existed folds as a regular order', () => {
    expect(foldOrder(ledger('ord-1', [INTENT({ amo: true })]))).toMatchObject({ amo: true, icebergLegs: null });
    expect(foldOrder(ledger('ord-1', [INTENT({ icebergLegs: 3, quantity: 195 })]))).toMatchObject({ amo: false, icebergLegs: 3 });
    // The INTENT payload as stored before this change: no amo, no icebergLegs.
    const old = orderEventPayloadSchema.parse({
      type: 'INTENT', parentClientOrderId: null,
      intent: { clientOrderId: 'ord-1', token: 12345, side: 'BUY', orderType: 'L', product: 'NRML', validity: 'DAY', quantity: 65,
        price: 2_400_000, triggerPrice: null, marketProtection: 0, strategyId: 'manual', algoId: null },
    });
    const folded = foldOrder(ledger('ord-1', [old, ...SENT]));
    expect(folded).toEqual(foldOrder(ledger('ord-1', [INTENT(), ...SENT])));
    expect(folded).toMatchObject({ amo: false, icebergLegs: null, status: 'SENT' });
  });
});
