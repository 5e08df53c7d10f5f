import type { BrokerAction, OrderEventPayload } from '../../../src-shared/orders/order-events';
import type { BrokerOrderReport, BrokerResponse, BrokerUpdate } from '../broker-port';
import { applyOrderEvent, type OrderProjection } from '../../../src-shared/orders/order-fold';
import type { OrderRecord } from '../ledger/ledger-types';

/**
 * Turns what a broker says (a response with its report, a pushed update, a
 * reconciliation report) into ledger events that FOLD onto the order as it stands.
 *
 * Brokers repeat themselves (OPEN on every update, the same trade in an update and in a
 * report) and race us (a fill that beat our cancel). The Plan keeps a running projection
 * and takes an event only if the fold accepts it; duplicates (a known trade id, a status
 * that says nothing new) are skipped, and anything the fold refuses is noted in
 * `skipped` for the log rather than written — the ledger never holds an event its fold
 * cannot explain.
 */
export class Plan {
  readonly payloads: OrderEventPayload[] = [];
  readonly skipped: string[] = [];
  #projection: OrderProjection;
  readonly #fillIds: Set<string>;

  constructor(record: OrderRecord) {
    this.#projection = record.projection;
    this.#fillIds = new Set(record.fillIds);
  }

  get projection(): OrderProjection {
    return this.#projection;
  }

  /** Takes the event if the fold accepts it; returns whether it did. */
  add(payload: OrderEventPayload): boolean {
    try {
      this.#projection = applyOrderEvent(this.#projection, {
        eventId: this.#projection.lastEventId + 1,
        clientOrderId: this.#projection.clientOrderId,
        at: this.#projection.updatedAt,
        payload,
      });
    } catch (error) {
      this.skipped.push(`${payload.type}: ${(error as Error).message}`);
      return false;
    }
    this.payloads.push(payload);
    if (payload.type === 'FILL') this.#fillIds.add(payload.fillId);
    return true;
  }

  /** Brings the order in line with the venue's report: ack, trigger, new trades, end state. */
  syncReport(report: BrokerOrderReport): void {
    const state = () => this.#projection.state;
    const resting = () => {
      const s = state();
      return s.status === 'MODIFY_PENDING' || s.status === 'CANCEL_PENDING' ? s.resumeTo : s.status;
    };
    if (state().status === 'SENT') {
      if (report.status === 'REJECTED') {
        this.add({ type: 'REJECTED', reason: report.message ?? `Rejected by the broker (${report.brokerStatus})` });
        return;
      }
      const ack = report.status === 'TRIGGER_PENDING' ? 'TRIGGER_PENDING' : 'OPEN';
      this.add({ type: 'STATUS_CHANGED', status: ack, brokerStatus: report.brokerStatus, message: null });
    }
    // A stop the venue no longer holds as TRIGGER_PENDING has triggered (unless it just ended unfilled).
    const untriggeredEnd = report.status === 'CANCELLED' && report.trades.length === this.#fillIds.size && report.filledQuantity === 0;
    if (resting() === 'TRIGGER_PENDING' && report.status !== 'TRIGGER_PENDING' && report.status !== 'REJECTED' && !untriggeredEnd) {
      this.add({ type: 'STATUS_CHANGED', status: 'OPEN', brokerStatus: 'TRIGGERED', message: null });
    }
    for (const trade of report.trades) this.addTrade(trade.tradeId, trade.quantity, trade.price);
    if (report.status === 'CANCELLED') this.#cancelled(report.brokerStatus, report.message);
  }

  addTrade(tradeId: string, quantity: number, price: number): void {
    if (this.#fillIds.has(tradeId)) return;
    this.add({ type: 'FILL', fillId: tradeId, quantity, price });
  }

  /** A pushed update. */
  syncUpdate(update: BrokerUpdate): void {
    switch (update.kind) {
      case 'fill':
        this.addTrade(update.trade.tradeId, update.trade.quantity, update.trade.price);
        return;
      case 'rejected':
        this.add({ type: 'REJECTED', reason: update.reason });
        return;
      case 'status':
        if (update.status === 'CANCELLED') this.#cancelled(update.brokerStatus, update.message);
        else if (!this.#saysNothingNew(update.status)) {
          this.add({ type: 'STATUS_CHANGED', status: update.status, brokerStatus: update.brokerStatus, message: update.message });
        }
        return;
    }
  }

  /** RESPONSE_RECEIVED, then what the response means for the action, then the report. */
  response(action: BrokerAction, response: BrokerResponse): void {
    this.add({
      type: 'RESPONSE_RECEIVED', action, response: response.raw ?? null,
      brokerOrderId: response.ok ? response.brokerOrderId : (response.report?.brokerOrderId ?? null),
    });
    if (action === 'PLACE') {
      if (!response.ok) this.add({ type: 'REJECTED', reason: response.reason });
      else if (response.report) this.syncReport(response.report);
      return;
    }
    if (action === 'MODIFY') {
      // Confirm first: fills after the modify may exceed the old quantity.
      if (this.#projection.status === 'MODIFY_PENDING' || this.#isCancelWithModify()) {
        if (!response.ok) this.add({ type: 'MODIFY_REJECTED', reason: response.reason });
        else if (!this.add({ type: 'MODIFY_CONFIRMED' })) {
          // Never leave the order pending on a confirmation the fold cannot apply.
          this.add({ type: 'MODIFY_REJECTED', reason: 'The broker confirmed a modification that does not fit the order; kept the old terms' });
        }
      }
      if (response.report) this.syncReport(response.report);
      return;
    }
    // CANCEL: fills that beat the cancel come first, then the verdict.
    if (response.report) for (const t of response.report.trades) this.addTrade(t.tradeId, t.quantity, t.price);
    if (this.#projection.status !== 'CANCEL_PENDING') return;
    if (response.ok) this.add({ type: 'CANCEL_CONFIRMED' });
    else this.add({ type: 'CANCEL_REJECTED', reason: response.reason });
  }

  #isCancelWithModify(): boolean {
    const s = this.#projection.state;
    return s.status === 'CANCEL_PENDING' && s.modifyInFlight;
  }

  #cancelled(brokerStatus: string, message: string | null): void {
    const status = this.#projection.status;
    if (status === 'FILLED' || status === 'CANCELLED' || status === 'REJECTED') return;
    if (status === 'CANCEL_PENDING') this.add({ type: 'CANCEL_CONFIRMED' });
    else this.add({ type: 'STATUS_CHANGED', status: 'CANCELLED', brokerStatus, message });
  }

  #saysNothingNew(reported: 'OPEN' | 'TRIGGER_PENDING'): boolean {
    const s = this.#projection.state;
    if (s.status === 'FILLED' || s.status === 'CANCELLED' || s.status === 'REJECTED') return true;
    const resting = s.status === 'MODIFY_PENDING' || s.status === 'CANCEL_PENDING' ? s.resumeTo : s.status;
    if (reported === 'OPEN') return resting === 'OPEN' || resting === 'PARTIALLY_FILLED';
    return resting === 'TRIGGER_PENDING';
  }
}
