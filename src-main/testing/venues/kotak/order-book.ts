/**
 * The order book behind the Kotak test server: what a Kotak Neo account would hold
 * for a day, in Kotak's own words (lowercase statuses, rupee strings, GuiOrdId
 * echoing the `ig` tag). Plain data and functions, no HTTP, so tests can drive it
 * (fill, reject) while the adapter only sees it through the wire.
 *
 * Statuses progress the way Kotak reports them: put order req received →
 * validation pending → open pending → open (or trigger pending for SL), one step per
 * read of the book or history, so a poller sees the interim words before the
 * resting one. `settle()` jumps to the resting state for tests that do not care.
 */

export interface VenueTrade {
  flId: string;
  nOrdNo: string;
  fldQty: number;
  /** Paise. */
  price: number;
  exTm: string;
}

export interface VenueStage {
  ordSt: string;
  flDtTm: string;
  rejRsn: string;
}

export interface VenueOrder {
  nOrdNo: string;
  /** The jData as placed, then as modified. */
  terms: Record<string, string>;
  /** Stages still to come before the order rests. */
  pending: string[];
  history: VenueStage[];
  rejRsn: string;
  filledQty: number;
  trades: VenueTrade[];
}

const TERMINAL = new Set(['complete', 'traded', 'cancelled', 'rejected']);

export class TestVenue {
  readonly orders = new Map<string, VenueOrder>();
  readonly trades: VenueTrade[] = [];
  #nextOrder = 260_120_000_000_001;
  #nextFill = 1;

  constructor(private readonly clock: () => number, private readonly freezeQty: number) {}

  place(terms: Record<string, string>): VenueOrder {
    const nOrdNo = String(this.#nextOrder++);
    const resting = terms.pt === 'SL' ? 'trigger pending' : 'open';
    const tooBig = Number(terms.qt) > this.freezeQty;
    const order: VenueOrder = {
      nOrdNo, terms: { ...terms }, history: [], filledQty: 0, trades: [],
      pending: ['validation pending', 'open pending', tooBig ? 'rejected' : resting],
      rejRsn: tooBig ? `RMS: Rule: Check freeze quantity (${terms.qt} > ${this.freezeQty - 1})` : '',
    };
    this.#stage(order, 'put order req received');
    this.orders.set(nOrdNo, order);
    return order;
  }

  status(order: VenueOrder): string {
    return order.history.at(-1)?.ordSt ?? 'put order req received';
  }

  /** One read: every order still on its way moves one step. */
  advanceAll(): void {
    for (const order of this.orders.values()) this.#advance(order);
  }

  settle(nOrdNo: string): VenueOrder {
    const order = this.#get(nOrdNo);
    while (order.pending.length > 0) this.#advance(order);
    return order;
  }

  isWorking(order: VenueOrder): boolean {
    return !TERMINAL.has(this.status(order));
  }

  /** Returns an error text when the order cannot take the change. */
  modify(nOrdNo: string, terms: Record<string, string>): string | null {
    const order = this.orders.get(nOrdNo);
    if (!order || !this.isWorking(order)) return 'Order cannot be modified as it is already executed.';
    order.pending = [];
    const merged = { ...order.terms, ...terms };
    order.terms = merged;
    this.#stage(order, 'modified');
    this.#stage(order, merged.pt === 'SL' ? 'trigger pending' : 'open');
    return null;
  }

  /** `amo`: the cancel's am flag, which must match how the order was placed (am YES ↔ an after-market order). */
  cancel(nOrdNo: string, amo: boolean): string | null {
    const order = this.orders.get(nOrdNo);
    if (!order || !this.isWorking(order)) return 'Order already cancelled or not found.';
    if ((order.terms.am === 'YES') !== amo) return amo ? 'Order is not an AMO order.' : 'AMO order: cancel it with am YES.';
    order.pending = [];
    this.#stage(order, 'cancelled');
    return null;
  }

  /** Executes `quantity` (default: all that is left) at `price` paise. */
  fill(nOrdNo: string, price: number, quantity?: number): VenueTrade {
    const order = this.settle(nOrdNo);
    const left = Number(order.terms.qt) - order.filledQty;
    const qty = Math.min(quantity ?? left, left);
    const trade: VenueTrade = { flId: String(this.#nextFill++).padStart(8, '0'), nOrdNo, fldQty: qty, price, exTm: kotakTime(this.clock()) };
    order.filledQty += qty;
    order.trades.push(trade);
    this.trades.push(trade);
    if (order.filledQty >= Number(order.terms.qt)) this.#stage(order, 'complete');
    else if (this.status(order) === 'trigger pending') this.#stage(order, 'open');
    return trade;
  }

  reject(nOrdNo: string, reason: string): void {
    const order = this.#get(nOrdNo);
    order.pending = [];
    order.rejRsn = reason;
    this.#stage(order, 'rejected');
  }

  /** An order-book row in Kotak's field names. */
  row(order: VenueOrder, stage?: VenueStage): Record<string, unknown> {
    const t = order.terms;
    const filled = order.trades.reduce((sum, trade) => sum + trade.fldQty * trade.price, 0);
    return {
      nOrdNo: order.nOrdNo,
      ordSt: stage?.ordSt ?? this.status(order),
      stat: 'Ok',
      trdSym: t.ts ?? '',
      exSeg: t.es ?? '',
      tok: t.tk ?? '',
      trnsTp: t.tt ?? '',
      prcTp: t.pt ?? '',
      prod: t.pc ?? '',
      vldt: t.rt ?? t.vd ?? '',
      qty: Number(t.qt),
      fldQty: order.filledQty,
      unFldSz: Number(t.qt) - order.filledQty,
      prc: twoDecimals(t.pr),
      trgPrc: twoDecimals(t.tp),
      avgPrc: order.filledQty > 0 ? paiseText(Math.round(filled / order.filledQty)) : '0.00',
      rejRsn: stage?.rejRsn ?? order.rejRsn,
      GuiOrdId: t.ig ?? '',
      ordDtTm: order.history[0]?.flDtTm ?? '',
      flDtTm: stage?.flDtTm ?? order.history.at(-1)?.flDtTm ?? '',
    };
  }

  tradeRow(trade: VenueTrade): Record<string, unknown> {
    const order = this.#get(trade.nOrdNo);
    return {
      nOrdNo: trade.nOrdNo, flId: trade.flId, trdSym: order.terms.ts ?? '', exSeg: order.terms.es ?? '', trnsTp: order.terms.tt ?? '',
      fldQty: trade.fldQty, qty: Number(order.terms.qt), avgPrc: paiseText(trade.price), exTm: trade.exTm, flDt: trade.exTm.slice(0, 11),
      exOrdId: `1100000${trade.nOrdNo.slice(-9)}`, prod: order.terms.pc ?? '', prcTp: order.terms.pt ?? '', GuiOrdId: order.terms.ig ?? '',
    };
  }

  #advance(order: VenueOrder): void {
    const next = order.pending.shift();
    if (next !== undefined) this.#stage(order, next);
  }

  #stage(order: VenueOrder, ordSt: string): void {
    order.history.push({ ordSt, flDtTm: kotakTime(this.clock()), rejRsn: ordSt === 'rejected' ? order.rejRsn : '' });
  }

  #get(nOrdNo: string): VenueOrder {
    const order = this.orders.get(nOrdNo);
    if (!order) throw new Error(`test venue: no order ${nOrdNo}`);
    return order;
  }
}

function twoDecimals(text: string | undefined): string {
  const value = Number(text ?? '0');
  return Number.isFinite(value) ? value.toFixed(2) : '0.00';
}

function paiseText(paise: number): string {
  return `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Kotak's "20-Jul-2025 20:21:42", in IST. */
export function kotakTime(epochMs: number): string {
  const d = new Date(epochMs + 330 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
