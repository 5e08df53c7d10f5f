import type { Decision, OrderPreview } from '../../../src-shared/contract/domains/orders';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import type { Quote } from '../../../src-shared/market/quote';
import type { Paise } from '../../../src-shared/money';
import type { OrderIntent } from '../../../src-shared/orders/order-types';
import { isTerminalStatus } from '../../../src-shared/orders/order-types';
import { computeCharges, ZERO_CHARGES, type ChargeBreakdown } from '../charges/compute-charges';
import { addCharges } from '../charges/iceberg-legs';
import { chargeSegment } from '../charges/segment';
import type { RiskResult } from '../risk';
import { sliceIntent } from '../slicing';
import { validateIntent, type ValidationResult } from '../validation';
import type { OmsContext } from './context';

/**
 * What the OMS thinks of an intent right now: validation (the instrument's rules), then
 * risk (settings and the live snapshot), and the slices it would become. The same
 * verdict serves orders.preview and orders.place, so the ticket never promises what
 * placing would refuse.
 */

export interface Verdict {
  instrument: Instrument | undefined;
  validation: ValidationResult | { ok: false; code: 'UNKNOWN_INSTRUMENT' | 'SLICING'; reason: string };
  /** null when validation failed (risk is not asked about an invalid order). */
  risk: RiskResult | { ok: false; code: 'NO_REFERENCE_PRICE'; reason: string } | null;
  slices: ReturnType<typeof sliceIntent>;
  referencePrice: Paise | null;
}

/** The limit for L/SL; else the side's best quote, the LTP, the trigger. */
export function referencePrice(intent: OrderIntent, quote: Quote | null): Paise | null {
  if ((intent.orderType === 'L' || intent.orderType === 'SL') && intent.price !== null && intent.price > 0) return intent.price;
  if (quote) {
    const touch = intent.side === 'BUY' ? quote.ask : quote.bid;
    if (touch !== null && touch > 0) return touch;
    if (quote.ltp > 0) return quote.ltp;
  }
  return intent.triggerPrice !== null && intent.triggerPrice > 0 ? intent.triggerPrice : null;
}

export function openOrderCount(ctx: OmsContext): number {
  let open = 0;
  for (const record of ctx.ledger.cachedRecords()) if (!isTerminalStatus(record.projection.status)) open += 1;
  return open;
}

export function assess(ctx: OmsContext, intent: OrderIntent, now: number): Verdict {
  const instrument = ctx.quotes.instruments().get(intent.token);
  const quote = ctx.quotes.latestQuote(intent.token);
  const ref = referencePrice(intent, quote);
  const base = { instrument, referencePrice: ref, risk: null, slices: [] };
  if (!instrument) {
    return { ...base, validation: { ok: false, code: 'UNKNOWN_INSTRUMENT', reason: `No instrument with token ${intent.token} in today's master.` } };
  }
  const validation = validateIntent(intent, instrument, { tradeDate: istDayOf(now), ltp: quote?.ltp ?? null });
  if (!validation.ok) return { ...base, validation };
  let slices: Verdict['slices'];
  try {
    slices = sliceIntent(intent, instrument);
  } catch (error) {
    return { ...base, validation: { ok: false, code: 'SLICING', reason: (error as Error).message } };
  }
  const settings = ctx.risk.settings;
  if (ref === null && !settings.killSwitchEngaged && (settings.maxOrderValue !== null || settings.maxPositionValuePerInstrument !== null)) {
    const reason = `No price for ${instrument.tradingsymbol} yet (no quote): the order's value cannot be checked against the limits.`;
    return { ...base, validation, slices, risk: { ok: false, code: 'NO_REFERENCE_PRICE', reason } };
  }
  const risk = ctx.risk.check(
    { side: intent.side, quantity: intent.quantity, price: ref ?? 0, exchangeOrders: slices.length },
    {
      now,
      openOrderCount: openOrderCount(ctx),
      instrumentNetQuantity: ctx.positions.netQuantity(intent.token),
      dayPnl: ctx.positions.dayPnl((t) => ctx.quotes.latestQuote(t)),
    },
  );
  return { ...base, validation, slices, risk };
}

const decision = (d: { ok: true } | { ok: false; code: string; reason: string }): Decision =>
  d.ok ? { ok: true } : { ok: false, code: d.code, reason: d.reason };

export function preview(ctx: OmsContext, intent: OrderIntent): OrderPreview {
  const verdict = assess(ctx, intent, ctx.clock());
  const { instrument, referencePrice: ref } = verdict;
  const value = ref !== null ? intent.quantity * ref : null;
  const lots = instrument && intent.quantity > 0 && intent.quantity % instrument.lotSize === 0 ? intent.quantity / instrument.lotSize : null;
  return {
    ok: verdict.validation.ok && verdict.risk?.ok === true,
    instrument: instrument ?? null,
    validation: decision(verdict.validation),
    risk: verdict.risk ? decision(verdict.risk) : null,
    referencePrice: ref,
    value: value !== null && Number.isSafeInteger(value) ? value : null,
    charges: instrument && ref !== null && verdict.validation.ok ? chargesFor(ctx, intent, instrument, ref, verdict.slices) : null,
    lots,
    slices: verdict.slices.length,
    maxSliceQuantity: verdict.slices.length > 1 ? Math.max(...verdict.slices.map((s) => s.intent.quantity)) : null,
  };
}

/** Each slice — and each leg of an iceberg — is an executed order of its own: ₹20 and STT rounding per order. */
function chargesFor(ctx: OmsContext, intent: OrderIntent, instrument: Instrument, price: Paise, slices: Verdict['slices']): ChargeBreakdown | null {
  let segment;
  try {
    segment = chargeSegment(instrument.instrumentType, intent.product);
  } catch {
    return null;
  }
  const tradeDate = istDayOf(ctx.clock());
  // Validation passed, so an iceberg's legs are equal and whole.
  const legs = intent.icebergLegs;
  const orders = legs !== null ? Array.from({ length: legs }, () => intent.quantity / legs) : slices.map((s) => s.intent.quantity);
  return orders.reduce<ChargeBreakdown>(
    (sum, quantity) => addCharges(sum, computeCharges({ segment, side: intent.side, tradeDate, quantity, price, plan: ctx.brokerage })),
    ZERO_CHARGES,
  );
}
