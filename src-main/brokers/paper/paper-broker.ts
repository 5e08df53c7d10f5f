import type pg from 'pg';
import type { Quote } from '../../../src-shared/market/quote';
import type { Logger } from '../../log';
import { pgErrorInfo } from '../../db/app-transaction';
import { SerialQueue } from '../../util/serial';
import type {
  Broker,
  BrokerCall,
  BrokerCancelRequest,
  BrokerModifyRequest,
  BrokerOrderReport,
  BrokerPlaceRequest,
  BrokerResponse,
  BrokerUpdate,
} from '../../oms/broker-port';
import { liquidityFor, matchOrder, type Liquidity } from './matching';
import { applyMatch, isWorking, type MatchStep } from './paper-order-step';
import { PaperStore, reportOf, type NewPaperOrder, type PaperOrder } from './paper-store';
import type { QuoteSource } from '../../oms/quote-source';

/**
 * The paper broker: a simulated venue that fills against live quotes (matching.ts) and
 * keeps its book in PostgreSQL (paper-store.ts), so resting orders survive a restart and
 * go on matching after it.
 *
 * One matching engine: every place, modify, cancel and quote pass runs through one
 * SerialQueue, so the book is never seen half-changed. Everything is stored BEFORE the
 * venue answers or pushes an update. Answers carry the order's full report (including
 * fills on arrival and fills that beat a cancel); updates are pushed only for what
 * happens later, on quotes: trigger, fills, IOC expiry.
 *
 * Varieties: an AMO is accepted and rests on the book like any order — the simulated
 * market is always open (the feed runs outside NSE hours too), so the "next session"
 * an AMO waits for is already here. An iceberg is worked leg by leg (matching.ts), each
 * leg a separate trade of quantity / legs, and keeps its legs across restarts (0013).
 */
export interface PaperBrokerOptions {
  pool: pg.Pool;
  quotes: QuoteSource;
  log: Logger;
}

const isStop = (type: string): boolean => type === 'SL' || type === 'SL-M';

export class PaperBroker implements Broker {
  readonly name = 'paper';
  readonly #store: PaperStore;
  readonly #quotes: QuoteSource;
  readonly #log: Logger;
  readonly #queue = new SerialQueue();
  /** Working orders by broker order id, and by token in arrival (time priority) order. */
  readonly #working = new Map<string, PaperOrder>();
  readonly #byToken = new Map<number, string[]>();
  readonly #liquidity = new Map<number, Liquidity>();
  readonly #listeners = new Set<(update: BrokerUpdate) => void>();
  /** Quotes waiting for the next pass, newest per token (passes coalesce under load). */
  readonly #pendingQuotes = new Map<number, Quote>();
  #passQueued = false;
  #unsubscribe: (() => void) | null = null;

  constructor(options: PaperBrokerOptions) {
    this.#store = new PaperStore(options.pool);
    this.#quotes = options.quotes;
    this.#log = options.log;
  }

  async start(): Promise<void> {
    for (const order of await this.#store.loadWorking()) this.#index(order);
    this.#unsubscribe = this.#quotes.onQuotes((quotes) => this.#onQuotes(quotes));
    // Quotes that moved while we were down: one pass over the latest of each.
    const latest = [...this.#byToken.keys()].map((t) => this.#quotes.latestQuote(t)).filter((q): q is Quote => q !== null);
    this.#onQuotes(latest);
    this.#log.info('paper book loaded', { working: this.#working.size });
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await this.#queue.idle();
  }

  /** The paper venue has no wire format: the request it receives IS what is sent. */
  encode(call: BrokerCall): Record<string, unknown> {
    return { action: call.action, ...call.request };
  }

  place(request: BrokerPlaceRequest): Promise<BrokerResponse> {
    return this.#queue.run(() => this.#place(request));
  }

  modify(request: BrokerModifyRequest): Promise<BrokerResponse> {
    return this.#queue.run(() => this.#modify(request));
  }

  cancel(request: BrokerCancelRequest): Promise<BrokerResponse> {
    return this.#queue.run(() => this.#cancel(request));
  }

  orderStatus(clientOrderId: string): Promise<BrokerOrderReport | null> {
    return this.#queue.run(async () => {
      const order = await this.#store.findByClientId(clientOrderId);
      return order ? reportOf(order) : null;
    });
  }

  onUpdate(listener: (update: BrokerUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when every queued call and quote pass has run (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#queue.pending > 0) await this.#queue.idle();
  }

  /** Working orders on the book (tests, diagnostics). */
  workingCount(): number {
    return this.#working.size;
  }

  async #place(request: BrokerPlaceRequest): Promise<BrokerResponse> {
    let order: NewPaperOrder = {
      clientOrderId: request.clientOrderId, token: request.token, side: request.side, orderType: request.orderType,
      product: request.product, validity: request.validity, quantity: request.quantity, filledQuantity: 0,
      price: request.price, triggerPrice: request.triggerPrice, marketProtection: request.marketProtection,
      protectionPrice: null, triggered: false, status: isStop(request.orderType) ? 'TRIGGER_PENDING' : 'OPEN',
      statusMessage: null, icebergLegs: request.icebergLegs,
    };
    const refusal = this.#refusal(request);
    let step: MatchStep | null = null;
    if (refusal) {
      order = { ...order, status: 'REJECTED', statusMessage: refusal };
    } else {
      const quote = this.#quotes.latestQuote(request.token);
      const liquidity = quote ? this.#liquidityOf(quote) : null;
      step = applyMatch(order, matchOrder(order, quote, liquidity, true));
      order = step.order;
    }
    let stored: PaperOrder;
    try {
      stored = await this.#store.insert(order, step?.trade ? [step.trade] : []);
    } catch (error) {
      if (pgErrorInfo(error).constraint !== 'paper_orders_client_order_id_key') throw error;
      // The venue already has this client order id: it answers with that order, never a second one.
      const existing = await this.#store.findByClientId(request.clientOrderId);
      if (!existing) throw error;
      return { ok: true, brokerOrderId: existing.brokerOrderId, raw: { duplicate: true, ...reportOf(existing) }, report: reportOf(existing) };
    }
    if (isWorking(stored)) this.#index(stored);
    const report = reportOf(stored);
    if (stored.status === 'REJECTED') {
      return { ok: false, reason: stored.statusMessage ?? 'Rejected by the paper broker', raw: report, report };
    }
    return { ok: true, brokerOrderId: stored.brokerOrderId, raw: report, report };
  }

  #refusal(request: BrokerPlaceRequest): string | null {
    if (!this.#quotes.instruments().has(request.token)) return `Unknown instrument token ${request.token}`;
    if (!Number.isSafeInteger(request.quantity) || request.quantity <= 0) return `Bad quantity ${request.quantity}`;
    const legs = request.icebergLegs;
    if (legs !== null && (!Number.isInteger(legs) || legs < 2 || legs > 10 || request.quantity % legs !== 0)) {
      return `An iceberg of ${request.quantity} units cannot be worked in ${legs} equal legs`;
    }
    return null;
  }

  async #modify(request: BrokerModifyRequest): Promise<BrokerResponse> {
    const current = this.#working.get(request.brokerOrderId);
    if (!current) return this.#notWorking(request.clientOrderId, 'modify');
    const quantity = request.quantity ?? current.quantity;
    if (quantity <= current.filledQuantity) {
      const report = reportOf(current);
      return { ok: false, reason: `Quantity ${quantity} is not above the ${current.filledQuantity} already filled`, raw: report, report };
    }
    let next: PaperOrder = {
      ...current,
      quantity,
      orderType: request.orderType ?? current.orderType,
      price: request.price === undefined ? current.price : request.price,
      triggerPrice: request.triggerPrice === undefined ? current.triggerPrice : request.triggerPrice,
    };
    if (next.orderType !== current.orderType) {
      // A new type starts its own life: a stop waits for its trigger again, protection is fixed afresh.
      const stop = isStop(next.orderType);
      next = { ...next, triggered: false, protectionPrice: null, status: stop ? 'TRIGGER_PENDING' : 'OPEN' };
    }
    const quote = this.#quotes.latestQuote(next.token);
    const step = applyMatch(next, matchOrder(next, quote, quote ? this.#liquidityOf(quote) : null, false));
    const saved = await this.#commit([{ before: current, step }]);
    const report = reportOf(saved[0] as PaperOrder);
    return { ok: true, brokerOrderId: current.brokerOrderId, raw: report, report };
  }

  async #cancel(request: BrokerCancelRequest): Promise<BrokerResponse> {
    const current = this.#working.get(request.brokerOrderId);
    if (!current) return this.#notWorking(request.clientOrderId, 'cancel');
    const step: MatchStep = { order: { ...current, status: 'CANCELLED', statusMessage: 'Cancelled on request' }, trade: null, triggered: false, expired: false };
    const saved = await this.#commit([{ before: current, step }]);
    const report = reportOf(saved[0] as PaperOrder);
    return { ok: true, brokerOrderId: current.brokerOrderId, raw: report, report };
  }

  async #notWorking(clientOrderId: string, action: string): Promise<BrokerResponse> {
    const stored = await this.#store.findByClientId(clientOrderId);
    const report = stored ? reportOf(stored) : null;
    const reason = stored ? `Cannot ${action}: the order is ${stored.status}` : `Cannot ${action}: no such order`;
    return { ok: false, reason, raw: { reason, report }, report };
  }

  /** Stores steps, then updates the in-memory book; returns the stored orders. */
  async #commit(steps: ReadonlyArray<{ before: PaperOrder; step: MatchStep }>): Promise<PaperOrder[]> {
    const trades = await this.#store.save(steps.map(({ step }) => ({ order: step.order as PaperOrder, newTrades: step.trade ? [step.trade] : [] })));
    return steps.map(({ before, step }) => {
      const after: PaperOrder = { ...(step.order as PaperOrder), trades: [...before.trades, ...(trades.get(before.brokerOrderId) ?? [])] };
      if (isWorking(after)) this.#working.set(after.brokerOrderId, after);
      else this.#unindex(after);
      return after;
    });
  }

  #onQuotes(quotes: readonly Quote[]): void {
    for (const quote of quotes) if (this.#byToken.has(quote.token)) this.#pendingQuotes.set(quote.token, quote);
    if (this.#pendingQuotes.size === 0 || this.#passQueued) return;
    this.#passQueued = true;
    void this.#queue
      .run(() => {
        this.#passQueued = false;
        const batch = [...this.#pendingQuotes.values()];
        this.#pendingQuotes.clear();
        return this.#pass(batch);
      })
      .catch((error: unknown) => this.#log.error('paper matching pass failed', { error: (error as Error).message }));
  }

  /** One pass of the working orders of each quoted token, in time priority. */
  async #pass(quotes: readonly Quote[]): Promise<void> {
    const steps: Array<{ before: PaperOrder; step: MatchStep }> = [];
    for (const quote of quotes) {
      const ids = this.#byToken.get(quote.token);
      if (!ids) continue;
      const liquidity = this.#liquidityOf(quote);
      for (const id of ids) {
        const before = this.#working.get(id);
        if (!before) continue;
        const step = applyMatch(before, matchOrder(before, quote, liquidity, false));
        if (step.order !== before) steps.push({ before, step });
      }
    }
    if (steps.length === 0) return;
    const saved = await this.#commit(steps);
    saved.forEach((after, i) => this.#emitStep(after, (steps[i] as { step: MatchStep }).step));
  }

  #emitStep(after: PaperOrder, step: MatchStep): void {
    const ids = { clientOrderId: after.clientOrderId, brokerOrderId: after.brokerOrderId };
    if (step.triggered) this.#emit({ kind: 'status', ...ids, status: 'OPEN', brokerStatus: 'TRIGGERED', message: null });
    const trade = after.trades.at(-1);
    if (step.trade && trade) this.#emit({ kind: 'fill', ...ids, trade });
    if (step.expired) this.#emit({ kind: 'status', ...ids, status: 'CANCELLED', brokerStatus: 'CANCELLED', message: after.statusMessage });
  }

  #emit(update: BrokerUpdate): void {
    for (const listener of this.#listeners) {
      try {
        listener(update);
      } catch (error) {
        this.#log.error('a paper broker update listener failed', { error: (error as Error).message });
      }
    }
  }

  #liquidityOf(quote: Quote): Liquidity {
    const liquidity = liquidityFor(quote, this.#liquidity.get(quote.token));
    this.#liquidity.set(quote.token, liquidity);
    return liquidity;
  }

  #index(order: PaperOrder): void {
    this.#working.set(order.brokerOrderId, order);
    const ids = this.#byToken.get(order.token) ?? [];
    ids.push(order.brokerOrderId);
    this.#byToken.set(order.token, ids);
  }

  #unindex(order: PaperOrder): void {
    this.#working.delete(order.brokerOrderId);
    const ids = (this.#byToken.get(order.token) ?? []).filter((id) => id !== order.brokerOrderId);
    if (ids.length === 0) this.#byToken.delete(order.token);
    else this.#byToken.set(order.token, ids);
  }
}
