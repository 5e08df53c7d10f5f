/**
 * Broker calls → Kotak wire requests (pure), on top of order-request.ts.
 *
 * Our client order id travels in Kotak's `ig` tag, which Kotak echoes as `GuiOrdId` in
 * the order book (its public client code maps tag ↔ GuiOrdId). That is how
 * orderStatus(clientOrderId) finds an order whose place response was lost — the
 * reconciliation that must never send an order twice. A stored nOrdNo alone cannot do
 * that: a lost response never told us the number.
 *
 * Tag length: Kotak's limit is not documented; tags seen in public code are ≤ 20
 * letters and digits. Our ids run to 72 characters with '-', '_' and '.', so the tag is
 * "TD" + 18 hex digits of SHA-256(clientOrderId): fixed length, letters and digits,
 * and computable again from the id alone after a restart (no table needed). 72 bits
 * make a collision within one account's day negligible.
 *
 * The tag therefore no longer carries the SEBI algo id (order-request.ts puts it in
 * `ig`). Assumption, to be checked with Kotak: an API session's orders are stamped
 * with the algo id registered for the API key (the venue's "Market order with Algo
 * Id not allowed" shows it knows it without our help); our ledger keeps the algo id
 * in every intent.
 */
import { createHash } from 'node:crypto';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import type { OrderType, Product, Side, Validity } from '../../../../src-shared/orders/order-types';
import type { BrokerCall } from '../../../oms/broker-port';
import { buildKotakCancelOrder, buildKotakModifyOrder, buildKotakPlaceOrder, type KotakBuildResult } from '../order-request';

export type InstrumentRef = Pick<Instrument, 'token' | 'exchangeToken' | 'tradingsymbol' | 'exchange' | 'tickSize'>;

/** What Kotak's modify restates, kept per order by the adapter. */
export interface OrderTerms {
  instrument: InstrumentRef;
  current: {
    side: Side; product: Product; validity: Validity; orderType: OrderType; quantity: number;
    price: number | null; triggerPrice: number | null; marketProtection: number; algoId: string | null;
  };
}

export function kotakTag(clientOrderId: string): string {
  return `TD${createHash('sha256').update(clientOrderId).digest('hex').slice(0, 18).toUpperCase()}`;
}

export interface WireContext {
  instrument(token: number): InstrumentRef | null;
  terms(clientOrderId: string): OrderTerms | null;
  slmProtectionBps?: number | undefined;
}

export type WireResult = KotakBuildResult | { ok: false; code: 'UNKNOWN_INSTRUMENT' | 'UNKNOWN_TERMS' | 'NO_ICEBERG'; reason: string };

/** Said to the trader when an iceberg reaches Kotak: refused before anything is sent. */
export const KOTAK_NO_ICEBERG = "Kotak Neo's API has no iceberg orders; place it without legs (the OMS slices above the freeze quantity) or through Kite.";

export function buildWire(call: BrokerCall, ctx: WireContext): WireResult {
  const options = ctx.slmProtectionBps === undefined ? {} : { slmProtectionBps: ctx.slmProtectionBps };
  switch (call.action) {
    case 'PLACE': {
      // Sending it plain would put the whole quantity on the exchange at once: the very thing an iceberg is meant to avoid.
      if (call.request.icebergLegs !== null) return { ok: false, code: 'NO_ICEBERG', reason: KOTAK_NO_ICEBERG };
      const instrument = ctx.instrument(call.request.token);
      if (!instrument) return { ok: false, code: 'UNKNOWN_INSTRUMENT', reason: `No instrument with token ${call.request.token} in today's Kotak master` };
      const built = buildKotakPlaceOrder(call.request, instrument, { ...options, amo: call.request.amo });
      if (!built.ok) return built;
      const jData = { ...built.request.jData, ig: kotakTag(call.request.clientOrderId) };
      return { ...built, request: { ...built.request, jData } };
    }
    case 'MODIFY': {
      const terms = ctx.terms(call.request.clientOrderId);
      if (!terms) return { ok: false, code: 'UNKNOWN_TERMS', reason: 'The order\'s current terms at Kotak are not known yet; try again in a moment.' };
      // The variety is not restated: Kotak's modify (its public client's) has no `am` key.
      const { clientOrderId: _c, brokerOrderId, amo: _a, icebergLegs: _i, ...changes } = call.request;
      return buildKotakModifyOrder({ orderNo: brokerOrderId, instrument: terms.instrument, current: terms.current, changes }, options);
    }
    case 'CANCEL':
      // An AMO is cancelled with am=YES: Kotak looks for it among the after-market orders.
      return buildKotakCancelOrder(call.request.brokerOrderId, { amo: call.request.amo });
  }
}

/** The terms after a modification Kotak accepted. */
export function applyChanges(terms: OrderTerms, changes: { quantity?: number; price?: number | null; triggerPrice?: number | null; orderType?: OrderType }): OrderTerms {
  const c = terms.current;
  return {
    instrument: terms.instrument,
    current: {
      ...c,
      quantity: changes.quantity ?? c.quantity,
      orderType: changes.orderType ?? c.orderType,
      price: changes.price !== undefined ? changes.price : c.price,
      triggerPrice: changes.triggerPrice !== undefined ? changes.triggerPrice : c.triggerPrice,
    },
  };
}
