import type { Fill, Order } from '../../../src-shared/contract/domains/orders';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import { formatInr } from '../../../src-shared/money';
import type { OrderEventPayload } from '../../../src-shared/orders/order-events';
import type { OrderMeta, OrderRecord } from '../ledger/ledger-types';
import type { OmsContext } from './context';
import { fillBooking } from './fill-booking';
import { orderView } from './order-views';
import { positionToWire } from './position-book';

/**
 * The one way the OMS writes: ledger events, and — when they hold fills — the trade book
 * and positions, all in ONE transaction; then, only after it committed, the in-memory
 * positions and the pushed events (orders.changed, trades.new, positions.changed, notify).
 * Callers hold the order's lock (ctx.orderLock) so events of one order never interleave.
 */

type IntentPayload = Extract<OrderEventPayload, { type: 'INTENT' }>;
export interface NewOrder {
  meta: OrderMeta;
  intent: IntentPayload;
  more: readonly OrderEventPayload[];
}

/** Appends events to one order (the caller checked they fold, e.g. with a Plan). */
export async function writeOrderEvents(ctx: OmsContext, clientOrderId: string, payloads: readonly OrderEventPayload[]): Promise<OrderRecord> {
  const before = await ctx.ledger.record(clientOrderId);
  if (!before) throw new Error(`No order ${clientOrderId} in the ledger`);
  if (payloads.length === 0) return before;
  const hasFill = payloads.some((p) => p.type === 'FILL');
  const write = async () => {
    if (hasFill) ctx.positions.rollTo(istDayOf(ctx.clock()));
    const stage = hasFill ? ctx.positions.stage() : null;
    const booking = stage
      ? fillBooking({
          stage, plan: ctx.brokerage, instrument: ctx.quotes.instruments().get(before.projection.token),
          onChargeProblem: (message) => ctx.log.warn(message),
        })
      : null;
    const { results, touched } = await ctx.ledger.write([{ kind: 'append', clientOrderId, payloads, ...(booking ? { attach: booking.attach } : {}) }]);
    if (stage) ctx.positions.commit(stage);
    return { touched, fills: booking ? booking.fills(results[0]?.attached ?? {}) : [], stage };
  };
  const { touched, fills, stage } = hasFill ? await ctx.positionsLock.run(write) : await write();
  announce(ctx, touched, before.projection.status);
  if (fills.length > 0) {
    ctx.emit('trades.new', fills);
    for (const fill of fills) notifyFill(ctx, fill);
  }
  if (stage) {
    ctx.emit('positions.changed', stage.changed().map((e) => positionToWire(e, ctx.quotes.latestQuote(e.position.token), ctx.positions.day)));
  }
  return ctx.ledger.cached(clientOrderId) ?? before;
}

/** Opens new orders (a lone order, or every slice of one) in one transaction. */
export async function openOrders(ctx: OmsContext, orders: readonly NewOrder[]): Promise<OrderRecord[]> {
  const { touched } = await ctx.ledger.write(orders.map((o) => ({ kind: 'open', meta: o.meta, intent: o.intent, more: o.more })));
  announce(ctx, touched, null);
  return touched;
}

/** The top-level view of an order: itself, or its parent with every slice. */
export function topView(ctx: OmsContext, record: OrderRecord): Order {
  if (record.meta.parentOrderId === null) return orderView([record]);
  return orderView(ctx.ledger.cachedSlices(record.meta.parentOrderId));
}

function announce(ctx: OmsContext, touched: readonly OrderRecord[], statusBefore: string | null): void {
  const tops = new Map<string, Order>();
  for (const record of touched) {
    const key = record.meta.parentOrderId ?? record.meta.orderId;
    if (!tops.has(key)) tops.set(key, topView(ctx, record));
    const p = record.projection;
    if (p.status === 'REJECTED' && statusBefore !== 'REJECTED') {
      ctx.emit('notify', {
        level: 'error',
        title: `Order rejected: ${p.side} ${p.quantity} ${record.meta.tradingsymbol}`,
        message: p.statusMessage ?? 'Rejected',
        orderId: record.meta.orderId,
      });
    }
  }
  if (tops.size > 0) ctx.emit('orders.changed', [...tops.values()]);
}

function notifyFill(ctx: OmsContext, fill: Fill): void {
  ctx.emit('notify', {
    level: 'success',
    title: `${fill.side === 'BUY' ? 'Bought' : 'Sold'} ${fill.quantity} ${fill.tradingsymbol}`,
    message: `@ ${formatInr(fill.price)} · charges ${formatInr(fill.charges.total)} · ${fill.clientOrderId}`,
    orderId: fill.orderId,
  });
}
