import type { Quote } from '../../../src-shared/market/quote';
import type { Paise } from '../../../src-shared/money';
import { MARKET_PROTECTION_AUTO, type OrderType, type Side, type Validity } from '../../../src-shared/orders/order-types';

/**
 * The paper venue's matching rules, pure. One order meets one quote:
 *
 * - Stops (SL, SL-M) wait in TRIGGER_PENDING until the LTP touches the trigger (buy:
 *   LTP ≥ trigger, sell: LTP ≤ trigger); then SL matches as a limit and SL-M as a market.
 * - Market orders take the opposite side (buy at the ask, sell at the bid) for as much as
 *   the quoted size allows. The quote's bidQty/askQty is the depth: several orders on one
 *   quote share it (`Liquidity`), so a short book gives partial fills and the rest waits
 *   for later quotes. Market protection fixes, when the order becomes marketable, the worst
 *   price it accepts (LTP ± protection); beyond it the order waits, as a protected order does.
 * - Limit orders fill when crossed: a buy when ask ≤ limit (at the ask: the better price),
 *   a sell when bid ≥ limit.
 * - IOC: the first time the order is live (at placement, or when its trigger fires) it
 *   takes what it can and the remainder is cancelled.
 * - Iceberg: the order is worked one leg (quantity / legs) at a time, as the broker
 *   sends the next leg only once the previous one filled: a pass fills at most what is
 *   left of the current leg, so each leg is its own trade (or trades, on a short book)
 *   and the trade book shows the legs.
 */

/** −1 (auto) is taken as 3 %, a common broker default for automatic protection. */
export const AUTO_PROTECTION_BPS = 300;

export interface MatchableOrder {
  side: Side;
  orderType: OrderType;
  validity: Validity;
  quantity: number;
  filledQuantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
  marketProtection: number;
  protectionPrice: Paise | null;
  triggered: boolean;
  /** Iceberg legs (quantity splits evenly into them), or null. */
  icebergLegs: number | null;
}

/** Units an order may fill in one pass: what is left, or of an iceberg what is left of its current leg. */
export function fillableNow(order: Pick<MatchableOrder, 'quantity' | 'filledQuantity' | 'icebergLegs'>): number {
  const remaining = order.quantity - order.filledQuantity;
  if (order.icebergLegs === null) return remaining;
  const leg = Math.floor(order.quantity / order.icebergLegs);
  if (leg <= 0) return remaining;
  return Math.min(remaining, leg - (order.filledQuantity % leg));
}

/** Depth left on one quote for this pass, consumed as orders fill against it. */
export interface Liquidity {
  /** The quote's `ts`: depth resets when a newer quote arrives. */
  ts: number;
  bidQty: number;
  askQty: number;
}

export interface MatchResult {
  /** The stop trigger fired in this pass. */
  triggered: boolean;
  /** Set when the order became marketable in this pass (MKT, triggered SL-M). */
  protectionPrice: Paise | null;
  fill: { quantity: number; price: Paise } | null;
  /** IOC remainder to cancel. */
  expire: boolean;
}

const isStop = (type: OrderType): boolean => type === 'SL' || type === 'SL-M';

/** Fresh depth for a quote, or what is left of it when the same quote is seen again. */
export function liquidityFor(quote: Quote, previous: Liquidity | undefined): Liquidity {
  if (previous && previous.ts === quote.ts) return previous;
  return { ts: quote.ts, bidQty: quote.bidQty, askQty: quote.askQty };
}

/** The worst price a marketable order accepts; null = no bound (protection 0). */
export function protectionBound(side: Side, ltp: Paise, marketProtection: number): Paise | null {
  const bps = marketProtection === MARKET_PROTECTION_AUTO ? AUTO_PROTECTION_BPS : marketProtection;
  if (bps <= 0) return null;
  const move = Math.ceil((ltp * bps) / 10_000);
  return side === 'BUY' ? ltp + move : Math.max(0, ltp - move);
}

/**
 * One pass of `order` against `quote` (null: no quote yet). `liquidity` is consumed in
 * place when the order fills. `firstPass` is true at placement: an IOC order that is
 * live then (not a waiting stop) expires whatever it could not take.
 */
export function matchOrder(
  order: MatchableOrder,
  quote: Quote | null,
  liquidity: Liquidity | null,
  firstPass: boolean,
): MatchResult {
  const result: MatchResult = { triggered: false, protectionPrice: null, fill: null, expire: false };
  const remaining = order.quantity - order.filledQuantity;
  if (remaining <= 0) return result;

  if (isStop(order.orderType) && !order.triggered) {
    if (!quote || order.triggerPrice === null) return result;
    const touched = order.side === 'BUY' ? quote.ltp >= order.triggerPrice : quote.ltp <= order.triggerPrice;
    if (!touched) return result;
    result.triggered = true;
  }
  // Live from here on: IOC gets this one pass, whether it was placement or the trigger.
  const oneShot = order.validity === 'IOC' && (firstPass || result.triggered);

  const marketable = order.orderType === 'MKT' || order.orderType === 'SL-M';
  let limit: Paise | null = marketable ? order.protectionPrice : order.price;
  if (marketable && order.protectionPrice === null && quote) {
    limit = protectionBound(order.side, quote.ltp, order.marketProtection);
    result.protectionPrice = limit;
  }

  if (quote && liquidity) {
    const buy = order.side === 'BUY';
    const touch = buy ? quote.ask : quote.bid;
    const depth = buy ? liquidity.askQty : liquidity.bidQty;
    const crosses = touch !== null && touch > 0 && (limit === null || (buy ? touch <= limit : touch >= limit));
    if (crosses && depth > 0) {
      const quantity = Math.min(fillableNow(order), depth);
      if (buy) liquidity.askQty -= quantity;
      else liquidity.bidQty -= quantity;
      result.fill = { quantity, price: touch };
    }
  }
  const filledNow = result.fill?.quantity ?? 0;
  if (oneShot && filledNow < remaining) result.expire = true;
  return result;
}
