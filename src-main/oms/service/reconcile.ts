import type { OrderEventPayload } from '../../../src-shared/orders/order-events';
import { isTerminalStatus } from '../../../src-shared/orders/order-types';
import type { BrokerOrderReport } from '../broker-port';
import type { OrderRecord } from '../ledger/ledger-types';
import { Plan } from './broker-sync';
import type { OmsContext } from './context';
import { writeOrderEvents } from './order-writer';

/**
 * Start-up reconciliation: every order the ledger left in flight is settled with the
 * broker's own view of it (asked by client order id). Nothing is ever sent again:
 *
 *   PENDING_LOCAL (no request written)  → REJECTED, never sent
 *   SENT, unknown to the broker          → REJECTED: the request never reached it
 *   SENT, known to the broker            → RESPONSE_RECEIVED (its report, verbatim) + its state
 *   MODIFY_PENDING                       → confirmed if the broker holds the new terms, else refused
 *   CANCEL_PENDING                       → confirmed if the broker cancelled it, else refused
 *   working                              → fills and status changes missed while down
 */

export interface ReconcileOutcome {
  clientOrderId: string;
  before: string;
  after: string;
  events: string[];
}

export async function reconcileAll(ctx: OmsContext): Promise<ReconcileOutcome[]> {
  const open = [...ctx.ledger.cachedRecords()].filter((r) => !isTerminalStatus(r.projection.status));
  const outcomes: ReconcileOutcome[] = [];
  for (const record of open) {
    const id = record.projection.clientOrderId;
    outcomes.push(await ctx.orderLock.run(id, () => reconcileOne(ctx, id)));
  }
  return outcomes;
}

/** Settles one order with the broker; the caller holds its lock. */
export async function reconcileOne(ctx: OmsContext, clientOrderId: string): Promise<ReconcileOutcome> {
  const record = (await ctx.ledger.record(clientOrderId)) as OrderRecord;
  const before = record.projection.status;
  const plan = new Plan(record);
  if (before === 'PENDING_LOCAL') {
    plan.add({ type: 'REJECTED', reason: 'Interrupted before it was sent (restart); it was not sent.' });
  } else if (!isTerminalStatus(before)) {
    const report = await ctx.broker.orderStatus(clientOrderId);
    settle(plan, report);
  }
  if (plan.skipped.length > 0) ctx.log.warn('reconciliation: events the order could not take', { clientOrderId, skipped: plan.skipped });
  const after = plan.payloads.length > 0 ? await writeOrderEvents(ctx, clientOrderId, plan.payloads) : record;
  const outcome = { clientOrderId, before, after: after.projection.status, events: plan.payloads.map((p) => p.type) };
  if (plan.payloads.length > 0) ctx.log.info('reconciled', { ...outcome });
  return outcome;
}

function settle(plan: Plan, report: BrokerOrderReport | null): void {
  const status = plan.projection.status;
  if (report === null) {
    const reason = status === 'SENT'
      ? 'The broker never received it (restart before the call); it was not sent again.'
      : 'The broker no longer knows this order.';
    if (status === 'SENT') plan.add({ type: 'REJECTED', reason });
    else plan.add({ type: 'STATUS_CHANGED', status: 'CANCELLED', brokerStatus: 'UNKNOWN', message: reason });
    return;
  }
  if (status === 'SENT') {
    plan.add({ type: 'RESPONSE_RECEIVED', action: 'PLACE', response: { reconciled: true, report }, brokerOrderId: report.brokerOrderId });
  }
  const state = plan.projection.state;
  const modifyPending = state.status === 'MODIFY_PENDING' || (state.status === 'CANCEL_PENDING' && state.modifyInFlight);
  if (modifyPending) {
    const pending = plan.projection.pendingModification ?? {};
    const applied = sameTerms(pending, report);
    const verdict: OrderEventPayload = applied
      ? { type: 'MODIFY_CONFIRMED' }
      : { type: 'MODIFY_REJECTED', reason: 'The modification was not confirmed by the broker before the restart.' };
    if (!plan.add(verdict) && applied) plan.add({ type: 'MODIFY_REJECTED', reason: 'The confirmed modification does not fit the order.' });
  }
  plan.syncReport(report);
  if (plan.projection.status === 'CANCEL_PENDING') {
    plan.add({ type: 'CANCEL_REJECTED', reason: 'The cancel was not confirmed by the broker before the restart; the order is still working.' });
  }
}

function sameTerms(pending: { quantity?: number; price?: number | null; triggerPrice?: number | null; orderType?: string }, report: BrokerOrderReport): boolean {
  return (pending.quantity === undefined || pending.quantity === report.quantity)
    && (pending.price === undefined || pending.price === report.price)
    && (pending.triggerPrice === undefined || pending.triggerPrice === report.triggerPrice)
    && (pending.orderType === undefined || pending.orderType === report.orderType);
}
