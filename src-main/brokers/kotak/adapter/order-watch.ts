/**
 * Turns successive readings of Kotak's order and trade books into BrokerUpdates: what
 * changed since the last reading, once. Kotak's order websocket is optional here;
 * polling both books at a modest interval gives the same facts with fewer moving parts.
 *
 * Per order it remembers the last status it reported, whether it reported a rejection,
 * and the trade ids it passed on. The OMS dedupes trades by id anyway; remembering
 * them here keeps the update stream quiet. Order of updates within one reading: the
 * acknowledgement (open / trigger pending) first, then fills, then an end without a
 * fill (cancelled, rejected), so a fill that beat a cancel is booked before it.
 */
import type { BrokerOrderReport, BrokerUpdate } from '../../../oms/broker-port';
import { readKotakStatus } from '../status-map';

interface Seen {
  reported: string | null;
  rejected: boolean;
  trades: Set<string>;
}

export class OrderWatch {
  readonly #seen = new Map<string, Seen>();

  /** The updates `report` brings; `notice` (SL-M sent as SL) rides on the first status. */
  diff(report: BrokerOrderReport, notice: string | null): { updates: BrokerUpdate[]; noticeUsed: boolean } {
    const ids = { clientOrderId: report.clientOrderId, brokerOrderId: report.brokerOrderId };
    const seen = this.#seen.get(report.clientOrderId) ?? { reported: null, rejected: false, trades: new Set<string>() };
    this.#seen.set(report.clientOrderId, seen);
    const reading = readKotakStatus(report.brokerStatus, { filledQuantity: report.filledQuantity, quantity: report.quantity });
    const updates: BrokerUpdate[] = [];
    let noticeUsed = false;
    const reported = reading.interim ? null : reading.reported;

    if ((reported === 'OPEN' || reported === 'TRIGGER_PENDING') && reported !== seen.reported) {
      seen.reported = reported;
      noticeUsed = notice !== null;
      updates.push({ kind: 'status', ...ids, status: reported, brokerStatus: report.brokerStatus, message: notice ?? report.message });
    }
    for (const trade of report.trades) {
      if (seen.trades.has(trade.tradeId)) continue;
      seen.trades.add(trade.tradeId);
      updates.push({ kind: 'fill', ...ids, trade });
    }
    if (reported === 'CANCELLED' && seen.reported !== 'CANCELLED') {
      seen.reported = 'CANCELLED';
      updates.push({ kind: 'status', ...ids, status: 'CANCELLED', brokerStatus: report.brokerStatus, message: report.message });
    }
    if (report.status === 'REJECTED' && !seen.rejected) {
      seen.rejected = true;
      updates.push({ kind: 'rejected', ...ids, reason: report.message ?? `Kotak rejected the order (${report.brokerStatus})` });
    }
    return { updates, noticeUsed };
  }

  /** Marks trades as already known (they came with a response). */
  noteTrades(clientOrderId: string, tradeIds: readonly string[]): void {
    const seen = this.#seen.get(clientOrderId) ?? { reported: null, rejected: false, trades: new Set<string>() };
    for (const id of tradeIds) seen.trades.add(id);
    this.#seen.set(clientOrderId, seen);
  }
}
