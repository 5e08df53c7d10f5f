/**
 * The test server's order book: just enough of Kite's OMS to answer the documented
 * order endpoints and to let a test drive an order through interim statuses, fills
 * and rejections. Each change is pushed to the ticker as a text order update, the
 * way Kite pushes them (on fill, modify, cancel and status changes).
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
    const exchange = form.get('exchange') ?? '';
    const tradingsymbol = form.get('tradingsymbol') ?? '';
    const order: ServerOrder = {
      order_id: String(this.#next++),
      exchange_order_id: null,
      status: this.initialStatus,
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
      order_timestamp: STAMP,
      exchange_timestamp: null,
    };
    this.orders.set(order.order_id, order);
    return order;
  }

  modify(orderId: string, form: URLSearchParams): ServerOrder | string {
    const order = this.orders.get(orderId);
    if (!order) return 'Order not found';
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

  cancel(orderId: string): ServerOrder | string {
    const order = this.orders.get(orderId);
    if (!order) return 'Order not found';
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

function isWorking(status: string): boolean {
  return !['COMPLETE', 'CANCELLED', 'REJECTED'].includes(status);
}
