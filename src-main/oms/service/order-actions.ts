import { ContractError } from '../../../src-shared/contract/errors';
import type { Order } from '../../../src-shared/contract/domains/orders';
import { isTerminalStatus, type OrderIntent, type OrderModification } from '../../../src-shared/orders/order-types';
import type { BrokerCancelRequest, BrokerModifyRequest, BrokerResponse } from '../broker-port';
import type { OrderRecord } from '../ledger/ledger-types';
import { canTransition } from '../../../src-shared/orders/order-state';
import { validateIntent } from '../validation';
import { Plan } from './broker-sync';
import type { OmsContext } from './context';
import { orderView } from './order-views';
import { writeOrderEvents } from './order-writer';

/**
 * Modify and cancel of working orders. The request is written (MODIFY_REQUESTED /
 * CANCEL_REQUESTED and REQUEST_SENT) before the broker call, the answer after it. A
 * sliced order is modified or cancelled slice by slice.
 *
 * A modify the order's rules refuse is still recorded (MODIFY_REQUESTED, MODIFY_REJECTED)
 * and answered with the order; only an order that cannot take a modify at all (finished,
 * still SENT, another request in flight) is a CONFLICT error.
 */

export interface ActionHooks {
  outcomeUnknown(clientOrderId: string): void;
  /** An order still SENT (no broker id yet) is cancelled as soon as its acknowledgement is recorded. */
  cancelAfterAck(clientOrderId: string): void;
}

/** The records behind an order id: the order itself, or every slice of a sliced order. */
export async function resolveOrder(ctx: OmsContext, orderId: string): Promise<OrderRecord[]> {
  const { rows } = await ctx.pool.query<{ order_id: string }>(
    'SELECT order_id FROM orders WHERE order_id = $1 OR parent_order_id = $1', [orderId]);
  if (rows.length === 0) throw new ContractError('NOT_FOUND', `No order ${orderId}`);
  const cached = [...ctx.ledger.cachedRecords()].filter((r) => rows.some((row) => row.order_id === r.meta.orderId));
  if (cached.length === rows.length) return cached;
  return ctx.ledger.warm(rows.map((r) => r.order_id));
}

export async function modifyOrder(ctx: OmsContext, hooks: ActionHooks, orderId: string, changes: OrderModification): Promise<Order> {
  const records = await resolveOrder(ctx, orderId);
  // Addressed by the parent's id: a sliced order (one slice addressed by its own id is an order like any other).
  const sliced = records.length > 1 || records[0]?.meta.orderId !== orderId;
  if (sliced && changes.quantity !== undefined) {
    throw new ContractError('VALIDATION', 'The quantity of a sliced order cannot be modified; cancel it and place a new one.');
  }
  const working = records.filter((r) => !isTerminalStatus(r.projection.status));
  if (working.length === 0) throw new ContractError('CONFLICT', `Order ${orderId} is finished and cannot be modified.`);
  for (const record of working) {
    await ctx.orderLock.run(record.projection.clientOrderId, () => modifyOne(ctx, hooks, record.projection.clientOrderId, changes, !sliced));
  }
  return view(ctx, orderId);
}

async function modifyOne(ctx: OmsContext, hooks: ActionHooks, clientOrderId: string, changes: OrderModification, strict: boolean): Promise<void> {
  const record = (await ctx.ledger.record(clientOrderId)) as OrderRecord;
  const p = record.projection;
  if (!canTransition(p.state, { type: 'MODIFY_REQUEST' }) || p.brokerOrderId === null) {
    if (!strict) return;
    throw new ContractError('CONFLICT', `Order ${clientOrderId} cannot be modified while ${p.status}.`);
  }
  const refusal = modificationRefusal(ctx, record, changes);
  if (refusal) {
    await writeOrderEvents(ctx, clientOrderId, [{ type: 'MODIFY_REQUESTED', changes }, { type: 'MODIFY_REJECTED', reason: refusal }]);
    return;
  }
  const request: BrokerModifyRequest = { clientOrderId, brokerOrderId: p.brokerOrderId, amo: p.amo, icebergLegs: p.icebergLegs, ...changes };
  await writeOrderEvents(ctx, clientOrderId, [
    { type: 'MODIFY_REQUESTED', changes },
    { type: 'REQUEST_SENT', action: 'MODIFY', request: ctx.broker.encode({ action: 'MODIFY', request }) },
  ]);
  await answer(ctx, hooks, clientOrderId, 'MODIFY', () => ctx.broker.modify(request));
}

/** The order's rules applied to its terms after the change (tick grid, lots, type fields). */
function modificationRefusal(ctx: OmsContext, record: OrderRecord, changes: OrderModification): string | null {
  const p = record.projection;
  const instrument = ctx.quotes.instruments().get(p.token);
  if (!instrument) return `No instrument with token ${p.token} in today's master.`;
  // Kite's modify carries no leg fields: a new quantity would leave the legs' size undefined.
  if (p.icebergLegs !== null && changes.quantity !== undefined && changes.quantity !== p.quantity) {
    return 'The quantity of an iceberg order cannot be modified; cancel it and place a new one.';
  }
  const quantity = changes.quantity ?? p.quantity;
  if (quantity <= p.filledQuantity) return `The new quantity ${quantity} must be above the ${p.filledQuantity} already filled.`;
  const modified: OrderIntent = {
    clientOrderId: p.parentClientOrderId ?? p.clientOrderId, token: p.token, side: p.side, product: p.product,
    validity: p.validity, quantity, orderType: changes.orderType ?? p.orderType,
    price: changes.price !== undefined ? changes.price : p.price,
    triggerPrice: changes.triggerPrice !== undefined ? changes.triggerPrice : p.triggerPrice,
    marketProtection: p.marketProtection, strategyId: p.strategyId, algoId: p.algoId,
    amo: p.amo, icebergLegs: p.icebergLegs,
  };
  const result = validateIntent(modified, instrument, { ltp: ctx.quotes.latestQuote(p.token)?.ltp ?? null });
  return result.ok ? null : result.reason;
}

export async function cancelOrder(ctx: OmsContext, hooks: ActionHooks, orderId: string, reason: string | null): Promise<Order> {
  const records = await resolveOrder(ctx, orderId);
  const working = records.filter((r) => !isTerminalStatus(r.projection.status));
  if (working.length === 0) throw new ContractError('CONFLICT', `Order ${orderId} is already finished.`);
  const strict = records.length === 1 && records[0]?.meta.orderId === orderId;
  for (const record of working) {
    await ctx.orderLock.run(record.projection.clientOrderId, () => cancelOne(ctx, hooks, record.projection.clientOrderId, reason, strict));
  }
  return view(ctx, orderId);
}

/** Cancels one order if it can be cancelled now; returns whether a cancel was sent or recorded. */
export async function cancelOne(ctx: OmsContext, hooks: ActionHooks, clientOrderId: string, reason: string | null, strict = false): Promise<boolean> {
  const record = (await ctx.ledger.record(clientOrderId)) as OrderRecord;
  const p = record.projection;
  if (p.status === 'PENDING_LOCAL') {
    // A slice not yet sent: it never reaches the broker.
    await writeOrderEvents(ctx, clientOrderId, [{ type: 'REJECTED', reason: reason ?? 'Cancelled before it was sent.' }]);
    return true;
  }
  if (p.status === 'SENT' || p.brokerOrderId === null) {
    hooks.cancelAfterAck(clientOrderId);
    return false;
  }
  if (!canTransition(p.state, { type: 'CANCEL_REQUEST' })) {
    if (strict) throw new ContractError('CONFLICT', `Order ${clientOrderId} cannot be cancelled while ${p.status}.`);
    return false;
  }
  const request: BrokerCancelRequest = { clientOrderId, brokerOrderId: p.brokerOrderId, amo: p.amo, icebergLegs: p.icebergLegs };
  await writeOrderEvents(ctx, clientOrderId, [
    { type: 'CANCEL_REQUESTED', reason },
    { type: 'REQUEST_SENT', action: 'CANCEL', request: ctx.broker.encode({ action: 'CANCEL', request }) },
  ]);
  await answer(ctx, hooks, clientOrderId, 'CANCEL', () => ctx.broker.cancel(request));
  return true;
}

async function answer(ctx: OmsContext, hooks: ActionHooks, clientOrderId: string, action: 'MODIFY' | 'CANCEL', call: () => Promise<BrokerResponse>): Promise<void> {
  let response: BrokerResponse;
  try {
    response = await call();
  } catch (error) {
    ctx.log.warn(`${action.toLowerCase()}: the broker did not answer; reconciling later`, { clientOrderId, error: (error as Error).message });
    hooks.outcomeUnknown(clientOrderId);
    return;
  }
  const plan = new Plan((await ctx.ledger.record(clientOrderId)) as OrderRecord);
  plan.response(action, response);
  if (plan.skipped.length > 0) ctx.log.warn(`${action.toLowerCase()} response: events the order could not take`, { clientOrderId, skipped: plan.skipped });
  await writeOrderEvents(ctx, clientOrderId, plan.payloads);
}

async function view(ctx: OmsContext, orderId: string): Promise<Order> {
  return orderView(await resolveOrder(ctx, orderId));
}
