import { assertPaise, type Paise } from '../../src-shared/money';
import type { Product, Side } from '../../src-shared/orders/order-types';
import { averagePaise, averageRupeesString, divideHalfUp } from '../../src-shared/orders/exact-average';

/**
 * Net positions from fills, per (token, product, strategyId) — strategies never share a
 * position, so closing one strategy's book cannot touch another's.
 *
 * Average cost, as Indian brokers show net positions (not FIFO): the position keeps its
 * cost basis C = Σ signed qty × price of the open quantity (negative for a short), and
 * average price = C / netQuantity, divided only for display.
 *
 * Reducing by q of n units removes C × q / n from the basis, rounded half-up to the
 * paisa; the rest stays in the basis, so no paisa is lost or invented — once the
 * position is flat, realised P&L is exactly proceeds − cost. A fill larger than the
 * position closes it and opens the rest on the other side at the fill price (a flip).
 *
 * Day vs carried: `rollOverDay` starts a new trading day keeping the cost basis (so the
 * average price and overall P&L stay right the next day) and records the carried
 * quantity at the previous close, from which the day's mark-to-market (M2M) is measured:
 *   day M2M = day sell value − day buy value + net qty × LTP − carried value.
 */

export interface PositionKey {
  token: number;
  product: Product;
  strategyId: string;
}

export interface Position extends PositionKey {
  /** + long, − short. */
  netQuantity: number;
  /** Signed cost of the open quantity at average cost, in paise. */
  costBasis: Paise;
  /** Realised P&L since the position was first opened (all days). */
  realisedPnl: Paise;
  /** Net quantity at the start of today. */
  carriedQuantity: number;
  /** carriedQuantity × previous close (or the cost basis when no close was known). */
  carriedValue: Paise;
  dayBuyQuantity: number;
  dayBuyValue: Paise;
  daySellQuantity: number;
  daySellValue: Paise;
  /** Realised today, against the average cost. */
  dayRealisedPnl: Paise;
}

export interface PositionFill extends PositionKey {
  side: Side;
  quantity: number;
  price: Paise;
}

export interface PositionMark {
  averagePrice: Paise | null;
  /** 4-decimal rupee string of the exact average, for storage; null when flat. */
  averagePriceRupees: string | null;
  unrealisedPnl: Paise;
  /** realised + unrealised since the position opened. */
  totalPnl: Paise;
  /** Today's mark-to-market against the previous close for carried quantity. */
  dayPnl: Paise;
}

export function positionKeyString(key: PositionKey): string {
  return `${key.token}|${key.product}|${key.strategyId}`;
}

export function emptyPosition(key: PositionKey): Position {
  return {
    token: key.token, product: key.product, strategyId: key.strategyId,
    netQuantity: 0, costBasis: 0, realisedPnl: 0,
    carriedQuantity: 0, carriedValue: 0,
    dayBuyQuantity: 0, dayBuyValue: 0, daySellQuantity: 0, daySellValue: 0, dayRealisedPnl: 0,
  };
}

const toPaise = (value: bigint, what: string): Paise => assertPaise(Number(value), what);

/** Pure: the position after one fill. */
export function applyFill(position: Position, fill: PositionFill): Position {
  if (positionKeyString(position) !== positionKeyString(fill)) throw new RangeError('Fill applied to another position');
  if (!Number.isSafeInteger(fill.quantity) || fill.quantity <= 0) throw new RangeError(`Bad fill quantity ${fill.quantity}`);
  assertPaise(fill.price, 'fill price');
  const dir = fill.side === 'BUY' ? 1 : -1;
  const value = BigInt(fill.quantity) * BigInt(fill.price);
  const next: Position = { ...position };
  if (dir === 1) {
    next.dayBuyQuantity += fill.quantity;
    next.dayBuyValue = toPaise(BigInt(position.dayBuyValue) + value, 'day buy value');
  } else {
    next.daySellQuantity += fill.quantity;
    next.daySellValue = toPaise(BigInt(position.daySellValue) + value, 'day sell value');
  }

  const n = position.netQuantity;
  if (n === 0 || Math.sign(n) === dir) {
    next.netQuantity = n + dir * fill.quantity;
    next.costBasis = toPaise(BigInt(position.costBasis) + BigInt(dir) * value, 'cost basis');
    return next;
  }

  const open = Math.abs(n);
  const closing = Math.min(fill.quantity, open);
  const basis = BigInt(position.costBasis);
  const removed = closing === open ? basis : divideHalfUp(basis * BigInt(closing), BigInt(open));
  // Long: proceeds − cost; short: cost received − buy-back. Both are sign(n)·q·p − removed.
  const realised = BigInt(Math.sign(n)) * BigInt(closing) * BigInt(fill.price) - removed;
  next.realisedPnl = toPaise(BigInt(position.realisedPnl) + realised, 'realised P&L');
  next.dayRealisedPnl = toPaise(BigInt(position.dayRealisedPnl) + realised, 'day realised P&L');
  next.netQuantity = n - Math.sign(n) * closing;
  next.costBasis = toPaise(basis - removed, 'cost basis');

  const flipped = fill.quantity - closing;
  if (flipped > 0) {
    next.netQuantity = dir * flipped;
    next.costBasis = toPaise(BigInt(dir) * BigInt(flipped) * BigInt(fill.price), 'cost basis');
  }
  return next;
}

/** Marks a position to the last traded price. */
export function markPosition(position: Position, ltp: Paise): PositionMark {
  assertPaise(ltp, 'LTP');
  const market = BigInt(position.netQuantity) * BigInt(ltp);
  const unrealised = market - BigInt(position.costBasis);
  const day = BigInt(position.daySellValue) - BigInt(position.dayBuyValue) + market - BigInt(position.carriedValue);
  return {
    averagePrice: averagePaise(BigInt(position.costBasis), position.netQuantity),
    averagePriceRupees: averageRupeesString(BigInt(position.costBasis), position.netQuantity, 4),
    unrealisedPnl: toPaise(unrealised, 'unrealised P&L'),
    totalPnl: toPaise(BigInt(position.realisedPnl) + unrealised, 'total P&L'),
    dayPnl: toPaise(day, 'day P&L'),
  };
}

/**
 * The same position at the start of the next trading day: cost basis and average kept,
 * day counters cleared, carried quantity valued at `previousClose` (null → at cost, so
 * day M2M then equals unrealised P&L).
 */
export function rollOverDay(position: Position, previousClose: Paise | null): Position {
  const carriedValue =
    previousClose === null ? position.costBasis : toPaise(BigInt(position.netQuantity) * BigInt(previousClose), 'carried value');
  return {
    ...position,
    carriedQuantity: position.netQuantity,
    carriedValue,
    dayBuyQuantity: 0, dayBuyValue: 0, daySellQuantity: 0, daySellValue: 0, dayRealisedPnl: 0,
  };
}

export type PositionBook = ReadonlyMap<string, Position>;

/** Applies fills in order to a book (e.g. yesterday's rolled-over book), returning a new book. */
export function applyFills(book: PositionBook, fills: readonly PositionFill[]): Map<string, Position> {
  const next = new Map(book);
  for (const fill of fills) {
    const key = positionKeyString(fill);
    next.set(key, applyFill(next.get(key) ?? emptyPosition(fill), fill));
  }
  return next;
}

/**
 * Next day's book: carried positions rolled at their closes; positions flat at the
 * close are dropped (their realised P&L belongs to the day that is ending).
 */
export function rollOverBook(book: PositionBook, previousClose: (token: number) => Paise | null): Map<string, Position> {
  const next = new Map<string, Position>();
  for (const [key, position] of book) {
    if (position.netQuantity !== 0) next.set(key, rollOverDay(position, previousClose(position.token)));
  }
  return next;
}
