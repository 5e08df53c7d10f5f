import type pg from 'pg';
import type { Position as PositionWire } from '../../../src-shared/contract/domains/orders';
import { istDayOf, type IstDay } from '../../../src-shared/market/ist-calendar';
import type { Quote } from '../../../src-shared/market/quote';
import { paiseToRupeesString, rupeesToPaise, type Paise } from '../../../src-shared/money';
import type { Product, Side } from '../../../src-shared/orders/order-types';
import { averagePaise, averageRupeesString } from '../../../src-shared/orders/exact-average';
import {
  applyFill,
  emptyPosition,
  markPosition,
  positionKeyString,
  rollOverDay,
  type Position,
  type PositionFill,
} from '../positions';

/**
 * The positions the OMS works with, exact in paise, in memory. They are the fold of the
 * trade book (`fills`), rebuilt from it at start-up with a roll-over at each IST day, so
 * nothing here needs the rounded `positions` table to be right; that table is written on
 * every fill (same transaction) for the trader's own SQL and for other readers.
 *
 * Day P&L of a carried position is measured from the previous close when a quote gives
 * one (Quote.close), else from cost.
 */

export interface BookEntry {
  position: Position;
  tradingsymbol: string;
  exchange: string;
  /** Charges booked on this position's fills, all days (the same span as realisedPnl). */
  charges: Paise;
}

export interface BookFill extends PositionFill {
  tradingsymbol: string;
  exchange: string;
  charges: Paise;
}

export class PositionBook {
  #entries = new Map<string, BookEntry>();
  #day: IstDay;

  constructor(day: IstDay) {
    this.#day = day;
  }

  /** Folds the trade book into positions as of `today`. */
  static async load(pool: pg.Pool, today: IstDay): Promise<PositionBook> {
    const { rows } = await pool.query<{
      token: string; product: Product; strategy_id: string; side: Side; quantity: number; price: string;
      filled_at: Date; total_charges: string; tradingsymbol: string; exchange: string;
    }>(`SELECT token, product, strategy_id, side, quantity, price, filled_at, total_charges, tradingsymbol, exchange
        FROM fills ORDER BY fill_id`);
    const book = new PositionBook(rows[0] ? istDayOf(rows[0].filled_at.getTime()) : today);
    for (const row of rows) {
      book.rollTo(istDayOf(row.filled_at.getTime()));
      const stage = book.stage();
      stage.apply({
        token: Number(row.token), product: row.product, strategyId: row.strategy_id, side: row.side,
        quantity: row.quantity, price: rupeesToPaise(row.price), tradingsymbol: row.tradingsymbol,
        exchange: row.exchange, charges: rupeesToPaise(row.total_charges),
      });
      book.commit(stage);
    }
    book.rollTo(today);
    return book;
  }

  get day(): IstDay {
    return this.#day;
  }

  /** Starts a new IST day: carried positions keep their cost, flat ones are dropped. */
  rollTo(day: IstDay): void {
    if (day <= this.#day) return;
    const next = new Map<string, BookEntry>();
    for (const [key, entry] of this.#entries) {
      if (entry.position.netQuantity !== 0) next.set(key, { ...entry, position: rollOverDay(entry.position, null) });
    }
    this.#entries = next;
    this.#day = day;
  }

  entries(): BookEntry[] {
    return [...this.#entries.values()];
  }

  /** Net quantity in one instrument across products and strategies. */
  netQuantity(token: number): number {
    let net = 0;
    for (const entry of this.#entries.values()) if (entry.position.token === token) net += entry.position.netQuantity;
    return net;
  }

  /** Today's realised + unrealised P&L across all positions. */
  dayPnl(quoteOf: (token: number) => Quote | null): Paise {
    let total = 0;
    for (const entry of this.#entries.values()) total += markEntry(entry, quoteOf(entry.position.token)).dayPnl;
    return total;
  }

  stage(): PositionStage {
    return new PositionStage(this.#entries, this.#day);
  }

  /** Makes a stage's changes the book's (after its transaction committed). */
  commit(stage: PositionStage): void {
    for (const entry of stage.changed()) this.#entries.set(positionKeyString(entry.position), entry);
  }
}

/** Position changes of one transaction, invisible to the book until committed. */
export class PositionStage {
  readonly #base: ReadonlyMap<string, BookEntry>;
  readonly #changed = new Map<string, BookEntry>();
  readonly day: IstDay;

  constructor(base: ReadonlyMap<string, BookEntry>, day: IstDay) {
    this.#base = base;
    this.day = day;
  }

  apply(fill: BookFill): BookEntry {
    const key = positionKeyString(fill);
    const current = this.#changed.get(key) ?? this.#base.get(key);
    const entry: BookEntry = {
      position: applyFill(current?.position ?? emptyPosition(fill), fill),
      tradingsymbol: fill.tradingsymbol,
      exchange: fill.exchange,
      charges: (current?.charges ?? 0) + fill.charges,
    };
    this.#changed.set(key, entry);
    return entry;
  }

  changed(): BookEntry[] {
    return [...this.#changed.values()];
  }
}

export interface EntryMark {
  ltp: Paise | null;
  averagePrice: Paise | null;
  unrealisedPnl: Paise;
  dayPnl: Paise;
}

/** Marks at the LTP; without a quote, at cost (unrealised 0, open quantity valued at its cost). */
export function markEntry(entry: BookEntry, quote: Quote | null): EntryMark {
  const p = entry.position;
  if (quote) {
    const carriedValue = p.carriedQuantity !== 0 && quote.close > 0 ? p.carriedQuantity * quote.close : p.carriedValue;
    const mark = markPosition({ ...p, carriedValue }, quote.ltp);
    return { ltp: quote.ltp, averagePrice: mark.averagePrice, unrealisedPnl: mark.unrealisedPnl, dayPnl: mark.dayPnl };
  }
  return {
    ltp: null,
    averagePrice: averagePaise(BigInt(p.costBasis), p.netQuantity),
    unrealisedPnl: 0,
    dayPnl: p.daySellValue - p.dayBuyValue + p.costBasis - p.carriedValue,
  };
}

export function positionToWire(entry: BookEntry, quote: Quote | null, day: IstDay): PositionWire {
  const p = entry.position;
  const mark = markEntry(entry, quote);
  return {
    token: p.token, tradingsymbol: entry.tradingsymbol, exchange: entry.exchange, product: p.product,
    strategyId: p.strategyId, netQuantity: p.netQuantity, averagePrice: mark.averagePrice, ltp: mark.ltp,
    realisedPnl: p.realisedPnl, unrealisedPnl: mark.unrealisedPnl,
    totalPnl: p.realisedPnl + mark.unrealisedPnl, dayPnl: mark.dayPnl,
    dayRealisedPnl: p.dayRealisedPnl, carriedQuantity: p.carriedQuantity,
    dayBuyQuantity: p.dayBuyQuantity, dayBuyValue: p.dayBuyValue, daySellQuantity: p.daySellQuantity,
    daySellValue: p.daySellValue, charges: entry.charges, tradingDate: day,
  };
}

const POSITION_COLUMNS = [
  'token', 'product', 'strategy_id', 'tradingsymbol', 'exchange', 'net_qty', 'avg_price', 'realised_pnl', 'trading_date',
  'day_buy_qty', 'day_sell_qty', 'day_buy_value', 'day_sell_value', 'carried_qty', 'carried_avg_price', 'charges',
] as const;

/**
 * The upsert of the `positions` rows of some entries (in the fill's statement), with
 * `param` adding each value as a parameter. The table rounds what memory keeps exact:
 * averages to 4 decimals of a rupee.
 */
export function positionsUpsertSql(entries: readonly BookEntry[], day: IstDay, param: (value: unknown) => string): string {
  const tuples = entries.map(({ position: p, tradingsymbol, exchange, charges }) => {
    const values = [
      p.token, p.product, p.strategyId, tradingsymbol, exchange, p.netQuantity,
      averageRupeesString(BigInt(p.costBasis), p.netQuantity, 4) ?? '0', paiseToRupeesString(p.realisedPnl), day,
      p.dayBuyQuantity, p.daySellQuantity, paiseToRupeesString(p.dayBuyValue), paiseToRupeesString(p.daySellValue),
      p.carriedQuantity, averageRupeesString(BigInt(p.carriedValue), p.carriedQuantity, 4) ?? '0', paiseToRupeesString(charges),
    ];
    return `(${values.map(param).join(', ')}, now())`;
  });
  const updates = [...POSITION_COLUMNS.slice(3), 'updated_at'].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  return `INSERT INTO positions (${POSITION_COLUMNS.join(', ')}, updated_at) VALUES ${tuples.join(', ')}
    ON CONFLICT (token, product, strategy_id) DO UPDATE SET ${updates}`;
}
