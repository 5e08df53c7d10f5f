import { formatInr, type Paise } from '../../src-shared/money';
import type { Side } from '../../src-shared/orders/order-types';

/**
 * Pre-trade risk checks: pure functions of the settings (`risk_settings`) and a snapshot
 * the caller takes at the moment of the check. Run on the order the trader placed (the
 * parent), after validation and before slicing; `exchangeOrders` says how many orders
 * it will become so the open-order cap counts slices.
 *
 * Every decision, pass or fail, is for the caller to write to the ledger.
 *
 * The daily loss limit is measured on the day's realised + unrealised P&L (the sum of
 * the positions' day M2M, positions.markPosition().dayPnl). Reaching it refuses the
 * order AND asks the caller to engage the kill switch (`tripKillSwitch`), which then
 * blocks every new order — exits included — until the trader resets it; the caller also
 * cancels open orders when it engages. `shouldTripKillSwitch` is the same test for the
 * mark-to-market loop, so the switch trips on a price move, not only on the next order.
 */

export interface RiskSettings {
  /** Largest value (quantity × price) of one order; null = no limit. */
  maxOrderValue: Paise | null;
  /** Largest absolute value of the net position in one instrument after the order; null = no limit. */
  maxPositionValuePerInstrument: Paise | null;
  /** Most orders resting at the broker at once; null = no limit. */
  maxOpenOrders: number | null;
  /** SEBI: above 10 orders per second an algo must be registered. */
  maxOrdersPerSecond: number;
  /** The most the day may lose (a positive amount); null = no limit. */
  dailyLossLimit: Paise | null;
  killSwitchEngaged: boolean;
}

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  maxOrderValue: null,
  maxPositionValuePerInstrument: null,
  maxOpenOrders: null,
  maxOrdersPerSecond: 10,
  dailyLossLimit: null,
  killSwitchEngaged: false,
};

export interface RiskSnapshot {
  /** Epoch ms of the check. */
  now: number;
  openOrderCount: number;
  /** Epoch ms at which recent orders were sent (older than a second may be included; they are ignored). */
  recentOrderTimestamps: readonly number[];
  /** Net quantity in the order's instrument across all products and strategies (+ long, − short). */
  instrumentNetQuantity: number;
  /** Today's realised + unrealised P&L in paise. */
  dayPnl: Paise;
}

export interface RiskOrder {
  side: Side;
  quantity: number;
  /** Limit price, or for a market order a reference price (LTP, or the protection bound). */
  price: Paise;
  /** Exchange orders this becomes after slicing; 1 when not sliced. */
  exchangeOrders?: number;
}

export type RiskCode =
  | 'KILL_SWITCH'
  | 'DAILY_LOSS_LIMIT'
  | 'MAX_ORDER_VALUE'
  | 'MAX_POSITION_VALUE'
  | 'MAX_OPEN_ORDERS'
  | 'ORDER_RATE';

export type RiskResult = { ok: true } | { ok: false; code: RiskCode; reason: string; tripKillSwitch?: boolean };

const WINDOW_MS = 1000;

export function checkRisk(order: RiskOrder, settings: RiskSettings, snapshot: RiskSnapshot): RiskResult {
  if (settings.killSwitchEngaged) {
    return { ok: false, code: 'KILL_SWITCH', reason: 'The kill switch is on: no new orders until you reset it.' };
  }
  if (shouldTripKillSwitch(settings, snapshot.dayPnl)) {
    return {
      ok: false,
      code: 'DAILY_LOSS_LIMIT',
      reason: `Today's P&L ${formatInr(snapshot.dayPnl)} has reached the daily loss limit of ${formatInr(settings.dailyLossLimit ?? 0)}; the kill switch is now on.`,
      tripKillSwitch: true,
    };
  }
  const orderValue = BigInt(order.quantity) * BigInt(order.price);
  if (settings.maxOrderValue !== null && orderValue > BigInt(settings.maxOrderValue)) {
    return {
      ok: false,
      code: 'MAX_ORDER_VALUE',
      reason: `Order value ${formatBig(orderValue)} is above the limit of ${formatInr(settings.maxOrderValue)} per order.`,
    };
  }
  const positionResult = checkPositionValue(order, settings, snapshot);
  if (!positionResult.ok) return positionResult;
  const exchangeOrders = order.exchangeOrders ?? 1;
  if (settings.maxOpenOrders !== null && snapshot.openOrderCount + exchangeOrders > settings.maxOpenOrders) {
    return {
      ok: false,
      code: 'MAX_OPEN_ORDERS',
      reason: `${snapshot.openOrderCount} orders are open and this adds ${exchangeOrders}; the limit is ${settings.maxOpenOrders}.`,
    };
  }
  if (ordersInLastSecond(snapshot.recentOrderTimestamps, snapshot.now) >= settings.maxOrdersPerSecond) {
    return {
      ok: false,
      code: 'ORDER_RATE',
      reason: `${settings.maxOrdersPerSecond} orders were already sent in the last second, the most allowed; try again in a moment.`,
    };
  }
  return { ok: true };
}

/** True when today's P&L has reached the loss limit. */
export function shouldTripKillSwitch(settings: Pick<RiskSettings, 'dailyLossLimit'>, dayPnl: Paise): boolean {
  return settings.dailyLossLimit !== null && dayPnl <= -settings.dailyLossLimit;
}

/** Orders sent within (now − 1 s, now]. */
export function ordersInLastSecond(timestamps: readonly number[], now: number): number {
  return timestamps.filter((t) => t > now - WINDOW_MS && t <= now).length;
}

/**
 * How long the sender must wait before the next order keeps within the rate (0 = now).
 * Slices of one parent go out paced by this, instead of failing the rate check.
 */
export function sendDelayMs(timestamps: readonly number[], now: number, maxOrdersPerSecond: number): number {
  const inWindow = timestamps.filter((t) => t > now - WINDOW_MS && t <= now).sort((a, b) => a - b);
  if (inWindow.length < maxOrdersPerSecond) return 0;
  // The window frees a slot when the oldest order that keeps it full slides out.
  const blocking = inWindow[inWindow.length - maxOrdersPerSecond] ?? now;
  return blocking + WINDOW_MS - now;
}

function checkPositionValue(order: RiskOrder, settings: RiskSettings, snapshot: RiskSnapshot): RiskResult {
  if (settings.maxPositionValuePerInstrument === null) return { ok: true };
  const current = snapshot.instrumentNetQuantity;
  const after = current + (order.side === 'BUY' ? order.quantity : -order.quantity);
  // An order that only shrinks the position is always allowed: the trader must be able to get out.
  if (Math.abs(after) <= Math.abs(current) && Math.sign(after) !== -Math.sign(current)) return { ok: true };
  const value = BigInt(Math.abs(after)) * BigInt(order.price);
  if (value <= BigInt(settings.maxPositionValuePerInstrument)) return { ok: true };
  return {
    ok: false,
    code: 'MAX_POSITION_VALUE',
    reason: `The position after this order would be worth ${formatBig(value)}, above the limit of ${formatInr(settings.maxPositionValuePerInstrument)} per instrument.`,
  };
}

/** formatInr for a bigint that may exceed the safe range (shown, never summed). */
function formatBig(value: bigint): string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? formatInr(Number(value)) : `₹${(value / 100n).toString()}`;
}
