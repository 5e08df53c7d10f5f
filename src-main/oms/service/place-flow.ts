import { randomUUID } from 'node:crypto';
import type { Order, PlaceResult } from '../../../src-shared/contract/domains/orders';
import type { OrderEventPayload } from '../../../src-shared/orders/order-events';
import type { OrderIntent } from '../../../src-shared/orders/order-types';
import type { BrokerPlaceRequest } from '../broker-port';
import { pgErrorInfo } from '../../db/app-transaction';
import type { OrderMeta, OrderRecord } from '../ledger/ledger-types';
import { sendDelayMs } from '../risk';
import { assess } from './assess';
import { Plan } from './broker-sync';
import type { OmsContext } from './context';
import { openOrders, topView, writeOrderEvents, type NewOrder } from './order-writer';

/**
 * intent → validation → risk → slicing → REQUEST_SENT in the ledger → broker → response.
 *
 * Every refusal is an order in the ledger (INTENT + VALIDATION_FAILED or RISK_REJECTED)
 * and answered, not thrown. A lone order is opened with its REQUEST_SENT in one
 * transaction (the write that must precede the call); slices are opened together as
 * PENDING_LOCAL, then each is sent in turn, paced to the order-rate limit.
 */

export interface PlaceHooks {
  /** After a place response was recorded (cancel-after-ack, the kill switch). */
  afterAck(record: OrderRecord): void;
  /** The broker's answer was lost: ask it later what became of the order. */
  outcomeUnknown(clientOrderId: string): void;
  engageKillSwitch(reason: string): Promise<void>;
}

const PASSED: OrderEventPayload[] = [{ type: 'VALIDATION_PASSED' }, { type: 'RISK_PASSED' }];

export function resultOf(order: Order, duplicate: boolean): PlaceResult {
  return { orderId: order.orderId, clientOrderId: order.clientOrderId, status: order.status, message: order.statusMessage, duplicate };
}

/** The unique indexes that make a second INTENT for a client order id impossible (0005, 0010). */
const ONE_ORDER_PER_CLIENT_ID = new Set(['order_events_intent_client_id', 'order_events_intent_root_client_id']);

export async function placeOrder(ctx: OmsContext, hooks: PlaceHooks, intent: OrderIntent): Promise<PlaceResult> {
  // Orders of this session are in memory; an older one is found by the database refusing a second INTENT.
  const cached = ctx.ledger.cached(intent.clientOrderId) ?? ctx.ledger.cached(`${intent.clientOrderId}.1`);
  if (cached) return resultOf(topView(ctx, cached), true);
  try {
    return await placeNew(ctx, hooks, intent);
  } catch (error) {
    if (!ONE_ORDER_PER_CLIENT_ID.has(pgErrorInfo(error).constraint ?? '')) throw error;
    const again = await findExisting(ctx, intent.clientOrderId);
    if (!again) throw error;
    return resultOf(again, true);
  }
}

async function placeNew(ctx: OmsContext, hooks: PlaceHooks, intent: OrderIntent): Promise<PlaceResult> {
  const now = ctx.clock();
  const verdict = assess(ctx, intent, now);
  const meta: OrderMeta = {
    orderId: randomUUID(), parentOrderId: null, broker: ctx.broker.name,
    tradingsymbol: verdict.instrument?.tradingsymbol ?? `#${intent.token}`, exchange: verdict.instrument?.exchange ?? 'UNKNOWN',
  };
  const intentPayload = { type: 'INTENT' as const, intent, parentClientOrderId: null };
  const refuse = async (more: OrderEventPayload[]) => {
    const [record] = await openOrders(ctx, [{ meta, intent: intentPayload, more }]);
    return resultOf(topView(ctx, record as OrderRecord), false);
  };
  if (!verdict.validation.ok) {
    const { code, reason } = verdict.validation;
    return refuse([{ type: 'VALIDATION_FAILED', code, reason }]);
  }
  if (verdict.risk && !verdict.risk.ok) {
    const { code, reason } = verdict.risk;
    const result = await refuse([{ type: 'VALIDATION_PASSED' }, { type: 'RISK_REJECTED', code, reason }]);
    if ('tripKillSwitch' in verdict.risk && verdict.risk.tripKillSwitch) await hooks.engageKillSwitch(reason);
    return result;
  }

  if (verdict.slices.length <= 1) {
    return ctx.orderLock.run(intent.clientOrderId, async () => {
      const request = placeRequest(intent, meta);
      const sent: OrderEventPayload = { type: 'REQUEST_SENT', action: 'PLACE', request: ctx.broker.encode({ action: 'PLACE', request }) };
      await openOrders(ctx, [{ meta, intent: intentPayload, more: [...PASSED, sent] }]);
      ctx.risk.noteSent(ctx.clock());
      return resultOf(topView(ctx, await callPlace(ctx, hooks, intent.clientOrderId, request)), false);
    });
  }

  const parentOrderId = randomUUID();
  const slices: NewOrder[] = verdict.slices.map((slice) => ({
    meta: { ...meta, orderId: randomUUID(), parentOrderId },
    intent: { type: 'INTENT', intent: slice.intent, parentClientOrderId: intent.clientOrderId },
    more: PASSED,
  }));
  let last = (await openOrders(ctx, slices)).at(-1) as OrderRecord;
  for (const slice of slices) last = await sendSlice(ctx, hooks, slice.intent.intent.clientOrderId);
  return resultOf(topView(ctx, last), false);
}

/** Sends one PENDING_LOCAL slice, paced to the order rate; a slice refused meanwhile is skipped. */
async function sendSlice(ctx: OmsContext, hooks: PlaceHooks, clientOrderId: string): Promise<OrderRecord> {
  const wait = sendDelayMs(ctx.risk.recentSends(), ctx.clock(), ctx.risk.settings.maxOrdersPerSecond);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return ctx.orderLock.run(clientOrderId, async () => {
    const record = await ctx.ledger.record(clientOrderId);
    if (!record) throw new Error(`Slice ${clientOrderId} is missing from the ledger`);
    if (record.projection.status !== 'PENDING_LOCAL') return record;
    if (ctx.risk.engaged) {
      return writeOrderEvents(ctx, clientOrderId, [{ type: 'REJECTED', reason: 'The kill switch is on: this slice was not sent.' }]);
    }
    const request = requestOf(record);
    await writeOrderEvents(ctx, clientOrderId, [{ type: 'REQUEST_SENT', action: 'PLACE', request: ctx.broker.encode({ action: 'PLACE', request }) }]);
    ctx.risk.noteSent(ctx.clock());
    return callPlace(ctx, hooks, clientOrderId, request);
  });
}

/** The broker call and its recorded answer; the caller holds the order's lock. */
async function callPlace(ctx: OmsContext, hooks: PlaceHooks, clientOrderId: string, request: BrokerPlaceRequest): Promise<OrderRecord> {
  let response;
  try {
    response = await ctx.broker.place(request);
  } catch (error) {
    ctx.log.warn('place: the broker did not answer; the order stays SENT until reconciled', { clientOrderId, error: (error as Error).message });
    hooks.outcomeUnknown(clientOrderId);
    return (await ctx.ledger.record(clientOrderId)) as OrderRecord;
  }
  const plan = new Plan((await ctx.ledger.record(clientOrderId)) as OrderRecord);
  plan.response('PLACE', response);
  if (plan.skipped.length > 0) ctx.log.warn('place response: events the order could not take', { clientOrderId, skipped: plan.skipped });
  const record = await writeOrderEvents(ctx, clientOrderId, plan.payloads);
  hooks.afterAck(record);
  return record;
}

function placeRequest(intent: OrderIntent, meta: OrderMeta): BrokerPlaceRequest {
  return {
    clientOrderId: intent.clientOrderId, token: intent.token, tradingsymbol: meta.tradingsymbol, exchange: meta.exchange,
    side: intent.side, orderType: intent.orderType, product: intent.product, validity: intent.validity,
    quantity: intent.quantity, price: intent.price, triggerPrice: intent.triggerPrice,
    marketProtection: intent.marketProtection, algoId: intent.algoId,
    amo: intent.amo, icebergLegs: intent.icebergLegs,
  };
}

export function requestOf(record: OrderRecord): BrokerPlaceRequest {
  const p = record.projection;
  return placeRequest(
    { clientOrderId: p.clientOrderId, token: p.token, side: p.side, orderType: p.orderType, product: p.product, validity: p.validity,
      quantity: p.quantity, price: p.price, triggerPrice: p.triggerPrice, marketProtection: p.marketProtection,
      strategyId: p.strategyId, algoId: p.algoId, amo: p.amo, icebergLegs: p.icebergLegs },
    record.meta,
  );
}

/** The order already placed under this client id (itself, or its slices), or null. */
export async function findExisting(ctx: OmsContext, clientOrderId: string): Promise<Order | null> {
  const cached = ctx.ledger.cached(clientOrderId) ?? ctx.ledger.cached(`${clientOrderId}.1`);
  if (cached) return topView(ctx, cached);
  const { rows } = await ctx.pool.query<{ order_id: string; parent_order_id: string | null }>(
    `SELECT order_id, parent_order_id FROM order_events WHERE event_type = 'INTENT' AND client_order_id IN ($1, $2)`,
    [clientOrderId, `${clientOrderId}.1`],
  );
  const row = rows[0];
  if (!row) return null;
  const ids = row.parent_order_id === null ? [row.order_id] : await sliceIds(ctx, row.parent_order_id);
  const [record] = await ctx.ledger.warm(ids);
  return record ? topView(ctx, record) : null;
}

async function sliceIds(ctx: OmsContext, parentOrderId: string): Promise<string[]> {
  const { rows } = await ctx.pool.query<{ order_id: string }>(
    `SELECT order_id FROM order_events WHERE event_type = 'INTENT' AND parent_order_id = $1`, [parentOrderId]);
  return rows.map((r) => r.order_id);
}
