/**
 * Reads Kotak's order book and trade book and knows which rows are ours: an order is
 * ours when its GuiOrdId is a tag we sent (wire.ts) or its nOrdNo is one Kotak gave us.
 * Used by reconciliation (find), by the poller (readAll) and to learn an order's
 * terms after a restart (termsOf), so a modify can restate the order as Kotak wants.
 *
 * Any failure to read throws: BrokerOutcomeUnknown for no answer or an answer we
 * cannot read (an HTML page), after telling the broker when the session is gone.
 * Rows that do not parse are dropped and logged, never fatal.
 */
import type { OrderType, Product, Side, Validity } from '../../../../src-shared/orders/order-types';
import type { Logger } from '../../../log';
import { BrokerOutcomeUnknown, type BrokerOrderReport, type BrokerTrade } from '../../../oms/broker-port';
import { describeNonJson, readBody } from '../../kite/http-body';
import { asKotakSegment, kotakInstrumentToken } from '../segments';
import { kotakHttp, sessionHeaders } from './kotak-http';
import { kotakOrderRowSchema, kotakTradeRowSchema, paiseOf, readList, reportOf, tradeOf, type KotakOrderRow } from './order-book';
import type { KotakSession } from './session';
import type { InstrumentRef, OrderTerms } from './wire';

export interface KotakBookOptions {
  timeoutMs: number;
  session(): Promise<KotakSession | null>;
  /** The venue said the session is gone (401 / 9009xx). */
  expired(): void;
  log: Logger;
}

export class KotakBook {
  readonly #byTag = new Map<string, string>();
  readonly #orderNo = new Map<string, string>();
  readonly #clientOf = new Map<string, string>();
  #rows = new Map<string, KotakOrderRow>();

  constructor(private readonly options: KotakBookOptions) {}

  expect(tag: string, clientOrderId: string): void {
    this.#byTag.set(tag, clientOrderId);
  }

  remember(clientOrderId: string, orderNo: string): void {
    this.#orderNo.set(clientOrderId, orderNo);
    this.#clientOf.set(orderNo, clientOrderId);
  }

  orderNo(clientOrderId: string): string | null {
    return this.#orderNo.get(clientOrderId) ?? null;
  }

  /** The venue's view of one of our orders, or null when Kotak never received it. */
  async find(clientOrderId: string, ourType: OrderType | null): Promise<BrokerOrderReport | null> {
    const reports = await this.readAll((id) => (id === clientOrderId ? ourType : null));
    return reports.find((r) => r.clientOrderId === clientOrderId) ?? null;
  }

  /** Reports for every order of ours in today's book. */
  async readAll(ourType: (clientOrderId: string) => OrderType | null): Promise<BrokerOrderReport[]> {
    const [orders, trades] = await Promise.all([this.#list('/quick/user/orders', 'order book'), this.#list('/quick/user/trades', 'trade book')]);
    const orderRows = readList(orders, kotakOrderRowSchema);
    const tradeRows = readList(trades, kotakTradeRowSchema);
    if (!orderRows.ok) throw new BrokerOutcomeUnknown(`Kotak's order book could not be read: ${orderRows.message}`);
    if (!tradeRows.ok) throw new BrokerOutcomeUnknown(`Kotak's trade book could not be read: ${tradeRows.message}`);
    if (orderRows.dropped + tradeRows.dropped > 0) {
      this.options.log.warn('kotak: book rows that did not parse were skipped', { orders: orderRows.dropped, trades: tradeRows.dropped });
    }
    const tradesOf = new Map<string, BrokerTrade[]>();
    for (const row of tradeRows.rows) {
      const trade = tradeOf(row);
      if (!trade) continue;
      tradesOf.set(row.nOrdNo, [...(tradesOf.get(row.nOrdNo) ?? []), trade]);
    }
    this.#rows = new Map(orderRows.rows.map((row) => [row.nOrdNo, row]));
    const reports: BrokerOrderReport[] = [];
    for (const row of orderRows.rows) {
      const clientOrderId = this.#clientOf.get(row.nOrdNo) ?? this.#byTag.get(row.GuiOrdId);
      if (clientOrderId === undefined) continue; // placed elsewhere (Kotak's app): not ours to track
      if (!this.#orderNo.has(clientOrderId)) this.remember(clientOrderId, row.nOrdNo);
      if (this.#orderNo.get(clientOrderId) !== row.nOrdNo) {
        this.options.log.warn('kotak: two orders carry one tag; keeping the first', { clientOrderId, orderNo: row.nOrdNo });
        continue;
      }
      reports.push(reportOf(clientOrderId, row, tradesOf.get(row.nOrdNo) ?? [], ourType(clientOrderId)));
    }
    return reports;
  }

  /** An order's terms from the last book read (after a restart nothing else knows them). */
  termsOf(orderNo: string, instrument: (token: number) => InstrumentRef | null): OrderTerms | null {
    const row = this.#rows.get(orderNo);
    const segment = row ? asKotakSegment(row.exSeg) : null;
    if (!row || segment === null || !/^\d+$/.test(row.tok)) return null;
    const ref = instrument(kotakInstrumentToken(segment, Number(row.tok)));
    const type = (['L', 'MKT', 'SL', 'SL-M'] as const).find((t) => t === row.prcTp);
    const product = (['MIS', 'CNC', 'NRML'] as const).find((p) => p === row.prod);
    const validity = (['DAY', 'IOC'] as const).find((v) => v === row.vldt);
    if (!ref || !type || !product || !validity || (row.trnsTp !== 'B' && row.trnsTp !== 'S')) return null;
    const side: Side = row.trnsTp === 'B' ? 'BUY' : 'SELL';
    return {
      instrument: ref,
      current: {
        side, product: product as Product, validity: validity as Validity, orderType: type, quantity: row.qty,
        price: type === 'L' || type === 'SL' ? paiseOf(row.prc) : null,
        triggerPrice: type === 'SL' || type === 'SL-M' ? paiseOf(row.trgPrc) : null,
        marketProtection: 0, algoId: null,
      },
    };
  }

  async #list(path: string, what: string): Promise<unknown> {
    const session = await this.options.session();
    if (!session) throw new BrokerOutcomeUnknown(`Kotak's ${what} cannot be read: no session (log in again)`);
    let answer;
    try {
      answer = await kotakHttp({ method: 'GET', url: `${session.baseUrl}${path}`, headers: sessionHeaders(session, false), timeoutMs: this.options.timeoutMs });
    } catch (error) {
      throw new BrokerOutcomeUnknown((error as Error).message, { cause: error });
    }
    const reading = readBody(answer);
    const gatewayCode = reading.kind === 'json' && typeof reading.value === 'object' && reading.value !== null ? String((reading.value as { code?: unknown }).code ?? '') : '';
    if (answer.status === 401 || answer.status === 403 || /^9009\d\d$/.test(gatewayCode)) {
      this.options.expired();
      throw new BrokerOutcomeUnknown(`Kotak's ${what} cannot be read: the session has expired (log in again)`);
    }
    if (reading.kind !== 'json') throw new BrokerOutcomeUnknown(`Kotak's ${what} cannot be read: ${describeNonJson(answer.status, reading)}`);
    return reading.value;
  }
}
