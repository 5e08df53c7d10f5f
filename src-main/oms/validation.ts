import type { Instrument } from '../../src-shared/domain/instrument';
import { formatInr, type Paise } from '../../src-shared/money';
import type { OrderIntent } from '../../src-shared/orders/order-types';
import { checkVariety, type VarietyCode } from '../../src-shared/orders/variety-rules';

/**
 * Checks an intent against the day's instrument master before anything else sees it.
 * Each refusal carries a stable code (for the ledger and tests) and one sentence the
 * trader can act on (for the ticket). Only documented exchange/broker rules live here;
 * risk limits are risk.ts's job, freeze quantities slicing.ts's — except an iceberg's
 * legs, which must each fit under the freeze limit because an iceberg is never sliced
 * (src-shared/orders/variety-rules.ts, shared with the ticket).
 */

export type ValidationCode =
  | 'INSTRUMENT_MISMATCH'
  | 'NOT_TRADABLE'
  | 'EXPIRED'
  | 'BAD_QUANTITY'
  | 'NOT_WHOLE_LOTS'
  | 'PRODUCT_NOT_ALLOWED'
  | 'PRICE_REQUIRED'
  | 'PRICE_NOT_ALLOWED'
  | 'PRICE_OFF_TICK'
  | 'TRIGGER_REQUIRED'
  | 'TRIGGER_NOT_ALLOWED'
  | 'TRIGGER_OFF_TICK'
  | 'TRIGGER_WRONG_SIDE'
  | 'MARKET_PROTECTION_REQUIRED'
  | VarietyCode;

export type ValidationResult = { ok: true } | { ok: false; code: ValidationCode; reason: string };

export interface ValidationContext {
  /** IST trading day 'YYYY-MM-DD'; when given, expired contracts are refused. */
  tradeDate?: string;
  /**
   * Last traded price; when given, stop triggers must not already be crossed (Kite
   * refuses a stop-loss buy whose trigger is not above the LTP, and the mirror for sells),
   * since such an order would trigger the moment it arrived.
   */
  ltp?: Paise | null;
}

const OK: ValidationResult = { ok: true };
const fail = (code: ValidationCode, reason: string): ValidationResult => ({ ok: false, code, reason });

export function isDerivative(instrument: Instrument): boolean {
  return instrument.instrumentType === 'FUT' || instrument.instrumentType === 'CE' || instrument.instrumentType === 'PE';
}

export function validateIntent(intent: OrderIntent, instrument: Instrument, context: ValidationContext = {}): ValidationResult {
  return (
    firstFailure([
      () => checkInstrument(intent, instrument, context),
      () => checkQuantity(intent, instrument),
      () => checkProduct(intent, instrument),
      () => checkOrderTypeFields(intent),
      () => checkTickGrid(intent, instrument),
      () => checkTriggerSide(intent, context),
      () => checkVariety(intent, instrument),
    ]) ?? OK
  );
}

function firstFailure(checks: ReadonlyArray<() => ValidationResult>): ValidationResult | null {
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  return null;
}

function checkInstrument(intent: OrderIntent, instrument: Instrument, context: ValidationContext): ValidationResult {
  const name = instrument.tradingsymbol;
  if (intent.token !== instrument.token) {
    return fail('INSTRUMENT_MISMATCH', `The order is for token ${intent.token} but was checked against ${name} (${instrument.token}).`);
  }
  if (instrument.instrumentType === 'INDEX') {
    return fail('NOT_TRADABLE', `${name} is an index and cannot be traded; trade its futures or options instead.`);
  }
  if (context.tradeDate && instrument.expiry && instrument.expiry < context.tradeDate) {
    return fail('EXPIRED', `${name} expired on ${instrument.expiry}.`);
  }
  return OK;
}

function checkQuantity(intent: OrderIntent, instrument: Instrument): ValidationResult {
  if (!Number.isSafeInteger(intent.quantity) || intent.quantity <= 0) {
    return fail('BAD_QUANTITY', `Quantity must be a whole number above zero, not ${intent.quantity}.`);
  }
  if (isDerivative(instrument) && intent.quantity % instrument.lotSize !== 0) {
    const lot = instrument.lotSize;
    const lower = Math.floor(intent.quantity / lot) * lot;
    const hint = lower > 0 ? `${lower} or ${lower + lot}` : `${lot}`;
    return fail(
      'NOT_WHOLE_LOTS',
      `Quantity ${intent.quantity} is not a whole number of lots: ${instrument.tradingsymbol} trades in lots of ${lot} (try ${hint}).`,
    );
  }
  return OK;
}

function checkProduct(intent: OrderIntent, instrument: Instrument): ValidationResult {
  if (isDerivative(instrument) && intent.product === 'CNC') {
    return fail('PRODUCT_NOT_ALLOWED', 'CNC is for cash delivery; use NRML to carry F&O overnight or MIS for intraday.');
  }
  if (instrument.instrumentType === 'EQ' && intent.product === 'NRML') {
    return fail('PRODUCT_NOT_ALLOWED', 'NRML is for F&O; use CNC for delivery or MIS for intraday in cash.');
  }
  return OK;
}

function checkOrderTypeFields(intent: OrderIntent): ValidationResult {
  const hasPrice = intent.price !== null;
  const hasTrigger = intent.triggerPrice !== null;
  switch (intent.orderType) {
    case 'L':
      if (!hasPrice || intent.price === 0) return fail('PRICE_REQUIRED', 'A limit order needs a price above zero.');
      if (hasTrigger) return fail('TRIGGER_NOT_ALLOWED', 'A limit order takes no trigger price; use SL for a stop-loss limit.');
      return OK;
    case 'MKT':
      if (hasPrice) return fail('PRICE_NOT_ALLOWED', 'A market order takes no price; use a limit order to name one.');
      if (hasTrigger) return fail('TRIGGER_NOT_ALLOWED', 'A market order takes no trigger price; use SL-M for a stop-loss market order.');
      return requireProtection('A market order');
    case 'SL':
      if (!hasPrice || intent.price === 0) return fail('PRICE_REQUIRED', 'A stop-loss limit order needs a limit price above zero.');
      if (!hasTrigger || intent.triggerPrice === 0) return fail('TRIGGER_REQUIRED', 'A stop-loss order needs a trigger price above zero.');
      return OK;
    case 'SL-M':
      if (hasPrice) return fail('PRICE_NOT_ALLOWED', 'A stop-loss market order takes only a trigger price; use SL to add a limit price.');
      if (!hasTrigger || intent.triggerPrice === 0) return fail('TRIGGER_REQUIRED', 'A stop-loss market order needs a trigger price above zero.');
      // It becomes a market order when triggered; brokers apply market protection to SL-M too (Kite: MARKET and SL-M).
      return requireProtection('A stop-loss market order');
  }

  function requireProtection(what: string): ValidationResult {
    return intent.marketProtection === 0
      ? fail('MARKET_PROTECTION_REQUIRED', `${what} needs market protection (a percentage, or auto) under SEBI's 2026 rules.`)
      : OK;
  }
}

function checkTickGrid(intent: OrderIntent, instrument: Instrument): ValidationResult {
  const tick = instrument.tickSize;
  if (intent.price !== null && intent.price % tick !== 0) {
    return fail('PRICE_OFF_TICK', `Price ${formatInr(intent.price)} is not a multiple of the tick size ${formatInr(tick)}.`);
  }
  if (intent.triggerPrice !== null && intent.triggerPrice % tick !== 0) {
    return fail(
      'TRIGGER_OFF_TICK',
      `Trigger price ${formatInr(intent.triggerPrice)} is not a multiple of the tick size ${formatInr(tick)}.`,
    );
  }
  return OK;
}

function checkTriggerSide(intent: OrderIntent, context: ValidationContext): ValidationResult {
  const trigger = intent.triggerPrice;
  if (trigger === null || (intent.orderType !== 'SL' && intent.orderType !== 'SL-M')) return OK;
  const buy = intent.side === 'BUY';
  // A stop-loss limit trades at its limit once triggered: a buy's limit cannot sit below its trigger.
  if (intent.orderType === 'SL' && intent.price !== null) {
    if (buy && trigger > intent.price) {
      return fail('TRIGGER_WRONG_SIDE', `For a buy stop-loss the trigger (${formatInr(trigger)}) must not be above the price (${formatInr(intent.price)}).`);
    }
    if (!buy && trigger < intent.price) {
      return fail('TRIGGER_WRONG_SIDE', `For a sell stop-loss the trigger (${formatInr(trigger)}) must not be below the price (${formatInr(intent.price)}).`);
    }
  }
  const ltp = context.ltp;
  if (ltp !== undefined && ltp !== null) {
    if (buy && trigger <= ltp) {
      return fail('TRIGGER_WRONG_SIDE', `For a buy stop-loss the trigger (${formatInr(trigger)}) must be above the last price (${formatInr(ltp)}).`);
    }
    if (!buy && trigger >= ltp) {
      return fail('TRIGGER_WRONG_SIDE', `For a sell stop-loss the trigger (${formatInr(trigger)}) must be below the last price (${formatInr(ltp)}).`);
    }
  }
  return OK;
}
