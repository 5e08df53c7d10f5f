/**
 * The test server's order book: just enough of Kite's OMS to answer the documented
 * order endpoints and to let a test drive an order through interim statuses, fills
 * and rejections. Each change is pushed to the ticker as a text order update, the
 * way Kite pushes them (on fill, modify, cancel and status changes).
 *
 * Varieties are checked as Kite documents them, so an adapter that drifts fails here:
 * an iceberg needs iceberg_legs (2–10) and iceberg_quantity (legs × leg = quantity,
 * LIMIT or SL only), other varieties must not carry them; an AMO rests as AMO REQ
 * RECEIVED (unless a test set another initial status); modify and cancel must use the
 * order's own variety in their path.
 */

export interface ServerOrder {
  order_id: string;
  exchange_order_id: string | null;
  status: string;
  status_message: string | null;
  variety: string;
  exchange: string;
  tradingsymbol: string;
  instrument_token: number;
  order_type: string;
  transaction_type: 'BUY' | 'SELL';
  validity: string;
  product: string;
  quantity: number;
  price: number;
  trigger_price: number;
  average_price: number;
  filled_quantity: number;
  pending_quantity: number;
  cancelled_quantity: number;
  tag: string | null;
  /** Kite keeps an iceberg's terms under meta.iceberg. */
  meta: { iceberg?: { legs: number; leg_quantity: number; total_quantity: number } };
  order_timestamp: string;
  exchange_timestamp: string | null;
}

export interface ServerTrade {
  trade_id: string;
  order_id: string;
  exchange: string;
  tradingsymbol: string;
  instrument_token: number;
  product: string;
  transaction_type: 'BUY' | 'SELL';
  quantity: number;
  average_price: number;
  fill_timestamp: string;
}

const STAMP = '2026-01-20 10:15:00';

export class ServerOrderBook {
  readonly orders = new Map<string, ServerOrder>();
  readonly trades: ServerTrade[] = [];
  /** Status a new order takes (a test sets 'VALIDATION PENDING' etc.). */
  initialStatus = 'OPEN';
  #next = 250120000000001;
  #nextTrade = 1;

  constructor(private readonly push: (order: ServerOrder) => void) {}

  place(variety: string, form: URLSearchParams, tokenOf: (exchange: string, symbol: string) => number): ServerOrder | string {
    const type = form.get('order_type') ?? '';
    const side = form.get('transaction_type');
    const quantity = Number(form.get('quantity'));
    if (side !== 'BUY' && side !== 'SELL') return 'Invalid transaction type';
    if (!Number.isInteger(quantity) || quantity <= 0) return 'Invalid quantity';
    if (!['MARKET', 'LIMIT', 'SL', 'SL-M'].includes(type)) return 'Invalid order type';
    if ((type === 'LIMIT' || type === 'SL') && !form.get('price')) return 'Price is required';
    const iceberg = icebergTerms(variety, type, quantity, form);
    if (typeof iceberg === 'string') return iceberg;
    const exchange = form.get('exchange') ?? '';
    const tradingsymbol = form.get('tradingsymbol') ?? '';
    const order: ServerOrder = {
      order_id: String(this.#next++),
      exchange_order_id: null,
      status: variety === 'amo' && this.initialStatus === 'OPEN' ? 'AMO REQ RECEIVED' : this.initialStatus,
      status_message: null,
      variety,
      exchange,
      tradingsymbol,
      instrument_token: tokenOf(exchange, tradingsymbol),
      order_type: type,
      transaction_type: side,
      validity: form.get('validity') ?? 'DAY',
      product: form.get('product') ?? 'MIS',
      quantity,
      price: Number(form.get('price') ?? 0),
      trigger_price: Number(form.get('trigger_price') ?? 0),
      average_price: 0,
      filled_quantity: 0,
      pending_quantity: quantity,
      cancelled_quantity: 0,
      tag: form.get('tag'),
      meta: iceberg ? { iceberg } : {},
      order_timestamp: STAMP,
      exchange_timestamp: null,
    };
    this.orders.set(order.order_id, order);
    return order;
  }

  modify(variety: string, orderId: string, form: URLSearchParams): ServerOrder | string {
    const order = this.orders.get(orderId);
    if (!order) return 'Order not found';
    if (order.variety !== variety) return wrongVariety(order, variety);
    if (!isWorking(order.status)) return `Order cannot be modified as it is ${order.status}`;
    const quantity = form.get('quantity');
    if (quantity !== null) order.quantity = Number(quantity);
    const price = form.get('price');
    if (price !== null) order.price = Number(price);
    const trigger = form.get('trigger_price');
    if (trigger !== null) order.trigger_price = Number(trigger);
    const type = form.get('order_type');
    if (type !== null) order.order_type = type;
    order.pending_quantity = order.quantity - order.filled_quantity;
    this.push(order);
    return order;
  }

  cancel(variety: string, orderId: string): ServerOrder | string {
    const order = this.orders.get(orderId);
    if (!order) return 'Order not found';
    if (order.variety !== variety) return wrongVariety(order, variety);
    if (!isWorking(order.status)) return `Order cannot be cancelled as it is ${order.status}`;
    order.status = 'CANCELLED';
    order.cancelled_quantity = order.quantity - order.filled_quantity;
    order.pending_quantity = 0;
    this.push(order);
    return order;
  }

  /** Test control: a status change (interim or final), pushed as an update. */
  setStatus(orderId: string, status: string, message: string | null = null): void {
    const order = this.must(orderId);
    order.status = status;
    order.status_message = message;
    this.push(order);
  }

  /** Test control: an execution of `quantity` at `price` rupees. */
  fill(orderId: string, quantity: number, price: number): ServerTrade {
    const order = this.must(orderId);
    const total = order.average_price * order.filled_quantity + price * quantity;
    order.filled_quantity += quantity;
    order.average_price = total / order.filled_quantity;
    order.pending_quantity = order.quantity - order.filled_quantity;
    if (order.pending_quantity === 0) order.status = 'COMPLETE';
    const trade: ServerTrade = {
      trade_id: String(9_000_000 + this.#nextTrade++),
      order_id: order.order_id,
      exchange: order.exchange,
      tradingsymbol: order.tradingsymbol,
      instrument_token: order.instrument_token,
      product: order.product,
      transaction_type: order.transaction_type,
      quantity,
      average_price: price,
      fill_timestamp: STAMP,
    };
    this.trades.push(trade);
    this.push(order);
    return trade;
  }

  private must(orderId: string): ServerOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    return order;
  }
}

function wrongVariety(order: ServerOrder, variety: string): string {
  return `Invalid variety \`${variety}\`: order ${order.order_id} is a ${order.variety} order`;
}

/** An iceberg's terms, null for other varieties, or the refusal. */
function icebergTerms(variety: string, type: string, quantity: number, form: URLSearchParams): ServerOrder['meta']['iceberg'] | null | string {
  const legsText = form.get('iceberg_legs');
  const legText = form.get('iceberg_quantity');
  if (variety !== 'iceberg') {
    return legsText === null && legText === null ? null : `iceberg_legs and iceberg_quantity are only for variety iceberg, not ${variety}`;
  }
  const legs = Number(legsText);
  const leg = Number(legText);
  if (legsText === null || !Number.isInteger(legs) || legs < 2 || legs > 10) return 'Iceberg legs must be between 2 and 10';
  if (legText === null || !Number.isInteger(leg) || leg <= 0) return 'Iceberg quantity is required';
  if (legs * leg !== quantity) return `Iceberg quantity ${leg} × ${legs} legs is not the order quantity ${quantity}`;
  if (type !== 'LIMIT' && type !== 'SL') return 'Iceberg orders must be LIMIT or SL';
  return { legs, leg_quantity: leg, total_quantity: quantity };
}

function isWorking(status: string): boolean {
  return !['COMPLETE', 'CANCELLED', 'REJECTED'].includes(status);
}
