import type { ChildOrder, Order } from '../../../src-shared/contract/domains/orders';
import { isTerminalStatus } from '../../../src-shared/orders/order-types';
import { averagePaise } from '../../../src-shared/orders/exact-average';
import type { OrderRecord } from '../ledger/ledger-types';
import { averageFillPaise } from '../../../src-shared/orders/order-fold';
import { aggregateParent } from '../parent-aggregate';

/**
 * Ledger records as the contract shows them. A sliced order is shown as the parent the
 * trader placed (id = the slices' shared parent uuid, client id = the one the trader
 * chose) with the status aggregated from its slices (parent-aggregate.ts).
 */

export function childView(record: OrderRecord): ChildOrder {
  const p = record.projection;
  return {
    orderId: record.meta.orderId,
    clientOrderId: p.clientOrderId,
    parentClientOrderId: p.parentClientOrderId,
    brokerOrderId: p.brokerOrderId,
    broker: record.meta.broker,
    token: p.token,
    tradingsymbol: record.meta.tradingsymbol,
    exchange: record.meta.exchange,
    side: p.side,
    orderType: p.orderType,
    product: p.product,
    validity: p.validity,
    quantity: p.quantity,
    filledQuantity: p.filledQuantity,
    price: p.price,
    triggerPrice: p.triggerPrice,
    averagePrice: averageFillPaise(p),
    marketProtection: p.marketProtection,
    status: p.status,
    done: isTerminalStatus(p.status),
    statusMessage: p.statusMessage,
    pendingModification: p.pendingModification,
    strategyId: p.strategyId,
    algoId: p.algoId,
    amo: p.amo,
    icebergLegs: p.icebergLegs,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** One top-level order: a lone record, or the slices of one parent (in sequence order). */
export function orderView(records: readonly OrderRecord[]): Order {
  const first = records[0];
  if (!first) throw new RangeError('orderView needs at least one record');
  if (first.meta.parentOrderId === null) return { ...childView(first), children: [] };
  const children = [...records].sort((a, b) => sliceNumber(a) - sliceNumber(b)).map(childView);
  const aggregate = aggregateParent(records.map((r) => r.projection));
  const head = children[0] as ChildOrder;
  const latestMessage = [...children].sort((a, b) => b.updatedAt - a.updatedAt).find((c) => c.statusMessage)?.statusMessage ?? null;
  return {
    ...head,
    orderId: first.meta.parentOrderId,
    clientOrderId: first.projection.parentClientOrderId ?? head.clientOrderId,
    parentClientOrderId: null,
    brokerOrderId: null,
    quantity: aggregate.quantity,
    filledQuantity: aggregate.filledQuantity,
    averagePrice: averagePaise(aggregate.fillValue, aggregate.filledQuantity),
    status: aggregate.status,
    done: aggregate.done,
    statusMessage: aggregate.message ?? latestMessage,
    pendingModification: null,
    createdAt: Math.min(...children.map((c) => c.createdAt)),
    updatedAt: Math.max(...children.map((c) => c.updatedAt)),
    children,
  };
}

/** Groups records into top-level orders (key: parent uuid, or the order's own uuid). */
export function topLevelKey(record: OrderRecord): string {
  return record.meta.parentOrderId ?? record.meta.orderId;
}

function sliceNumber(record: OrderRecord): number {
  const match = /\.(\d+)$/.exec(record.projection.clientOrderId);
  return match ? Number(match[1]) : 0;
}
