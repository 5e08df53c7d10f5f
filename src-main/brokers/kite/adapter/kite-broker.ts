/**
 * Kite Connect as a Broker (oms/broker-port.ts). The rules it keeps:
 * - an ANSWER resolves (ok, or a refusal with Kite's words); only NO answer, or an
 *   answer that cannot say whether the order was taken (5xx, an HTML gateway page),
 *   rejects with BrokerOutcomeUnknown, and the OMS reconciles through orderStatus;
 * - a 429 is a definite "not processed", so the same request is sent again after a
 *   pause (a few times), which can never double an order; a request whose outcome is
 *   unknown is never re-sent;
 * - orders go through a client-side limiter (10/s, 200/min) before any of that;
 * - fills come from GET /trades with Kite's trade_id (stable), each pushed once.
 * How our order is found at Kite (the tag question) is decided in kite-orders.ts.
 */
import type { Logger } from '../../../log';
import {
  BrokerOutcomeUnknown,
  type Broker,
  type BrokerCall,
  type BrokerCancelRequest,
  type BrokerModifyRequest,
  type BrokerOrderReport,
  type BrokerPlaceRequest,
  type BrokerResponse,
  type BrokerUpdate,
} from '../../../oms/broker-port';
import { readBody } from '../http-body';
import type { KiteRequest } from '../order-request';
import { parseKiteOrderResponse } from '../rest-response';
import type { KiteOrderUpdate } from '../text-messages';
import { kiteOrdersSchema, kiteTradesSchema, normaliseOrder, statusUpdateOf, tagOfClientId, toBrokerTrade, toReport } from './kite-orders';
import { KiteRest } from './kite-rest';
import { SESSION_EXPIRED_MESSAGE, type KiteSession } from './kite-session';
import { buildCall } from './kite-wire';
import { RateLimiter } from './rate-limiter';

export interface KiteBrokerOptions {
  restRoot: string;
  session: KiteSession;
  log: Logger;
  /** The feed's order updates (KiteFeed.onOrderUpdate). */
  orderUpdates?: (listener: (order: KiteOrderUpdate) => void) => () => void;
  limiter?: RateLimiter;
  /** 429s retried per call (default 3), after retryMs × 2^n (default 1 s). */
  rateLimitRetries?: number;
  rateLimitRetryMs?: number;
  timeoutMs?: number;
  /** The broker order id the ledger holds for a client order id (restart of an algo order). */
  knownBrokerOrderId?: (clientOrderId: string) => Promise<string | null>;
}

interface Sent {
  tag: string;
  form: Record<string, string>;
}

export class KiteBroker implements Broker {
  readonly name = 'kite';
  readonly #o: KiteBrokerOptions;
  readonly #rest: KiteRest;
  readonly #limiter: RateLimiter;
  readonly #listeners = new Set<(update: BrokerUpdate) => void>();
  readonly #clientOfOrder = new Map<string, string>();
  readonly #orderOfClient = new Map<string, string>();
  readonly #clientOfTag = new Map<string, string>();
  readonly #sent = new Map<string, Sent>();
  readonly #tradesPushed = new Set<string>();
  #chain: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | null = null;

  constructor(options: KiteBrokerOptions) {
    this.#o = options;
    this.#rest = new KiteRest({ restRoot: options.restRoot, session: options.session, timeoutMs: options.timeoutMs ?? 10_000 });
    this.#limiter = options.limiter ?? new RateLimiter();
  }

  async start(): Promise<void> {
    this.#unsubscribe = this.#o.orderUpdates?.((order) => this.#onOrder(order)) ?? null;
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await this.#chain;
  }

  encode(call: BrokerCall): Record<string, unknown> {
    const built = this.#build(call);
    return built.ok ? { ...built.request } : { refused: built.code, reason: built.reason };
  }

  async place(request: BrokerPlaceRequest): Promise<BrokerResponse> {
    const built = this.#build({ action: 'PLACE', request });
    if (!built.ok) return { ok: false, reason: built.reason, raw: { refused: built.code }, report: null };
    const tag = built.request.form.tag ?? '';
    this.#sent.set(request.clientOrderId, { tag, form: built.request.form });
    if (request.algoId === null) this.#clientOfTag.set(tag, request.clientOrderId);
    const answer = await this.#call(built.request);
    if (answer.ok) this.#remember(request.clientOrderId, answer.brokerOrderId);
    return answer;
  }

  async modify(request: BrokerModifyRequest): Promise<BrokerResponse> {
    return this.#change({ action: 'MODIFY', request });
  }

  async cancel(request: BrokerCancelRequest): Promise<BrokerResponse> {
    return this.#change({ action: 'CANCEL', request });
  }

  async orderStatus(clientOrderId: string): Promise<BrokerOrderReport | null> {
    const read = async <T>(what: () => Promise<T>): Promise<T> => {
      try {
        return await what();
      } catch (error) {
        throw new BrokerOutcomeUnknown(`could not read Kite's order book: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    };
    const orders = (await read(() => this.#rest.get('/orders', kiteOrdersSchema))).map(normaliseOrder);
    const knownId = this.#orderOfClient.get(clientOrderId) ?? (await this.#o.knownBrokerOrderId?.(clientOrderId)) ?? null;
    let order = knownId !== null ? orders.find((o) => o.orderId === knownId) : undefined;
    if (!order) order = orders.find((o) => o.tag === tagOfClientId(clientOrderId));
    if (!order) {
      const unclaimed = orders.filter((o) => o.tag !== null && !o.tag.startsWith('TD') && !this.#clientOfOrder.has(o.orderId));
      const sent = this.#sent.get(clientOrderId);
      const matches = sent ? unclaimed.filter((o) => sameRequest(o, sent)) : unclaimed;
      if (sent && matches.length === 1) order = matches[0];
      else if (matches.length > 0) {
        throw new BrokerOutcomeUnknown(`${matches.length} algo-tagged Kite orders could be ${clientOrderId}; not guessing`);
      }
    }
    if (!order) return null;
    this.#remember(clientOrderId, order.orderId);
    const trades = await read(() => this.#rest.get('/trades', kiteTradesSchema));
    return toReport(clientOrderId, order, trades);
  }

  onUpdate(listener: (update: BrokerUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The variety (regular / amo / iceberg: the path of place, modify AND cancel) comes
   * from each request, which carries the order's as placed (oms/broker-port.ts), so it needs no
   * map here and survives a restart: the OMS folds it from the ledger's INTENT.
   */
  #build(call: BrokerCall) {
    return buildCall(call);
  }

  async #change(call: Extract<BrokerCall, { action: 'MODIFY' | 'CANCEL' }>): Promise<BrokerResponse> {
    const built = this.#build(call);
    if (!built.ok) return { ok: false, reason: built.reason, raw: { refused: built.code }, report: null };
    this.#remember(call.request.clientOrderId, call.request.brokerOrderId);
    const answer = await this.#call(built.request);
    if (!answer.ok) return answer;
    // Fills that beat a cancel (or a modify) belong in the same transaction as its answer.
    const report = await this.orderStatus(call.request.clientOrderId).catch(() => null);
    return { ...answer, report };
  }

  async #call(request: KiteRequest): Promise<BrokerResponse & { brokerOrderId?: string }> {
    const retries = this.#o.rateLimitRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      await this.#limiter.acquire();
      let http;
      try {
        http = await this.#rest.send(request);
      } catch (error) {
        throw new BrokerOutcomeUnknown(error instanceof Error ? error.message : String(error), { cause: error });
      }
      const reading = readBody(http);
      const raw = reading.kind === 'json' ? reading.value : { status: http.status, body: reading };
      const parsed = parseKiteOrderResponse(http);
      if (parsed.ok) return { ok: true, brokerOrderId: parsed.data.orderId, raw, report: null };
      const { kind, message } = parsed.error;
      if (kind === 'rate-limited' && attempt < retries) {
        this.#o.log.warn('kite rate limit (429); retrying the refused request', { attempt });
        await new Promise((r) => setTimeout(r, (this.#o.rateLimitRetryMs ?? 1_000) * 2 ** attempt));
        continue;
      }
      if (kind === 'session-expired') {
        this.#o.session.expire(SESSION_EXPIRED_MESSAGE);
        return { ok: false, reason: `${SESSION_EXPIRED_MESSAGE} (${message})`, raw, report: null };
      }
      if (kind === 'rejected' || kind === 'rate-limited') return { ok: false, reason: message, raw, report: null };
      // 5xx, a gateway page, an unknown shape: Kite may or may not have taken it.
      throw new BrokerOutcomeUnknown(message);
    }
  }

  #remember(clientOrderId: string, brokerOrderId: string): void {
    this.#clientOfOrder.set(brokerOrderId, clientOrderId);
    this.#orderOfClient.set(clientOrderId, brokerOrderId);
  }

  #onOrder(order: KiteOrderUpdate): void {
    const clientOrderId = this.#clientOfOrder.get(order.orderId) ?? (order.tag ? this.#clientOfTag.get(order.tag) : undefined);
    if (!clientOrderId) {
      this.#o.log.info('kite order update for an order this session does not know', { orderId: order.orderId, status: order.status });
      return;
    }
    this.#remember(clientOrderId, order.orderId);
    this.#chain = this.#chain.then(() => this.#push(clientOrderId, order)).catch((error: unknown) => {
      this.#o.log.warn('kite order update not fully processed; reconciliation will catch up', { error: String(error) });
    });
  }

  async #push(clientOrderId: string, order: KiteOrderUpdate): Promise<void> {
    if (order.filledQuantity > 0) {
      const trades = await this.#rest.get('/trades', kiteTradesSchema);
      for (const kiteTrade of trades) {
        if (kiteTrade.order_id !== order.orderId || this.#tradesPushed.has(kiteTrade.trade_id)) continue;
        const trade = toBrokerTrade(kiteTrade);
        if (!trade) continue;
        this.#tradesPushed.add(trade.tradeId);
        this.#emit({ kind: 'fill', clientOrderId, brokerOrderId: order.orderId, trade });
      }
    }
    const update = statusUpdateOf(clientOrderId, order);
    if (update) this.#emit(update);
  }

  #emit(update: BrokerUpdate): void {
    for (const listener of this.#listeners) listener(update);
  }
}

function sameRequest(order: KiteOrderUpdate, sent: Sent): boolean {
  return order.tag === sent.tag && order.tradingsymbol === sent.form.tradingsymbol && order.exchange === sent.form.exchange
    && order.side === sent.form.transaction_type && String(order.quantity) === sent.form.quantity;
}
